import type { AppointmentReply, ScheduleReply } from '@clinic/contracts'
import { availability } from '../../utils/schedule'

// What the front desk may do with a shift and its appointments.

/** A full shift takes one more only with a reason (加号, audited); a cancelled one takes none. */
export function needsOverbookReason(shift: Pick<ScheduleReply, 'status' | 'remaining'>): boolean {
  return availability(shift).kind === 'full'
}

export interface DeskBookingCheck {
  /** Why the booking cannot be sent yet; null when it can. */
  problem: string | null
  /** The reason to send, trimmed; undefined when the shift has places. */
  overbookReason?: string
}

export const OVERBOOK_REASON_MAX = 200

export function checkDeskBooking(
  shift: Pick<ScheduleReply, 'status' | 'remaining'> | null,
  patientId: string | null,
  reason: string
): DeskBookingCheck {
  if (!patientId) return { problem: '请先查找并选择患者' }
  if (!shift) return { problem: '请先选择出诊时段' }
  if (shift.status === 'CANCELLED') return { problem: '该出诊已停诊' }
  if (!needsOverbookReason(shift)) return { problem: null }
  const trimmed = reason.trim()
  if (!trimmed) return { problem: '号源已满，加号请填写加号原因' }
  if (trimmed.length > OVERBOOK_REASON_MAX) return { problem: `加号原因不能超过 ${OVERBOOK_REASON_MAX} 个字` }
  return { problem: null, overbookReason: trimmed }
}

/** Walk-ins join today's queue only. */
export function canWalkIn(shift: Pick<ScheduleReply, 'date' | 'status'> | null, today: string): boolean {
  return shift !== null && shift.status === 'OPEN' && shift.date === today
}

/** The desk checks in booked patients on the day of their shift (no code needed). */
export function deskCanCheckIn(appointment: Pick<AppointmentReply, 'status' | 'date'>, today: string): boolean {
  return appointment.status === 'BOOKED' && appointment.date === today
}

/** 退号 before anything has happened at the clinic. */
export function deskCanCancel(appointment: Pick<AppointmentReply, 'status'>): boolean {
  return appointment.status === 'BOOKED' || appointment.status === 'PENDING_PAYMENT'
}

/** Patients of these appointments whose names are not known yet, each once. */
export function missingPatientIds(appointments: readonly Pick<AppointmentReply, 'patientId'>[], known: Record<string, string>): string[] {
  return [...new Set(appointments.map((appointment) => appointment.patientId))].filter((id) => !(id in known))
}
