import { describe, expect, it } from '@jest/globals'
import type { QueueEntryReply } from '@clinic/contracts'
import { displayTarget, waitingView } from './display'

const UUID_A = '3f2504e0-4f89-41d3-9a0c-0305e82c3301'
const UUID_B = '9b2c1f4e-1a2b-4c3d-8e9f-0a1b2c3d4e5f'

describe('which queue the screen shows', () => {
  it('takes a shift over a doctor, and ignores values that are not ids', () => {
    expect(displayTarget({ scheduleId: UUID_A, doctorId: UUID_B })).toEqual({ scheduleId: UUID_A })
    expect(displayTarget({ doctorId: UUID_B })).toEqual({ doctorId: UUID_B })
    expect(displayTarget({ doctorId: 'x&scheduleId=y' })).toBeNull()
    expect(displayTarget({})).toBeNull()
  })
})

describe('the waiting list on the screen', () => {
  const waiting = (names: string[]): QueueEntryReply[] =>
    names.map((name, index) => ({ appointmentId: `a${index}`, queueNo: index + 5, name, walkIn: false, status: 'CHECKED_IN' }))

  it('shows the masked names exactly as the server sent them', () => {
    const view = waitingView(waiting(['张*三', '欧阳**', '李*']))
    expect(view.shown.map((row) => row.name)).toEqual(['张*三', '欧阳**', '李*'])
    expect(view.shown.map((row) => row.queueNo)).toEqual(['005', '006', '007'])
    expect(view.more).toBe(0)
  })

  it('counts the ones that do not fit', () => {
    const view = waitingView(waiting(['甲', '乙', '丙', '丁']), 3)
    expect(view.shown).toHaveLength(3)
    expect(view.more).toBe(1)
  })
})
