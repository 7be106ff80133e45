import type { CreatePatientDto, DrugAllergyClass, Gender, PatientReply, UpdatePatientDto } from '@clinic/contracts'
import { isMobile, parseIdCard, type IdCardFacts } from '@clinic/rules'
import { GENDER_LABELS } from '../../utils/labels'
import { parseLocalDate } from '../../utils/time'

// The patient form as plain data: what the fields hold, what is wrong with them, and the request bodies they
// turn into. The component in index.tsx only renders this.

export interface PatientFormValues {
  name: string
  gender: Gender | ''
  birthDate: string
  phone: string
  idCardNo: string
  relationship: string
  address: string
  emergencyContactName: string
  emergencyContactPhone: string
  allergyClasses: DrugAllergyClass[]
  allergyNote: string
  /** Free text, one condition per 、 , ； or line. */
  chronicConditions: string
}

export type PatientField = keyof PatientFormValues
export type PatientFormErrors = Partial<Record<PatientField, string>>

export interface PatientFormOptions {
  /** create: every field; edit: gender, birth date and ID card number are fixed at registration. */
  mode: 'create' | 'edit'
  /** Patient accounts say how each family member is related to them; staff never see the field. */
  withRelationship: boolean
}

// Limits of CreatePatientDto / UpdatePatientDto, so the form says so before the server does.
export const LIMITS = {
  name: 50,
  address: 200,
  emergencyContactName: 50,
  allergyNote: 500,
  relationship: 20,
  condition: 50,
  conditions: 20
} as const

export const ID_CARD_INVALID = '身份证号校验失败'

export function emptyPatientForm(): PatientFormValues {
  return {
    name: '',
    gender: '',
    birthDate: '',
    phone: '',
    idCardNo: '',
    relationship: '',
    address: '',
    emergencyContactName: '',
    emergencyContactPhone: '',
    allergyClasses: [],
    allergyNote: '',
    chronicConditions: ''
  }
}

/** The server masks numbers (138****8000) for most callers; a masked value can be shown but never sent back. */
export function isMasked(value: string | null): boolean {
  return value !== null && value.includes('*')
}

/** The fields of an existing patient, for editing. Masked numbers start empty: empty means "leave as it is". */
export function formFromPatient(patient: PatientReply): PatientFormValues {
  return {
    name: patient.name,
    gender: patient.gender,
    birthDate: patient.birthDate,
    phone: isMasked(patient.phone) ? '' : patient.phone,
    idCardNo: patient.idCardNo ?? '',
    relationship: patient.relationship ?? '',
    address: patient.address ?? '',
    emergencyContactName: patient.emergencyContactName ?? '',
    emergencyContactPhone: isMasked(patient.emergencyContactPhone) ? '' : (patient.emergencyContactPhone ?? ''),
    allergyClasses: [...patient.allergies.drugClasses],
    allergyNote: patient.allergies.note ?? '',
    chronicConditions: patient.chronicConditions.join('、')
  }
}

export function normaliseIdCard(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase()
}

export function splitConditions(text: string): string[] {
  const seen = new Set<string>()
  for (const part of text.split(/[、,，;；\n]+/)) {
    const condition = part.trim()
    if (condition) seen.add(condition)
  }
  return [...seen]
}

/** How the ID card number disagrees with the birth date and gender typed in; empty when it does not. */
export function idCardMismatches(facts: IdCardFacts, values: Pick<PatientFormValues, 'birthDate' | 'gender'>): string[] {
  const problems: string[] = []
  if (values.birthDate && values.birthDate !== facts.birthDate) {
    problems.push(`身份证号中的出生日期为 ${facts.birthDate}，与填写的出生日期 ${values.birthDate} 不一致`)
  }
  if (values.gender && values.gender !== facts.gender) {
    problems.push(`身份证号显示性别为${GENDER_LABELS[facts.gender]}，与所选性别（${GENDER_LABELS[values.gender]}）不一致`)
  }
  return problems
}

export type IdCardFeedback = { tone: 'error' | 'ok'; text: string } | null

/** What to say under the ID card field as the user types: nothing until all 18 characters are there. */
export function idCardFeedback(values: PatientFormValues): IdCardFeedback {
  const idCardNo = values.idCardNo
  if (idCardNo.length < 18) return null
  const facts = parseIdCard(idCardNo)
  if (!facts) return { tone: 'error', text: ID_CARD_INVALID }
  const problems = idCardMismatches(facts, values)
  if (problems.length) return { tone: 'error', text: problems.join('；') }
  return { tone: 'ok', text: `身份证号有效：${facts.birthDate} 出生，${GENDER_LABELS[facts.gender]}` }
}

/** Takes a typed ID card number; a valid one fills the birth date and gender when those are still empty. */
export function withIdCard(values: PatientFormValues, raw: string): PatientFormValues {
  const idCardNo = normaliseIdCard(raw)
  const next = { ...values, idCardNo }
  const facts = parseIdCard(idCardNo)
  if (!facts) return next
  if (!next.birthDate) next.birthDate = facts.birthDate
  if (!next.gender) next.gender = facts.gender
  return next
}

function birthDateProblem(text: string, now: Date): string | null {
  if (!text) return '请填写出生日期'
  const date = parseLocalDate(text)
  if (!date) return '出生日期格式应为 YYYY-MM-DD，例如 1990-01-31'
  if (date.getFullYear() < 1900) return '出生日期不正确'
  if (date.getTime() > now.getTime()) return '出生日期不能晚于今天'
  return null
}

function tooLong(value: string, max: number, label: string): string | null {
  return value.trim().length > max ? `${label}不能超过 ${max} 个字` : null
}

export function validatePatientForm(
  values: PatientFormValues,
  options: PatientFormOptions,
  original?: PatientReply,
  now: Date = new Date()
): PatientFormErrors {
  const errors: PatientFormErrors = {}
  const set = (field: PatientField, problem: string | null) => {
    if (problem && !errors[field]) errors[field] = problem
  }
  const name = values.name.trim()
  set('name', name ? tooLong(name, LIMITS.name, '姓名') : '请填写姓名')

  const phone = values.phone.trim()
  // Editing a record whose phone came masked: empty keeps the number on file.
  const phoneKept = options.mode === 'edit' && !phone && isMasked(original?.phone ?? null)
  if (!phoneKept) set('phone', !phone ? '请填写手机号' : isMobile(phone) ? null : '请输入正确的 11 位手机号')

  if (options.mode === 'create') {
    set('gender', values.gender ? null : '请选择性别')
    set('birthDate', birthDateProblem(values.birthDate.trim(), now))
    if (values.idCardNo) {
      const facts = parseIdCard(values.idCardNo)
      if (values.idCardNo.length !== 18) set('idCardNo', '身份证号应为 18 位')
      else if (!facts) set('idCardNo', ID_CARD_INVALID)
      else set('idCardNo', idCardMismatches(facts, values).join('；') || null)
    }
  }

  if (options.withRelationship) {
    const relationship = values.relationship.trim()
    set('relationship', relationship ? tooLong(relationship, LIMITS.relationship, '关系') : '请选择与本人关系')
  }

  set('address', tooLong(values.address, LIMITS.address, '地址'))
  set('emergencyContactName', tooLong(values.emergencyContactName, LIMITS.emergencyContactName, '紧急联系人'))
  const emergencyPhone = values.emergencyContactPhone.trim()
  if (emergencyPhone) {
    set('emergencyContactPhone', isMobile(emergencyPhone) ? null : '请输入正确的 11 位手机号')
  } else if (options.mode === 'edit' && original?.emergencyContactPhone && !isMasked(original.emergencyContactPhone)) {
    // UpdatePatientDto has no way to clear it (an empty string fails its phone pattern).
    set('emergencyContactPhone', '暂不支持清空紧急联系人电话，可改为其他号码')
  }
  set('allergyNote', tooLong(values.allergyNote, LIMITS.allergyNote, '过敏说明'))

  const conditions = splitConditions(values.chronicConditions)
  if (conditions.length > LIMITS.conditions) set('chronicConditions', `慢性病最多填写 ${LIMITS.conditions} 项`)
  const longCondition = conditions.find((condition) => condition.length > LIMITS.condition)
  if (longCondition) set('chronicConditions', `每项慢性病不能超过 ${LIMITS.condition} 个字`)
  return errors
}

export function hasErrors(errors: PatientFormErrors): boolean {
  return Object.values(errors).some(Boolean)
}

function optional(text: string): string | undefined {
  const trimmed = text.trim()
  return trimmed ? trimmed : undefined
}

/** The POST /patients body of a valid form; empty optional fields are left out. */
export function toCreatePatientInput(values: PatientFormValues, options: Pick<PatientFormOptions, 'withRelationship'>): CreatePatientDto {
  const conditions = splitConditions(values.chronicConditions)
  const note = optional(values.allergyNote)
  const input: CreatePatientDto = {
    name: values.name.trim(),
    gender: values.gender as Gender,
    birthDate: values.birthDate.trim(),
    phone: values.phone.trim(),
    idCardNo: optional(values.idCardNo),
    address: optional(values.address),
    emergencyContactName: optional(values.emergencyContactName),
    emergencyContactPhone: optional(values.emergencyContactPhone),
    allergies: values.allergyClasses.length || note ? { drugClasses: [...values.allergyClasses], note } : undefined,
    chronicConditions: conditions.length ? conditions : undefined,
    relationship: options.withRelationship ? values.relationship.trim() : undefined
  }
  // Leave absent keys out rather than sending undefined, so the body is exactly what was filled in.
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as CreatePatientDto
}

function sameSet<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item) => b.includes(item))
}

/** The PATCH /patients/:id body: only what changed. An empty object means there is nothing to save. */
export function toPatientUpdate(
  original: PatientReply,
  values: PatientFormValues,
  options: Pick<PatientFormOptions, 'withRelationship'>
): UpdatePatientDto {
  const update: UpdatePatientDto = {}
  const name = values.name.trim()
  if (name !== original.name) update.name = name
  const phone = values.phone.trim()
  if (phone && phone !== original.phone) update.phone = phone
  const address = values.address.trim()
  if (address !== (original.address ?? '')) update.address = address
  const contactName = values.emergencyContactName.trim()
  if (contactName !== (original.emergencyContactName ?? '')) update.emergencyContactName = contactName
  const contactPhone = values.emergencyContactPhone.trim()
  if (contactPhone && contactPhone !== original.emergencyContactPhone) update.emergencyContactPhone = contactPhone
  const note = values.allergyNote.trim()
  if (!sameSet(values.allergyClasses, original.allergies.drugClasses) || note !== (original.allergies.note ?? '')) {
    update.allergies = { drugClasses: [...values.allergyClasses], note }
  }
  const conditions = splitConditions(values.chronicConditions)
  if (conditions.join('\n') !== original.chronicConditions.join('\n')) update.chronicConditions = conditions
  const relationship = values.relationship.trim()
  if (options.withRelationship && relationship && relationship !== (original.relationship ?? '')) update.relationship = relationship
  return update
}

/** Field names of VALIDATION.FAILED details, for fieldErrors(). */
export const PATIENT_FIELD_LABELS: Record<string, string> = {
  name: '姓名',
  gender: '性别',
  birthDate: '出生日期',
  phone: '手机号',
  idCardNo: '身份证号',
  relationship: '与本人关系',
  address: '地址',
  emergencyContactName: '紧急联系人',
  emergencyContactPhone: '紧急联系人电话',
  allergies: '过敏史',
  'allergies.drugClasses': '过敏药物',
  'allergies.note': '过敏说明',
  chronicConditions: '慢性病'
}
