import type { AppointmentReply, Period, ScheduleReply, SlotReply } from '@clinic/contracts'
import { formatFen } from './money'
import { periodLabel, weekdayLabel } from './labels'
import { formatLocalDate, parseLocalDate } from './time'

// Shifts (出诊) and appointments as plain data: the date arithmetic, grouping and rules the pages show.

const PERIOD_ORDER: Record<Period, number> = { AM: 0, PM: 1, EVENING: 2 }

/** The local calendar date `days` after a YYYY-MM-DD date (negative goes back). */
export function addDays(date: string, days: number): string {
  const start = parseLocalDate(date)
  if (!start) throw new RangeError(`Not a date: ${date}`)
  return formatLocalDate(new Date(start.getFullYear(), start.getMonth(), start.getDate() + days))
}

export function today(now: Date = new Date()): string {
  return formatLocalDate(now)
}

/** ISO weekday of a YYYY-MM-DD date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const day = parseLocalDate(date)
  if (!day) throw new RangeError(`Not a date: ${date}`)
  return ((day.getDay() + 6) % 7) + 1
}

/** The next `count` dates from `start`, start included. */
export function datesFrom(start: string, count: number): string[] {
  return Array.from({ length: count }, (_, index) => addDays(start, index))
}

/** "12月1日 周二", with 今天 / 明天 in front when they apply. */
export function dayHeading(date: string, now: Date = new Date()): string {
  const day = parseLocalDate(date)
  if (!day) return date
  const base = `${day.getMonth() + 1}月${day.getDate()}日 ${weekdayLabel(isoWeekday(date))}`
  const current = today(now)
  if (date === current) return `今天 · ${base}`
  if (date === addDays(current, 1)) return `明天 · ${base}`
  return base
}

/** A short chip label for a date: 今天, 明天, else "12/3 周四". */
export function dayChip(date: string, now: Date = new Date()): string {
  const current = today(now)
  if (date === current) return '今天'
  if (date === addDays(current, 1)) return '明天'
  const day = parseLocalDate(date)
  return day ? `${day.getMonth() + 1}/${day.getDate()} ${weekdayLabel(isoWeekday(date))}` : date
}

export function compareShifts(a: Pick<ScheduleReply, 'date' | 'period' | 'startTime'>, b: Pick<ScheduleReply, 'date' | 'period' | 'startTime'>): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1
  const byPeriod = (PERIOD_ORDER[a.period] ?? 9) - (PERIOD_ORDER[b.period] ?? 9)
  if (byPeriod) return byPeriod
  return a.startTime < b.startTime ? -1 : a.startTime > b.startTime ? 1 : 0
}

export interface DayOfShifts<T> {
  date: string
  shifts: T[]
}

/** Shifts grouped by date, dates ascending and each day's shifts in period order (morning first). */
export function groupByDate<T extends Pick<ScheduleReply, 'date' | 'period' | 'startTime'>>(shifts: readonly T[]): DayOfShifts<T>[] {
  const days = new Map<string, T[]>()
  for (const shift of [...shifts].sort(compareShifts)) {
    const list = days.get(shift.date)
    if (list) list.push(shift)
    else days.set(shift.date, [shift])
  }
  return [...days.entries()].map(([date, list]) => ({ date, shifts: list }))
}

/** The shifts on the given day, in period order. */
export function shiftsOn<T extends Pick<ScheduleReply, 'date' | 'period' | 'startTime'>>(shifts: readonly T[], date: string): T[] {
  return shifts.filter((shift) => shift.date === date).sort(compareShifts)
}

function minutesOf(hhmm: string): number {
  const [hours, minutes] = hhmm.split(':').map(Number)
  return hours * 60 + minutes
}

/**
 * The shift to open first among one day's shifts: the open one running now, else the next to start,
 * else the last one (the day is over). Null when there are none.
 */
export function currentShift<T extends Pick<ScheduleReply, 'date' | 'period' | 'startTime' | 'endTime' | 'status'>>(
  shifts: readonly T[],
  now: Date = new Date()
): T | null {
  const sorted = [...shifts].sort(compareShifts)
  const open = sorted.filter((shift) => shift.status === 'OPEN')
  const candidates = open.length ? open : sorted
  if (!candidates.length) return null
  const minute = now.getHours() * 60 + now.getMinutes()
  const running = candidates.find((shift) => minutesOf(shift.startTime) <= minute && minute < minutesOf(shift.endTime))
  if (running) return running
  const next = candidates.find((shift) => minutesOf(shift.startTime) > minute)
  return next ?? candidates[candidates.length - 1]
}

/** "上午 08:00–12:00". */
export function shiftTime(shift: Pick<ScheduleReply, 'period' | 'startTime' | 'endTime'>): string {
  return `${periodLabel(shift.period)} ${shift.startTime}–${shift.endTime}`
}

export type Availability = { kind: 'cancelled' } | { kind: 'full' } | { kind: 'open'; remaining: number }

export function availability(shift: Pick<ScheduleReply, 'status' | 'remaining'>): Availability {
  if (shift.status === 'CANCELLED') return { kind: 'cancelled' }
  if (shift.remaining <= 0) return { kind: 'full' }
  return { kind: 'open', remaining: shift.remaining }
}

/** What a shift row says about places: 剩余 N / 约满 / 已停诊. */
export function availabilityText(shift: Pick<ScheduleReply, 'status' | 'remaining'>): string {
  const state = availability(shift)
  if (state.kind === 'cancelled') return '已停诊'
  if (state.kind === 'full') return '约满'
  return `剩余 ${state.remaining}`
}

/** A shift a patient can book online: open with places left. */
export function isBookable(shift: Pick<ScheduleReply, 'status' | 'remaining'>): boolean {
  return availability(shift).kind === 'open'
}

// Time slots inside a shift (optional: a shift without slots has an empty list).

/** The shift is split into time slots, one of which a patient must choose. */
export function hasSlots(shift: Pick<ScheduleReply, 'slots'>): boolean {
  return shift.slots.length > 0
}

/** "09:00–09:15". */
export function slotTime(slot: Pick<SlotReply, 'startTime' | 'endTime'>): string {
  return `${slot.startTime}–${slot.endTime}`
}

/** A slot with places left. */
export function isSlotOpen(slot: Pick<SlotReply, 'remaining'>): boolean {
  return slot.remaining > 0
}

/** What a slot says about places: 剩余 N / 约满. */
export function slotAvailabilityText(slot: Pick<SlotReply, 'remaining'>): string {
  return isSlotOpen(slot) ? `剩余 ${slot.remaining}` : '约满'
}

/** "上午 08:00–12:00 · 挂号费 ¥15.00". */
export function shiftSummary(shift: Pick<ScheduleReply, 'period' | 'startTime' | 'endTime' | 'registrationFeeFen'>): string {
  return `${shiftTime(shift)} · 挂号费 ${formatFen(shift.registrationFeeFen)}`
}

// Appointments.

const CANCELLABLE = new Set(['PENDING_PAYMENT', 'BOOKED'])
const IN_QUEUE = new Set(['CHECKED_IN', 'IN_PROGRESS'])
const FINISHED = new Set(['COMPLETED', 'CANCELLED', 'NO_SHOW'])

/** The patient may still cancel: nothing has happened at the clinic yet (the server decides in the end). */
export function canCancel(appointment: Pick<AppointmentReply, 'status' | 'date'>, now: Date = new Date()): boolean {
  return CANCELLABLE.has(appointment.status) && appointment.date >= today(now)
}

/** Check-in is offered on the day of the visit for a booked appointment. */
export function canCheckIn(appointment: Pick<AppointmentReply, 'status' | 'date'>, now: Date = new Date()): boolean {
  return appointment.status === 'BOOKED' && appointment.date === today(now)
}

/** Checked in or being seen: the queue position is worth showing. */
export function isInQueue(appointment: Pick<AppointmentReply, 'status'>): boolean {
  return IN_QUEUE.has(appointment.status)
}

/** Upcoming and in-progress first (soonest first), then the finished ones (latest first). */
export function sortAppointments<T extends Pick<AppointmentReply, 'status' | 'date' | 'period' | 'createdAt'>>(appointments: readonly T[]): T[] {
  const rank = (appointment: T) => (FINISHED.has(appointment.status) ? 1 : 0)
  return [...appointments].sort((a, b) => {
    const byRank = rank(a) - rank(b)
    if (byRank) return byRank
    const direction = rank(a) === 0 ? 1 : -1
    if (a.date !== b.date) return (a.date < b.date ? -1 : 1) * direction
    const byPeriod = ((PERIOD_ORDER[a.period as Period] ?? 9) - (PERIOD_ORDER[b.period as Period] ?? 9)) * direction
    if (byPeriod) return byPeriod
    return a.createdAt < b.createdAt ? -direction : a.createdAt > b.createdAt ? direction : 0
  })
}

/** Desk order: the queue number once there is one, then when it was booked. */
export function sortForDesk<T extends Pick<AppointmentReply, 'queueNo' | 'createdAt'>>(appointments: readonly T[]): T[] {
  return [...appointments].sort((a, b) => {
    if (a.queueNo !== null && b.queueNo !== null) return a.queueNo - b.queueNo
    if (a.queueNo !== null) return -1
    if (b.queueNo !== null) return 1
    return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0
  })
}

/** "前面还有 3 人，预计等待约 30 分钟" for the patient's queue card. */
export function waitText(position: { status: string; ahead: number | null; estimatedWaitMinutes: number | null }): string {
  if (position.status === 'IN_PROGRESS') return '正在就诊，请进入诊室'
  if (position.ahead === null) return '等待排队信息'
  if (position.ahead === 0) return '下一位就是您，请在诊室门口等候'
  const wait = position.estimatedWaitMinutes !== null ? `，预计等待约 ${position.estimatedWaitMinutes} 分钟` : ''
  return `前面还有 ${position.ahead} 人${wait}`
}

/** Queue numbers as the screen and the desk show them: 007. */
export function queueNumber(queueNo: number | null): string {
  return queueNo === null ? '—' : String(queueNo).padStart(3, '0')
}
