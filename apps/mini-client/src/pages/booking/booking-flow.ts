import type { DepartmentReply, DoctorReply, PatientReply, ScheduleReply } from '@clinic/contracts'

// The booking steps as data: what has been chosen decides which step shows, and going back forgets the later
// choices (a different doctor has different shifts).

export interface BookingChoice {
  department: DepartmentReply | null
  doctor: DoctorReply | null
  shift: ScheduleReply | null
  patient: PatientReply | null
}

export type BookingStep = 'department' | 'doctor' | 'shift' | 'patient' | 'confirm'

export const BOOKING_STEPS: readonly { step: BookingStep; label: string }[] = [
  { step: 'department', label: '科室' },
  { step: 'doctor', label: '医生' },
  { step: 'shift', label: '时段' },
  { step: 'patient', label: '就诊人' },
  { step: 'confirm', label: '确认' }
]

export const EMPTY_CHOICE: BookingChoice = { department: null, doctor: null, shift: null, patient: null }

export function stepOf(choice: BookingChoice): BookingStep {
  if (!choice.department) return 'department'
  if (!choice.doctor) return 'doctor'
  if (!choice.shift) return 'shift'
  if (!choice.patient) return 'patient'
  return 'confirm'
}

/** The choice with `step` and everything after it cleared, to go back to that step. */
export function backTo(choice: BookingChoice, step: BookingStep): BookingChoice {
  switch (step) {
    case 'department':
      return EMPTY_CHOICE
    case 'doctor':
      return { ...choice, doctor: null, shift: null, patient: null }
    case 'shift':
      return { ...choice, shift: null, patient: null }
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
