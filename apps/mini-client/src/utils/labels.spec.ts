import { describe, expect, it } from '@jest/globals'
import {
  appointmentStatusLabel,
  appointmentStatusTag,
  periodLabel,
  weekdayLabel,
  AUDIT_ACTION_LABELS,
  AUDIT_OUTCOME_LABELS,
  auditActionLabel,
  auditOutcomeLabel,
  DOCTOR_TITLE_LABELS,
  DRUG_ALLERGY_LABELS,
  drugAllergyLabel,
  keysOf,
  ROLE_LABELS,
  roleLabel
} from './labels'

// The compiler checks every union member has a label (Record<Union, string>); these check what it cannot.
describe('label maps', () => {
  it.each([
    ['drug allergy classes', DRUG_ALLERGY_LABELS],
    ['audit actions', AUDIT_ACTION_LABELS],
    ['audit outcomes', AUDIT_OUTCOME_LABELS],
    ['roles', ROLE_LABELS],
    ['doctor titles', DOCTOR_TITLE_LABELS]
  ])('gives each of the %s a distinct Chinese label', (_name, labels: Record<string, string>) => {
    const texts = Object.values(labels)
    expect(new Set(texts).size).toBe(texts.length)
    for (const text of texts) expect(text).toMatch(/[\u4e00-\u9fa5]/)
  })

  it('lists the options in the order written, which is the order on screen', () => {
    expect(keysOf(AUDIT_OUTCOME_LABELS)).toEqual(['OK', 'DENIED', 'NOT_FOUND', 'INVALID', 'FAILED'])
    expect(keysOf(DOCTOR_TITLE_LABELS)).toEqual(['主任医师', '副主任医师', '主治医师', '住院医师'])
    expect(keysOf(DRUG_ALLERGY_LABELS)).toHaveLength(13)
  })

  it('looks up values from the wire, showing an unknown one as itself', () => {
    expect(drugAllergyLabel('PENICILLIN')).toBe('青霉素类')
    expect(auditActionLabel('PATIENT_EXPORT')).toBe('导出个人数据')
    expect(auditOutcomeLabel('DENIED')).toBe('无权限')
    expect(roleLabel('auditor')).toBe('审计员')
    expect(auditActionLabel('PATIENT_MERGE')).toBe('PATIENT_MERGE')
    // Not fooled by properties every object has.
    expect(roleLabel('toString')).toBe('toString')
  })
})

describe('scheduling labels', () => {
  it('names every period, status and weekday, and shows an unknown value as itself', () => {
    expect(['AM', 'PM', 'EVENING'].map(periodLabel)).toEqual(['上午', '下午', '晚间'])
    expect(['PENDING_PAYMENT', 'BOOKED', 'CHECKED_IN', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED', 'NO_SHOW'].map(appointmentStatusLabel)).toEqual([
      '待支付',
      '已预约',
      '已签到',
      '就诊中',
      '已完成',
      '已取消',
      '爽约'
    ])
    expect(appointmentStatusLabel('REFUNDED')).toBe('REFUNDED')
    expect([1, 7].map(weekdayLabel)).toEqual(['周一', '周日'])
  })

  it('colours statuses: finished ones muted, no-shows red, unknown plain', () => {
    expect(appointmentStatusTag('BOOKED')).toBe('tag')
    expect(appointmentStatusTag('CANCELLED')).toBe('tag tag--muted')
    expect(appointmentStatusTag('NO_SHOW')).toBe('tag tag--danger')
    expect(appointmentStatusTag('SOMETHING_NEW')).toBe('tag')
  })
})
