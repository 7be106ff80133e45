import { describe, expect, it } from '@jest/globals'
import type { QueuePositionReply } from '@clinic/contracts'
import { appointmentWhen, mergePositions, namesById, queuedIds } from './appointment-view'

const position = (appointmentId: string, ahead: number): QueuePositionReply => ({
  appointmentId,
  status: 'CHECKED_IN',
  queueNo: 3,
  ahead,
  estimatedWaitMinutes: ahead * 10,
  currentQueueNo: 1
})

describe('my appointments', () => {
  it('follows the queue of checked-in and in-progress appointments only', () => {
    expect(queuedIds([{ id: 'a', status: 'BOOKED' }, { id: 'b', status: 'CHECKED_IN' }, { id: 'c', status: 'IN_PROGRESS' }, { id: 'd', status: 'COMPLETED' }])).toEqual([
      'b',
      'c'
    ])
  })

  it('keeps the last known position when a refresh fails and drops ones no longer queued', () => {
    const before = { a: position('a', 3), gone: position('gone', 1) }
    expect(mergePositions(before, ['a', 'b'], [null, position('b', 0)])).toEqual({ a: position('a', 3), b: position('b', 0) })
    expect(mergePositions(before, ['a'], [position('a', 2)])).toEqual({ a: position('a', 2) })
  })

  it('shows the time slot start when the appointment has one', () => {
    const now = new Date(2026, 11, 1, 10, 0)
    expect(appointmentWhen({ date: '2026-12-03', period: 'AM', slotStartTime: '09:15' }, now)).toBe('12月3日 周四 上午 09:15')
    expect(appointmentWhen({ date: '2026-12-03', period: 'PM', slotStartTime: null }, now)).toBe('12月3日 周四 下午')
  })

  it('maps ids to names', () => {
    expect(namesById([{ id: 'x', name: '王医生' }])).toEqual({ x: '王医生' })
  })
})
