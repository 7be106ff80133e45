import type { QueueReply } from '@clinic/contracts'

// Which of the doctor's buttons apply to the queue on screen.

export interface QueueButtons {
  /**
   * 叫号: nobody is being seen (finish or skip the current patient first). An empty waiting list on screen may be
   * stale, so the server is asked anyway and answers QUEUE.EMPTY (无人候诊) itself.
   */
  callNext: boolean
  /** 过号 / 重呼 / 完成 act on the patient being seen. */
  current: boolean
}

export function queueButtons(queue: Pick<QueueReply, 'current' | 'waiting'> | null): QueueButtons {
  if (!queue) return { callNext: false, current: false }
  return { callNext: queue.current === null, current: queue.current !== null }
}

/** "008 张三" — the number and the name as the doctor calls them. */
export function calledLine(entry: { queueNo: number; name: string }): string {
  return `${String(entry.queueNo).padStart(3, '0')} ${entry.name}`
}
