import type { PatientExportReply } from '@clinic/contracts'

/** The export as people and programs can read it: indented JSON, exactly what the server sent. */
export function exportText(reply: PatientExportReply): string {
  return JSON.stringify(reply, null, 2)
}

/** clinic-data-20261126-1405.json, from the export's own time (local). */
export function exportFileName(reply: PatientExportReply): string {
  const at = new Date(reply.exportedAt)
  const valid = !Number.isNaN(at.getTime())
  const date = valid ? at : new Date()
  const pad = (value: number) => String(value).padStart(2, '0')
  return `clinic-data-${date.getFullYear()}${pad(date.getMonth() + 1)}${pad(date.getDate())}-${pad(date.getHours())}${pad(date.getMinutes())}.json`
}

/** What the user must type to close the account: a deliberate act, not a stray tap. */
export const CLOSE_CONFIRM_WORD = '注销'
