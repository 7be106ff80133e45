import { describe, expect, it } from '@jest/globals'
import { canWalkIn, checkDeskBooking, deskCanCancel, deskCanCheckIn, missingPatientIds, needsOverbookReason } from './desk-logic'

const open = { status: 'OPEN' as const, remaining: 3, date: '2026-12-01' }
const full = { ...open, remaining: 0 }

describe('desk booking', () => {
  it('asks for an overbook reason only when the shift is full', () => {
    expect(needsOverbookReason(open)).toBe(false)
    expect(needsOverbookReason(full)).toBe(true)
    expect(needsOverbookReason({ ...full, status: 'CANCELLED' })).toBe(false)
  })

  it('checks patient, shift and reason before sending', () => {
    expect(checkDeskBooking(open, null, '').problem).toBe('请先查找并选择患者')
    expect(checkDeskBooking(null, 'p', '').problem).toBe('请先选择出诊时段')
    expect(checkDeskBooking({ ...open, status: 'CANCELLED' }, 'p', '').problem).toBe('该出诊已停诊')
    expect(checkDeskBooking(open, 'p', 'ignored')).toEqual({ problem: null })
    expect(checkDeskBooking(full, 'p', '  ').problem).toBe('号源已满，加号请填写加号原因')
    expect(checkDeskBooking(full, 'p', ' 复诊患者 ')).toEqual({ problem: null, overbookReason: '复诊患者' })
    expect(checkDeskBooking(full, 'p', 'x'.repeat(201)).problem).toBe('加号原因不能超过 200 个字')
  })

  it("takes walk-ins into today's open shifts only", () => {
    expect(canWalkIn(open, '2026-12-01')).toBe(true)
    expect(canWalkIn(open, '2026-12-02')).toBe(false)
    expect(canWalkIn({ ...open, status: 'CANCELLED' }, '2026-12-01')).toBe(false)
    expect(canWalkIn(null, '2026-12-01')).toBe(false)
  })

  it('checks in booked patients on the day and lets booked ones cancel', () => {
    expect(deskCanCheckIn({ status: 'BOOKED', date: '2026-12-01' }, '2026-12-01')).toBe(true)
    expect(deskCanCheckIn({ status: 'CHECKED_IN', date: '2026-12-01' }, '2026-12-01')).toBe(false)
    expect(deskCanCheckIn({ status: 'BOOKED', date: '2026-12-02' }, '2026-12-01')).toBe(false)
    expect(deskCanCancel({ status: 'BOOKED' })).toBe(true)
    expect(deskCanCancel({ status: 'IN_PROGRESS' })).toBe(false)
  })

  it('looks up each unknown patient once', () => {
    expect(missingPatientIds([{ patientId: 'a' }, { patientId: 'b' }, { patientId: 'a' }], { b: '李四' })).toEqual(['a'])
  })
})
