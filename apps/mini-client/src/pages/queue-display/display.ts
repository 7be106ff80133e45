import type { QueueEntryReply } from '@clinic/contracts'
import type { QueueTarget } from '../../services/api'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** The queue the screen shows, from its page query (?scheduleId= wins over ?doctorId=); null when neither is usable. */
export function displayTarget(params: Record<string, string | undefined>): QueueTarget | null {
  const scheduleId = params.scheduleId ? decodeURIComponent(params.scheduleId) : ''
  if (UUID.test(scheduleId)) return { scheduleId }
  const doctorId = params.doctorId ? decodeURIComponent(params.doctorId) : ''
  if (UUID.test(doctorId)) return { doctorId }
  return null
}

/** How many waiting patients fit on the screen; the rest show as "另有 N 人". */
export const WAITING_SHOWN = 8

export interface WaitingView {
  shown: { key: string; queueNo: string; name: string }[]
  more: number
}

/**
 * The waiting list as the screen draws it. Names are shown exactly as the server sent them: it masks them
 * (张*三) for this screen, and the client must not try to undo or redo that.
 */
export function waitingView(waiting: readonly QueueEntryReply[], limit = WAITING_SHOWN): WaitingView {
  return {
    shown: waiting.slice(0, limit).map((entry) => ({
      key: entry.appointmentId,
      queueNo: String(entry.queueNo).padStart(3, '0'),
      name: entry.name
    })),
    more: Math.max(0, waiting.length - limit)
  }
}
