import { describe, expect, it } from '@jest/globals'
import { ageOn, clinicToday, formatClock, formatDateTime, parseLocalDate } from './time'

describe('time formatting (local time)', () => {
  it('formats an instant as local date and time', () => {
    expect(formatDateTime(new Date(2026, 0, 5, 7, 8, 9).toISOString())).toBe('2026-01-05 07:08:09')
    expect(formatDateTime('not a time')).toBe('not a time')
  })

  it('shows only the clock for today', () => {
    const now = new Date(2026, 10, 26, 9, 0)
    expect(formatClock(new Date(2026, 10, 26, 23, 59).toISOString(), now)).toBe('23:59')
    expect(formatClock(new Date(2026, 10, 27, 0, 1).toISOString(), now)).toBe('11月27日 00:01')
  })

  it('accepts only real calendar dates', () => {
    expect(parseLocalDate('2024-02-29')?.getDate()).toBe(29)
    expect(parseLocalDate('2026-02-29')).toBeNull()
    expect(parseLocalDate('2026-2-1')).toBeNull()
  })

  it('counts whole years, the birthday itself included', () => {
    expect(ageOn('1990-11-26', new Date(2026, 10, 26))).toBe(36)
    expect(ageOn('1990-11-27', new Date(2026, 10, 26))).toBe(35)
    expect(ageOn('2027-01-01', new Date(2026, 10, 26))).toBeNull()
  })
})

describe('the clinic\'s date (Asia/Shanghai)', () => {
  it('turns over at midnight in Beijing, not at midnight UTC or on the device', () => {
    expect(clinicToday(new Date('2026-11-26T15:59:59Z'))).toBe('2026-11-26')
    expect(clinicToday(new Date('2026-11-26T16:00:00Z'))).toBe('2026-11-27')
    expect(clinicToday(new Date('2026-12-31T16:30:00Z'))).toBe('2027-01-01')
    expect(clinicToday(new Date('2026-03-01T00:00:00+08:00'))).toBe('2026-03-01')
  })
})
