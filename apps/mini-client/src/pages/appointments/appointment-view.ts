import type { AppointmentReply, DoctorReply, PatientReply, QueuePositionReply } from '@clinic/contracts'
import { periodLabel } from '../../utils/labels'
import { dayHeading, isInQueue } from '../../utils/schedule'

/** "明天 · 12月2日 周三 上午 09:15": the slot's start when the appointment has one. */
export function appointmentWhen(appointment: Pick<AppointmentReply, 'date' | 'period' | 'slotStartTime'>, now: Date = new Date()): string {
  const parts = [dayHeading(appointment.date, now), periodLabel(appointment.period)]
  if (appointment.slotStartTime) parts.push(appointment.slotStartTime)
  return parts.join(' ')
}

/** Ids of the appointments whose queue position is shown (and refreshed). */
export function queuedIds(appointments: readonly Pick<AppointmentReply, 'id' | 'status'>[]): string[] {
  return appointments.filter(isInQueue).map((appointment) => appointment.id)
}

/** Names by id, for rows that carry only ids. */
export function namesById(people: readonly (Pick<DoctorReply, 'id' | 'name'> | Pick<PatientReply, 'id' | 'name'>)[]): Record<string, string> {
  return Object.fromEntries(people.map((person) => [person.id, person.name]))
}

/**
 * Positions after a refresh: answers that arrived replace the old ones; an appointment whose refresh failed keeps
 * its last known position; ones no longer in the queue are dropped.
 */
export function mergePositions(
  previous: Record<string, QueuePositionReply>,
  ids: readonly string[],
  answers: readonly (QueuePositionReply | null)[]
): Record<string, QueuePositionReply> {
  const next: Record<string, QueuePositionReply> = {}
  ids.forEach((id, index) => {
    const answer = answers[index] ?? previous[id]
    if (answer) next[id] = answer
  })
  return next
}
