import type { DepartmentReply, DoctorReply, PatientReply, ScheduleReply, SlotReply } from '@clinic/contracts'
import type { BookInput } from '../../services/api'
import { periodLabel } from '../../utils/labels'
import { dayHeading, hasSlots, shiftTime, slotTime } from '../../utils/schedule'

// The booking steps as data: what has been chosen decides which step shows, and going back forgets the later
// choices (a different doctor has different shifts).

export interface BookingChoice {
  department: DepartmentReply | null
  doctor: DoctorReply | null
  shift: ScheduleReply | null
  /** The time slot within the shift; only on a shift that has slots. */
  slot: SlotReply | null
  patient: PatientReply | null
}

export type BookingStep = 'department' | 'doctor' | 'shift' | 'slot' | 'patient' | 'confirm'

export const BOOKING_STEPS: readonly { step: BookingStep; label: string }[] = [
  { step: 'department', label: '科室' },
  { step: 'doctor', label: '医生' },
  { step: 'shift', label: '时段' },
  { step: 'slot', label: '时间' },
  { step: 'patient', label: '就诊人' },
  { step: 'confirm', label: '确认' }
]

export const EMPTY_CHOICE: BookingChoice = { department: null, doctor: null, shift: null, slot: null, patient: null }

/** The crumbs to show: the time step only once a shift with time slots is chosen. */
export function stepsFor(choice: BookingChoice): readonly { step: BookingStep; label: string }[] {
  const withSlots = choice.shift !== null && hasSlots(choice.shift)
  return BOOKING_STEPS.filter((item) => item.step !== 'slot' || withSlots)
}

export function stepOf(choice: BookingChoice): BookingStep {
  if (!choice.department) return 'department'
  if (!choice.doctor) return 'doctor'
  if (!choice.shift) return 'shift'
  if (hasSlots(choice.shift) && !choice.slot) return 'slot'
  if (!choice.patient) return 'patient'
  return 'confirm'
}

/** The choice with `step` and everything after it cleared, to go back to that step. */
export function backTo(choice: BookingChoice, step: BookingStep): BookingChoice {
  switch (step) {
    case 'department':
      return EMPTY_CHOICE
    case 'doctor':
      return { ...choice, doctor: null, shift: null, slot: null, patient: null }
    case 'shift':
      return { ...choice, shift: null, slot: null, patient: null }
    case 'slot':
      return { ...choice, slot: null, patient: null }
    case 'patient':
      return { ...choice, patient: null }
    default:
      return choice
  }
}

/** Whether the crumb of `step` may be tapped: only steps already passed. */
export function isReachedBefore(current: BookingStep, step: BookingStep): boolean {
  const order = BOOKING_STEPS.map((item) => item.step)
  return order.indexOf(step) < order.indexOf(current)
}

/** "主治医师 · 呼吸系统疾病". */
export function doctorLine(doctor: Pick<DoctorReply, 'title' | 'specialty'>): string {
  return [doctor.title, doctor.specialty ? `擅长：${doctor.specialty}` : null].filter(Boolean).join(' · ')
}

/** "今天 · 12月1日 周二 上午 09:00–09:15": the chosen slot when there is one, else the whole shift. */
export function visitTimeText(shift: Pick<ScheduleReply, 'date' | 'period' | 'startTime' | 'endTime'>, slot: Pick<SlotReply, 'startTime' | 'endTime'> | null, now: Date = new Date()): string {
  const time = slot ? `${periodLabel(shift.period)} ${slotTime(slot)}` : shiftTime(shift)
  return `${dayHeading(shift.date, now)} ${time}`
}

/** The POST /appointments body of a complete choice; slotId only when a slot was chosen. */
export function bookingInput(choice: BookingChoice): BookInput | null {
  if (!choice.shift || !choice.patient) return null
  if (hasSlots(choice.shift) && !choice.slot) return null
  const input: BookInput = { patientId: choice.patient.id, scheduleId: choice.shift.id }
  if (choice.slot) input.slotId = choice.slot.id
  return input
}
