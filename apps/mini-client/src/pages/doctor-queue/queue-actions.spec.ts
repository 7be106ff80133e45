import { describe, expect, it } from '@jest/globals'
import type { QueueEntryReply } from '@clinic/contracts'
import { calledLine, queueButtons } from './queue-actions'

const entry = (queueNo: number, status: QueueEntryReply['status'] = 'CHECKED_IN'): QueueEntryReply => ({
  appointmentId: `a${queueNo}`,
  queueNo,
  name: '张三',
  walkIn: false,
  status
})

describe("the doctor's buttons", () => {
  it('calls the next patient only when nobody is being seen', () => {
    expect(queueButtons({ current: null, waiting: [entry(1)] })).toEqual({ callNext: true, current: false })
    expect(queueButtons({ current: entry(1, 'IN_PROGRESS'), waiting: [entry(2)] })).toEqual({ callNext: false, current: true })
    // The list may be stale: the server answers QUEUE.EMPTY itself.
    expect(queueButtons({ current: null, waiting: [] }).callNext).toBe(true)
    expect(queueButtons(null)).toEqual({ callNext: false, current: false })
  })

  it('calls a patient by number and name', () => {
    expect(calledLine({ queueNo: 8, name: '张三' })).toBe('008 张三')
  })
})
