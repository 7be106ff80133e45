import { describe, expect, it } from '@jest/globals'
import type { ReminderReply } from '../../services/api'
import { markDone, sortReminders, toggled } from './reminder-view'

const reminder = (id: string, dueAt: string, status: ReminderReply['status'] = 'PENDING'): ReminderReply => ({
  id,
  kind: 'FOLLOW_UP',
  title: '复诊',
  body: '',
  dueAt,
  status,
  patientId: 'p-1',
  sentAt: null
})

describe('reminders', () => {
  it('lists open reminders soonest first, then done ones latest first', () => {
    const sorted = sortReminders([
      reminder('a', '2026-12-05T01:00:00Z', 'DONE'),
      reminder('b', '2026-12-03T01:00:00Z'),
      reminder('c', '2026-12-01T01:00:00Z', 'SENT'),
      reminder('d', '2026-12-09T01:00:00Z', 'DONE')
    ])
    expect(sorted.map((item) => item.id)).toEqual(['c', 'b', 'd', 'a'])
  })

  it('marks one reminder done', () => {
    const list = markDone([reminder('a', '2026-12-01T00:00:00Z'), reminder('b', '2026-12-02T00:00:00Z')], 'b')
    expect(list.map((item) => item.status)).toEqual(['PENDING', 'DONE'])
  })

  it('switches one kind', () => {
    expect(toggled({ FOLLOW_UP: true, MEDICATION: false, APPOINTMENT: true }, 'MEDICATION')).toEqual({ FOLLOW_UP: true, MEDICATION: true, APPOINTMENT: true })
  })
})
