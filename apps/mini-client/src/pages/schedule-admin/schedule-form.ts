import type { CreateScheduleDto, CreateTemplateDto, Period, ScheduleReply } from '@clinic/contracts'
import type { UpdateScheduleInput } from '../../services/api'
import { fenToYuanText, parseYuan } from '../../utils/money'
import { parseLocalDate } from '../../utils/time'

// The scheduling forms as plain data: typed text in, problems or request bodies out.

export const CAPACITY_MAX = 500
export const WEEKS_MAX = 12
export const SLOT_MINUTES_MIN = 5
export const SLOT_MINUTES_MAX = 240
export const SLOT_CAPACITY_MAX = 500
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/

/** The usual hours of each period, filled in when a period is chosen. */
export const PERIOD_HOURS: Record<Period, { startTime: string; endTime: string }> = {
  AM: { startTime: '08:00', endTime: '12:00' },
  PM: { startTime: '14:00', endTime: '17:30' },
  EVENING: { startTime: '18:00', endTime: '21:00' }
}

export interface ShiftFormValues {
  /** Templates: "1".."7"; shifts: unused. */
  weekday: string
  /** Shifts: YYYY-MM-DD; templates: unused. */
  date: string
  period: Period
  startTime: string
  endTime: string
  capacity: string
  /** Yuan; empty means the default fee for the doctor's title. */
  fee: string
  /** 分时段 (optional, both or neither): minutes per slot, 5..240. */
  slotMinutes: string
  /** Places per slot, 1..500. */
  slotCapacity: string
}

export type ShiftFormErrors = Partial<Record<keyof ShiftFormValues | 'doctor', string>>

export function emptyShiftForm(period: Period = 'AM'): ShiftFormValues {
  return { weekday: '1', date: '', period, ...PERIOD_HOURS[period], capacity: '30', fee: '', slotMinutes: '', slotCapacity: '' }
}

function capacityProblem(text: string): string | null {
  if (!/^\d+$/.test(text.trim())) return '号源数应为整数'
  const value = Number(text.trim())
  return value >= 1 && value <= CAPACITY_MAX ? null : `号源数应在 1 到 ${CAPACITY_MAX} 之间`
}

function feeProblem(text: string): string | null {
  if (!text.trim()) return null
  return parseYuan(text) === null ? '挂号费格式不正确，例如 15 或 15.50' : null
}

function integerIn(text: string, min: number, max: number): boolean {
  if (!/^\d+$/.test(text)) return false
  const value = Number(text)
  return value >= min && value <= max
}

/** The optional time slots: both fields or neither, each a whole number in range. */
export function slotProblems(values: Pick<ShiftFormValues, 'slotMinutes' | 'slotCapacity'>): Pick<ShiftFormErrors, 'slotMinutes' | 'slotCapacity'> {
  const minutes = values.slotMinutes.trim()
  const capacity = values.slotCapacity.trim()
  const errors: Pick<ShiftFormErrors, 'slotMinutes' | 'slotCapacity'> = {}
  if (!minutes && !capacity) return errors
  if (!minutes) errors.slotMinutes = '分时段需同时填写每段分钟'
  else if (!integerIn(minutes, SLOT_MINUTES_MIN, SLOT_MINUTES_MAX)) errors.slotMinutes = `每段分钟应为 ${SLOT_MINUTES_MIN} 到 ${SLOT_MINUTES_MAX} 的整数`
  if (!capacity) errors.slotCapacity = '分时段需同时填写每段人数'
  else if (!integerIn(capacity, 1, SLOT_CAPACITY_MAX)) errors.slotCapacity = `每段人数应为 1 到 ${SLOT_CAPACITY_MAX} 的整数`
  return errors
}

/** The slot fields of a request body: only when both are filled. */
export function slotInput(values: Pick<ShiftFormValues, 'slotMinutes' | 'slotCapacity'>): { slotMinutes?: number; slotCapacity?: number } {
  const minutes = values.slotMinutes.trim()
  const capacity = values.slotCapacity.trim()
  return minutes && capacity ? { slotMinutes: Number(minutes), slotCapacity: Number(capacity) } : {}
}

function timeProblems(values: Pick<ShiftFormValues, 'startTime' | 'endTime'>): ShiftFormErrors {
  const errors: ShiftFormErrors = {}
  if (!HHMM.test(values.startTime)) errors.startTime = '开始时间格式为 HH:MM'
  if (!HHMM.test(values.endTime)) errors.endTime = '结束时间格式为 HH:MM'
  if (!errors.startTime && !errors.endTime && values.endTime <= values.startTime) errors.endTime = '结束时间应晚于开始时间'
  return errors
}

function common(values: ShiftFormValues, doctorId: string): ShiftFormErrors {
  const errors: ShiftFormErrors = { ...timeProblems(values), ...slotProblems(values) }
  if (!doctorId) errors.doctor = '请先选择医生'
  const capacity = capacityProblem(values.capacity)
  if (capacity) errors.capacity = capacity
  const fee = feeProblem(values.fee)
  if (fee) errors.fee = fee
  return errors
}

export function validateTemplate(values: ShiftFormValues, doctorId: string): ShiftFormErrors {
  const errors = common(values, doctorId)
  const weekday = Number(values.weekday)
  if (!Number.isInteger(weekday) || weekday < 1 || weekday > 7) errors.weekday = '请选择星期'
  return errors
}

export function validateShift(values: ShiftFormValues, doctorId: string, today: string): ShiftFormErrors {
  const errors = common(values, doctorId)
  if (!parseLocalDate(values.date)) errors.date = '日期格式为 YYYY-MM-DD'
  else if (values.date < today) errors.date = '不能为过去的日期排班'
  return errors
}

export function hasProblems(errors: ShiftFormErrors): boolean {
  return Object.values(errors).some(Boolean)
}

function fee(values: ShiftFormValues): { registrationFeeFen?: number } {
  const fen = values.fee.trim() ? parseYuan(values.fee) : null
  return fen === null ? {} : { registrationFeeFen: fen }
}

export function toTemplateInput(values: ShiftFormValues, doctorId: string): CreateTemplateDto {
  return {
    doctorId,
    weekday: Number(values.weekday),
    period: values.period,
    startTime: values.startTime,
    endTime: values.endTime,
    capacity: Number(values.capacity.trim()),
    ...fee(values),
    ...slotInput(values)
  }
}

export function toScheduleInput(values: ShiftFormValues, doctorId: string): CreateScheduleDto {
  return {
    doctorId,
    date: values.date,
    period: values.period,
    startTime: values.startTime,
    endTime: values.endTime,
    capacity: Number(values.capacity.trim()),
    ...fee(values),
    ...slotInput(values)
  }
}

/** Weeks to generate, 1..12, or a problem. */
export function parseWeeks(text: string): { weeks: number } | { problem: string } {
  const value = Number(text.trim())
  if (!/^\d+$/.test(text.trim()) || value < 1 || value > WEEKS_MAX) return { problem: `周数应为 1 到 ${WEEKS_MAX} 的整数` }
  return { weeks: value }
}

// Editing one shift: capacity and fee.

export interface ShiftEditValues {
  capacity: string
  fee: string
}

export function editValuesOf(shift: Pick<ScheduleReply, 'capacity' | 'registrationFeeFen'>): ShiftEditValues {
  return { capacity: String(shift.capacity), fee: fenToYuanText(shift.registrationFeeFen) }
}

/** The PATCH body of only what changed, or a problem. Capacity may not drop below the places taken. */
export function toScheduleUpdate(
  shift: Pick<ScheduleReply, 'capacity' | 'booked' | 'registrationFeeFen'>,
  values: ShiftEditValues
): { update: UpdateScheduleInput } | { problem: string } {
  const capacityError = capacityProblem(values.capacity)
  if (capacityError) return { problem: capacityError }
  const capacity = Number(values.capacity.trim())
  if (capacity < shift.booked) return { problem: `号源数不能少于已预约的 ${shift.booked} 人` }
  const fen = parseYuan(values.fee)
  if (fen === null) return { problem: '挂号费格式不正确，例如 15 或 15.50' }
  const update: UpdateScheduleInput = {}
  if (capacity !== shift.capacity) update.capacity = capacity
  if (fen !== shift.registrationFeeFen) update.registrationFeeFen = fen
  return { update }
}

export const CANCEL_REASON_MAX = 200

export function cancelReasonProblem(reason: string): string | null {
  const trimmed = reason.trim()
  if (!trimmed) return '请填写停诊原因'
  return trimmed.length > CANCEL_REASON_MAX ? `停诊原因不能超过 ${CANCEL_REASON_MAX} 个字` : null
}
