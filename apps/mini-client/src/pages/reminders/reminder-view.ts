import { REMINDER_KINDS, type ReminderKind, type ReminderReply, type ReminderSettings, type ReminderStatus } from '../../services/api'

// The patient's reminders: their labels, their order, and the per-kind switches.

export const REMINDER_KIND_LABELS: Record<ReminderKind, string> = {
  FOLLOW_UP: '复诊提醒',
  MEDICATION: '用药提醒',
  APPOINTMENT: '就诊提醒'
}

export const REMINDER_KIND_HINTS: Record<ReminderKind, string> = {
  FOLLOW_UP: '医生开具的复诊日期当天提醒',
  MEDICATION: '按处方用法提醒按时用药',
  APPOINTMENT: '预约就诊前提醒签到'
}

export const REMINDER_STATUS_LABELS: Record<ReminderStatus, string> = { PENDING: '待提醒', SENDING: '发送中', SENT: '已提醒', DONE: '已完成', SKIPPED: '未发送' }

export { REMINDER_KINDS }

/** Open ones first, soonest due first; done ones after, latest first. */
export function sortReminders(reminders: readonly ReminderReply[]): ReminderReply[] {
  const open = reminders.filter((item) => item.status !== 'DONE').sort((a, b) => a.dueAt.localeCompare(b.dueAt))
  const done = reminders.filter((item) => item.status === 'DONE').sort((a, b) => b.dueAt.localeCompare(a.dueAt))
  return [...open, ...done]
}

/** A reminder after 完成, in the list. */
export function markDone(reminders: readonly ReminderReply[], id: string): ReminderReply[] {
  return reminders.map((item) => (item.id === id ? { ...item, status: 'DONE' as const } : item))
}

/** The settings with one kind switched. */
export function toggled(settings: ReminderSettings, kind: ReminderKind): ReminderSettings {
  return { ...settings, [kind]: !settings[kind] }
}
