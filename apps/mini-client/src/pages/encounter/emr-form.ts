import type { DiagnosisDto, EmrContentDto, VitalsDto } from '@clinic/contracts'
import { detailFields } from '../../utils/error-text'
import { parseLocalDate } from '../../utils/time'
import { EMR_TEXT_FIELDS, VITALS, type EmrTextField, type VitalKey } from '../../utils/visit'

// The medical record form as typed, and its way to and from the wire (EmrContentDto).

export const EMR_TEXT_LIMITS: Record<EmrTextField, number> = {
  chiefComplaint: 500,
  presentIllness: 2000,
  pastHistory: 2000,
  allergies: 500,
  familyHistory: 2000,
  physicalExam: 2000,
  auxiliaryExams: 2000,
  advice: 2000
}

/** What signing needs besides diagnoses (the server's EMR.INCOMPLETE names the same). */
export const REQUIRED_TO_SIGN: readonly EmrTextField[] = ['chiefComplaint', 'presentIllness']
export const MAX_DIAGNOSES = 10

export type EmrFormValues = Record<EmrTextField, string> & {
  /** Numbers as typed, '' when not measured. */
  vitals: Record<VitalKey, string>
  diagnoses: DiagnosisDto[]
  followUpDate: string
}

/** By form key: a text field, `vitals.<key>`, `diagnoses` or `followUpDate`. */
export type EmrFormErrors = Record<string, string>

export function emptyEmrForm(): EmrFormValues {
  const texts = Object.fromEntries(EMR_TEXT_FIELDS.map((key) => [key, ''])) as Record<EmrTextField, string>
  const vitals = Object.fromEntries(VITALS.map((vital) => [vital.key, ''])) as Record<VitalKey, string>
  return { ...texts, vitals, diagnoses: [], followUpDate: '' }
}

/** The form filled from a saved record (or a template's content). */
export function formFromContent(content: EmrContentDto | null | undefined): EmrFormValues {
  const form = emptyEmrForm()
  if (!content) return form
  for (const key of EMR_TEXT_FIELDS) form[key] = content[key] ?? ''
  for (const vital of VITALS) {
    const value = content.vitals?.[vital.key]
    form.vitals[vital.key] = value == null ? '' : String(value)
  }
  form.diagnoses = (content.diagnoses ?? []).map((d) => ({ code: d.code, name: d.name, primary: Boolean(d.primary) }))
  form.followUpDate = content.followUpDate ?? ''
  return form
}

/** A vital as typed: its number, null when empty, or what is wrong with it. */
function parseVital(text: string, spec: (typeof VITALS)[number]): number | null | string {
  const trimmed = text.trim()
  if (!trimmed) return null
  const pattern = spec.decimals ? /^\d{1,3}(\.\d)?$/ : /^\d{1,3}$/
  if (!pattern.test(trimmed)) return spec.decimals ? '请输入数字，最多 1 位小数' : '请输入整数'
  const value = Number(trimmed)
  if (value < spec.min || value > spec.max) return `应在 ${spec.min}–${spec.max} ${spec.unit} 之间`
  return value
}

/**
 * The record to save: empty fields left out (saving replaces the whole draft, so a field left out is a field
 * cleared), or the errors of what cannot be sent (a vital that is not a number, a date that is not one).
 */
export function toEmrContent(values: EmrFormValues): { content?: EmrContentDto; errors: EmrFormErrors } {
  const errors: EmrFormErrors = {}
  const content: EmrContentDto = {}
  for (const key of EMR_TEXT_FIELDS) {
    const text = values[key].trim()
    if (text.length > EMR_TEXT_LIMITS[key]) errors[key] = `不能超过 ${EMR_TEXT_LIMITS[key]} 个字`
    else if (text) content[key] = text
  }
  const vitals: VitalsDto = {}
  for (const spec of VITALS) {
    const parsed = parseVital(values.vitals[spec.key], spec)
    if (typeof parsed === 'string') errors[`vitals.${spec.key}`] = parsed
    else if (parsed !== null) vitals[spec.key] = parsed
  }
  if (Object.keys(vitals).length) content.vitals = vitals
  if (values.diagnoses.length) content.diagnoses = values.diagnoses.map((d) => ({ code: d.code, name: d.name, primary: Boolean(d.primary) }))
  const date = values.followUpDate.trim()
  if (date && !parseLocalDate(date)) errors.followUpDate = '请输入日期，格式 YYYY-MM-DD'
  else if (date) content.followUpDate = date
  return Object.keys(errors).length ? { errors } : { content, errors }
}

/**
 * An amendment's `changes`: the fields that differ from the signed record. The server lays them over the latest
 * version, so a cleared field is sent as '' (left out, it would carry over).
 */
export function amendmentChanges(signed: EmrContentDto, edited: EmrContentDto): EmrContentDto {
  const changes: EmrContentDto = {}
  for (const key of EMR_TEXT_FIELDS) {
    if ((signed[key] ?? '') !== (edited[key] ?? '')) changes[key] = edited[key] ?? ''
  }
  if (JSON.stringify(signed.vitals ?? {}) !== JSON.stringify(edited.vitals ?? {})) changes.vitals = edited.vitals ?? {}
  if (JSON.stringify(signed.diagnoses ?? []) !== JSON.stringify(edited.diagnoses ?? [])) changes.diagnoses = edited.diagnoses ?? []
  if ((signed.followUpDate ?? '') !== (edited.followUpDate ?? '')) {
    // The date must be a date or absent: an amendment cannot clear it (it would be refused), so it keeps the old one.
    if (edited.followUpDate) changes.followUpDate = edited.followUpDate
  }
  return changes
}

/** Adds an ICD-10 code once; the first diagnosis is the primary one until the doctor marks another. */
export function addDiagnosis(list: readonly DiagnosisDto[], code: { code: string; name: string }): DiagnosisDto[] {
  if (list.some((d) => d.code === code.code) || list.length >= MAX_DIAGNOSES) return [...list]
  return [...list, { code: code.code, name: code.name, primary: !list.some((d) => d.primary) }]
}

/** Exactly one primary: this one. */
export function markPrimary(list: readonly DiagnosisDto[], code: string): DiagnosisDto[] {
  return list.map((d) => ({ ...d, primary: d.code === code }))
}

/** Removing the primary diagnosis makes the first of the rest primary, so a record never loses its primary. */
export function removeDiagnosis(list: readonly DiagnosisDto[], code: string): DiagnosisDto[] {
  const rest = list.filter((d) => d.code !== code)
  if (rest.length && !rest.some((d) => d.primary)) rest[0] = { ...rest[0], primary: true }
  return rest
}

/** What the server would refuse at signing, found before asking it (it stays the judge). */
export function signingGaps(values: EmrFormValues): EmrFormErrors {
  const errors: EmrFormErrors = {}
  for (const key of REQUIRED_TO_SIGN) if (!values[key].trim()) errors[key] = '签署前必须填写'
  if (!values.diagnoses.length) errors.diagnoses = '签署前至少需要一个诊断'
  else if (values.diagnoses.filter((d) => d.primary).length !== 1) errors.diagnoses = '请标记一个主要诊断'
  return errors
}

const SERVER_FIELD_TEXT: Record<string, string> = {
  chiefComplaint: '签署前必须填写',
  presentIllness: '签署前必须填写',
  diagnoses: '签署前至少需要一个诊断，并标记一个主要诊断'
}

/**
 * The fields named by EMR.INCOMPLETE or VALIDATION.FAILED, on the form's keys: `diagnoses.0.code` is the diagnoses
 * list, `vitals.temperature` its input.
 */
export function emrFormErrorsOf(error: unknown, incomplete: boolean): EmrFormErrors {
  const errors: EmrFormErrors = {}
  for (const { field, message } of detailFields(error)) {
    const key = field.startsWith('diagnoses') ? 'diagnoses' : field
    errors[key] = incomplete ? SERVER_FIELD_TEXT[key] ?? '签署前必须填写' : message || '内容无效'
  }
  return errors
}

/** Whether applying a template's content would overwrite something already typed (then the doctor confirms). */
export function templateOverwrites(values: EmrFormValues, template: EmrContentDto): boolean {
  const incoming = formFromContent(template)
  if (EMR_TEXT_FIELDS.some((key) => incoming[key].trim() && values[key].trim())) return true
  if (VITALS.some((vital) => incoming.vitals[vital.key] && values.vitals[vital.key])) return true
  if (incoming.diagnoses.length && values.diagnoses.length) return true
  return Boolean(incoming.followUpDate && values.followUpDate)
}

/**
 * A template's content into the form: `fill` puts it only into empty fields (the diagnoses only when there are
 * none yet); `replace` puts every field the template has over what was typed.
 */
export function applyTemplate(values: EmrFormValues, template: EmrContentDto, mode: 'fill' | 'replace'): EmrFormValues {
  const incoming = formFromContent(template)
  const take = (current: string, next: string) => (next.trim() && (mode === 'replace' || !current.trim()) ? next : current)
  const result: EmrFormValues = { ...values, vitals: { ...values.vitals } }
  for (const key of EMR_TEXT_FIELDS) result[key] = take(values[key], incoming[key])
  for (const vital of VITALS) result.vitals[vital.key] = take(values.vitals[vital.key], incoming.vitals[vital.key])
  if (incoming.diagnoses.length && (mode === 'replace' || !values.diagnoses.length)) {
    result.diagnoses = incoming.diagnoses.reduce<DiagnosisDto[]>((list, d) => (d.primary ? markPrimary(addDiagnosis(list, d), d.code) : addDiagnosis(list, d)), [])
  }
  result.followUpDate = take(values.followUpDate, incoming.followUpDate)
  return result
}

/** A template keeps what recurs between patients: the record without its vitals and follow-up date. */
export function templateContent(content: EmrContentDto): EmrContentDto {
  const kept: EmrContentDto = { ...content }
  delete kept.vitals
  delete kept.followUpDate
  return kept
}
