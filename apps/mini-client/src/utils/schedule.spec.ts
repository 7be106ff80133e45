import { describe, expect, it } from '@jest/globals'
import type { ScheduleReply } from '@clinic/contracts'
import {
  addDays,
  availabilityText,
  canCancel,
  canCheckIn,
  currentShift,
  datesFrom,
  dayChip,
  dayHeading,
  groupByDate,
  hasSlots,
  isBookable,
  isSlotOpen,
  isoWeekday,
  queueNumber,
  shiftsOn,
  shiftSummary,
  slotAvailabilityText,
  slotTime,
  sortAppointments,
  sortForDesk,
  waitText
} from './schedule'

// Tuesday 1 December 2026, 10:30 local time.
const NOW = new Date(2026, 11, 1, 10, 30)

function shift(overrides: Partial<ScheduleReply>): ScheduleReply {
  return {
    id: 's',
    doctorId: 'doc',
    departmentId: 'dep',
    date: '2026-12-01',
    period: 'AM',
    startTime: '08:00',
    endTime: '12:00',
    capacity: 30,
    booked: 10,
    remaining: 20,
    registrationFeeFen: 1500,
    status: 'OPEN',
    cancelReason: null,
    slots: [],
    ...overrides
  }
}

describe('dates', () => {
  it('adds days across months and years in local time', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28')
    expect(datesFrom('2026-12-30', 3)).toEqual(['2026-12-30', '2026-12-31', '2027-01-01'])
  })

  it('numbers weekdays the ISO way, Monday 1 to Sunday 7', () => {
    expect(isoWeekday('2026-11-30')).toBe(1)
    expect(isoWeekday('2026-12-06')).toBe(7)
  })

  it('names today and tomorrow', () => {
    expect(dayHeading('2026-12-01', NOW)).toBe('今天 · 12月1日 周二')
    expect(dayHeading('2026-12-02', NOW)).toBe('明天 · 12月2日 周三')
    expect(dayHeading('2026-12-05', NOW)).toBe('12月5日 周六')
    expect(dayChip('2026-12-01', NOW)).toBe('今天')
    expect(dayChip('2026-12-03', NOW)).toBe('12/3 周四')
  })
})

describe('grouping shifts', () => {
  it('groups by date ascending with morning before afternoon before evening', () => {
    const list = [
      shift({ id: 'c', date: '2026-12-02', period: 'PM', startTime: '14:00' }),
      shift({ id: 'e', date: '2026-12-01', period: 'EVENING', startTime: '18:00' }),
      shift({ id: 'a', date: '2026-12-01', period: 'AM' }),
      shift({ id: 'b', date: '2026-12-02', period: 'AM' }),
      shift({ id: 'p', date: '2026-12-01', period: 'PM', startTime: '14:00' })
    ]
    expect(groupByDate(list).map((day) => [day.date, day.shifts.map((item) => item.id)])).toEqual([
      ['2026-12-01', ['a', 'p', 'e']],
      ['2026-12-02', ['b', 'c']]
    ])
    expect(groupByDate([])).toEqual([])
  })

  it("chooses one day's shifts", () => {
    const list = [shift({ id: 'x', date: '2026-12-02' }), shift({ id: 'pm', period: 'PM', startTime: '14:00' }), shift({ id: 'am' })]
    expect(shiftsOn(list, '2026-12-01').map((item) => item.id)).toEqual(['am', 'pm'])
  })

  it('opens the shift running now, else the next, else the last of the day', () => {
    const am = shift({ id: 'am' })
    const pm = shift({ id: 'pm', period: 'PM', startTime: '14:00', endTime: '17:30' })
    expect(currentShift([pm, am], NOW)?.id).toBe('am')
    expect(currentShift([am, pm], new Date(2026, 11, 1, 12, 30))?.id).toBe('pm')
    expect(currentShift([am, pm], new Date(2026, 11, 1, 19, 0))?.id).toBe('pm')
    expect(currentShift([shift({ id: 'off', status: 'CANCELLED' }), pm], NOW)?.id).toBe('pm')
    expect(currentShift([], NOW)).toBeNull()
  })
})

describe('places', () => {
  it('says how many are left, or full, or cancelled', () => {
    expect(availabilityText(shift({ remaining: 3 }))).toBe('剩余 3')
    expect(availabilityText(shift({ remaining: 0 }))).toBe('约满')
    expect(availabilityText(shift({ remaining: 5, status: 'CANCELLED' }))).toBe('已停诊')
    expect(isBookable(shift({ remaining: 1 }))).toBe(true)
    expect(isBookable(shift({ remaining: 0 }))).toBe(false)
    expect(isBookable(shift({ status: 'CANCELLED' }))).toBe(false)
  })

  it('summarises time and fee', () => {
    expect(shiftSummary(shift({ registrationFeeFen: 2550 }))).toBe('上午 08:00–12:00 · 挂号费 ¥25.50')
  })
})

describe('appointments', () => {
  const base = { date: '2026-12-01', period: 'AM', createdAt: '2026-11-30T01:00:00Z' }

  it('offers cancelling before the visit and check-in on its day only', () => {
    expect(canCancel({ status: 'BOOKED', date: '2026-12-03' }, NOW)).toBe(true)
    expect(canCancel({ status: 'CHECKED_IN', date: '2026-12-01' }, NOW)).toBe(false)
    expect(canCancel({ status: 'BOOKED', date: '2026-11-30' }, NOW)).toBe(false)
    expect(canCheckIn({ status: 'BOOKED', date: '2026-12-01' }, NOW)).toBe(true)
    expect(canCheckIn({ status: 'BOOKED', date: '2026-12-02' }, NOW)).toBe(false)
    expect(canCheckIn({ status: 'CANCELLED', date: '2026-12-01' }, NOW)).toBe(false)
  })

  it('lists upcoming soonest first, then finished latest first', () => {
    const list = [
      { ...base, id: 'done-old', status: 'COMPLETED' as const, date: '2026-11-01' },
      { ...base, id: 'later', status: 'BOOKED' as const, date: '2026-12-05' },
      { ...base, id: 'done-new', status: 'CANCELLED' as const, date: '2026-11-20' },
      { ...base, id: 'today-pm', status: 'BOOKED' as const, period: 'PM' },
      { ...base, id: 'today-am', status: 'CHECKED_IN' as const }
    ]
    expect(sortAppointments(list).map((item) => item.id)).toEqual(['today-am', 'today-pm', 'later', 'done-new', 'done-old'])
  })

  it('orders the desk list by queue number, then by booking time', () => {
    const list = [
      { id: 'b2', queueNo: null, createdAt: '2026-12-01T02:00:00Z' },
      { id: 'q3', queueNo: 3, createdAt: '2026-12-01T00:00:00Z' },
      { id: 'b1', queueNo: null, createdAt: '2026-12-01T01:00:00Z' },
      { id: 'q1', queueNo: 1, createdAt: '2026-12-01T03:00:00Z' }
    ]
    expect(sortForDesk(list).map((item) => item.id)).toEqual(['q1', 'q3', 'b1', 'b2'])
  })

  it('tells the patient where they are in the queue', () => {
    expect(waitText({ status: 'CHECKED_IN', ahead: 3, estimatedWaitMinutes: 30 })).toBe('前面还有 3 人，预计等待约 30 分钟')
    expect(waitText({ status: 'CHECKED_IN', ahead: 2, estimatedWaitMinutes: null })).toBe('前面还有 2 人')
    expect(waitText({ status: 'CHECKED_IN', ahead: 0, estimatedWaitMinutes: 0 })).toBe('下一位就是您，请在诊室门口等候')
    expect(waitText({ status: 'IN_PROGRESS', ahead: 0, estimatedWaitMinutes: 0 })).toBe('正在就诊，请进入诊室')
    expect(waitText({ status: 'CHECKED_IN', ahead: null, estimatedWaitMinutes: null })).toBe('等待排队信息')
  })

  it('pads queue numbers to three digits', () => {
    expect(queueNumber(7)).toBe('007')
    expect(queueNumber(1234)).toBe('1234')
    expect(queueNumber(null)).toBe('—')
  })
})

describe('time slots', () => {
  const slot = { id: 'slot-1', startTime: '09:00', endTime: '09:15', capacity: 3, booked: 1, remaining: 2 }

  it('tells shifts with slots from those without', () => {
    expect(hasSlots(shift({}))).toBe(false)
    expect(hasSlots(shift({ slots: [slot] }))).toBe(true)
  })

  it('shows a slot as a time range with the places left', () => {
    expect(slotTime(slot)).toBe('09:00–09:15')
    expect(slotAvailabilityText(slot)).toBe('剩余 2')
    expect(isSlotOpen(slot)).toBe(true)
    expect(slotAvailabilityText({ remaining: 0 })).toBe('约满')
    expect(isSlotOpen({ remaining: 0 })).toBe(false)
  })
})
