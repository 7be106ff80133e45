import { describe, expect, it } from '@jest/globals'
import { emptyAuditFilters, shortId, toAuditQuery } from './audit-filters'

const PATIENT = '3f2504e0-4f89-41d3-9a0c-0305e82c3301'

describe('toAuditQuery', () => {
  it('sends only the filters that are set, with the page', () => {
    expect(toAuditQuery(emptyAuditFilters(), 1, 20)).toEqual({ ok: true, query: { page: 1, pageSize: 20 } })
    const result = toAuditQuery({ ...emptyAuditFilters(), patientId: ` ${PATIENT.toUpperCase()} `, action: 'PATIENT_READ', outcome: 'DENIED' }, 3, 50)
    expect(result).toEqual({ ok: true, query: { page: 3, pageSize: 50, patientId: PATIENT, action: 'PATIENT_READ', outcome: 'DENIED' } })
  })

  it('takes a patient by record number as well as by id', () => {
    expect(toAuditQuery({ ...emptyAuditFilters(), patientId: 'mr00000042' }, 1, 20)).toEqual({ ok: true, query: { page: 1, pageSize: 20, medicalRecordNo: 'MR00000042' } })
    expect(toAuditQuery({ ...emptyAuditFilters(), patientId: '3f2504e0' }, 1, 20)).toEqual({
      ok: false,
      errors: { patientId: '请输入病历号（如 MR00000001）或完整的患者编号' }
    })
  })

  it('turns a range of local days into instants, the end exclusive after the last day', () => {
    const result = toAuditQuery({ ...emptyAuditFilters(), fromDate: '2026-11-01', toDate: '2026-11-30' }, 1, 20)
    if (!result.ok) throw new Error('expected a query')
    expect(result.query.from).toBe(new Date(2026, 10, 1).toISOString())
    expect(result.query.to).toBe(new Date(2026, 11, 1).toISOString())
    // A single day covers exactly 24 hours of local time (23 or 25 across a DST change, where there is one).
    const day = toAuditQuery({ ...emptyAuditFilters(), fromDate: '2026-11-26', toDate: '2026-11-26' }, 1, 20)
    if (!day.ok) throw new Error('expected a query')
    expect(new Date(day.query.to as string).getTime() - new Date(day.query.from as string).getTime()).toBe(24 * 3600 * 1000)
  })

  it('refuses partial ids, bad dates and a range that ends before it starts', () => {
    expect(toAuditQuery({ ...emptyAuditFilters(), actorId: '3f2504e0' }, 1, 20)).toEqual({
      ok: false,
      errors: { actorId: '请输入完整的操作人编号（36 位 UUID）' }
    })
    expect(toAuditQuery({ ...emptyAuditFilters(), fromDate: '2026-02-30' }, 1, 20)).toEqual({ ok: false, errors: { fromDate: '日期格式应为 YYYY-MM-DD' } })
    expect(toAuditQuery({ ...emptyAuditFilters(), fromDate: '2026-11-02', toDate: '2026-11-01' }, 1, 20)).toEqual({
      ok: false,
      errors: { toDate: '结束日期不能早于开始日期' }
    })
  })
})

describe('shortId', () => {
  it('keeps the first block of a UUID', () => {
    expect(shortId(PATIENT)).toBe('3f2504e0…')
    expect(shortId(null)).toBe('—')
  })
})
