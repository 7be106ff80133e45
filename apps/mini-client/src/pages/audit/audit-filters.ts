import type { AuditAction, AuditOutcome, AuditQuery } from '@clinic/contracts'
import { parseLocalDate } from '../../utils/time'

/** The audit page's filter fields as typed; dates are local calendar days. */
export interface AuditFilters {
  patientId: string
  actorId: string
  action: AuditAction | ''
  outcome: AuditOutcome | ''
  /** YYYY-MM-DD, from the start of that local day. */
  fromDate: string
  /** YYYY-MM-DD, to the end of that local day. */
  toDate: string
}

export type AuditFilterField = keyof AuditFilters

export function emptyAuditFilters(): AuditFilters {
  return { patientId: '', actorId: '', action: '', outcome: '', fromDate: '', toDate: '' }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export type AuditQueryResult =
  | { ok: true; query: AuditQuery }
  | { ok: false; errors: Partial<Record<AuditFilterField, string>> }

/**
 * The GET /audit-logs query for the filters: a patient by record number (MR…) or whole UUID, an actor by whole
 * UUID (the server matches exactly), and the day
 * range becomes instants — `from` the local midnight starting the first day, `to` (exclusive) the one after the last.
 */
export function toAuditQuery(filters: AuditFilters, page: number, pageSize: number): AuditQueryResult {
  const errors: Partial<Record<AuditFilterField, string>> = {}
  const patientId = filters.patientId.trim()
  const actorId = filters.actorId.trim()
  const recordNo = /^MR\d{1,12}$/i.test(patientId)
  if (patientId && !recordNo && !UUID.test(patientId)) errors.patientId = '请输入病历号（如 MR00000001）或完整的患者编号'
  if (actorId && !UUID.test(actorId)) errors.actorId = '请输入完整的操作人编号（36 位 UUID）'

  const fromDay = filters.fromDate.trim() ? parseLocalDate(filters.fromDate.trim()) : null
  const toDay = filters.toDate.trim() ? parseLocalDate(filters.toDate.trim()) : null
  if (filters.fromDate.trim() && !fromDay) errors.fromDate = '日期格式应为 YYYY-MM-DD'
  if (filters.toDate.trim() && !toDay) errors.toDate = '日期格式应为 YYYY-MM-DD'
  if (fromDay && toDay && fromDay.getTime() > toDay.getTime()) errors.toDate = '结束日期不能早于开始日期'
  if (Object.keys(errors).length) return { ok: false, errors }

  const query: AuditQuery = { page, pageSize }
  if (patientId && recordNo) query.medicalRecordNo = patientId.toUpperCase()
  else if (patientId) query.patientId = patientId.toLowerCase()
  if (actorId) query.actorId = actorId.toLowerCase()
  if (filters.action) query.action = filters.action
  if (filters.outcome) query.outcome = filters.outcome
  if (fromDay) query.from = fromDay.toISOString()
  if (toDay) {
    const nextDay = new Date(toDay.getFullYear(), toDay.getMonth(), toDay.getDate() + 1)
    query.to = nextDay.toISOString()
  }
  return { ok: true, query }
}

/** Shortens a UUID for a table cell; the full id stays available on tap. */
export function shortId(id: string | null): string {
  if (!id) return '—'
  return id.length > 13 ? `${id.slice(0, 8)}…` : id
}
