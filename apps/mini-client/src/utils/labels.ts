import type { AppointmentStatus, AuditAction, AuditOutcome, DoctorTitle, DrugAllergyClass, FeeCategory, Gender, Period, Role } from '@clinic/contracts'

// Chinese labels for the contracts' value unions. Each map is a Record over its union, so the compiler reports
// a value added to the contracts without a label here (the const arrays themselves are server code).

export const ROLE_LABELS: Record<Role, string> = {
  admin: '管理员',
  receptionist: '挂号员',
  doctor: '医生',
  pharmacist: '药剂师',
  cashier: '收费员',
  auditor: '审计员',
  patient: '患者'
}

export const FEE_CATEGORY_LABELS: Record<FeeCategory, string> = {
  REGISTRATION: '挂号费',
  CONSULTATION: '诊查费',
  EXAMINATION: '检查费',
  LAB: '化验费',
  TREATMENT: '治疗费',
  MATERIAL: '材料费',
  OTHER: '其他'
}

export const GENDER_LABELS: Record<Gender, string> = { M: '男', F: '女' }

export const DRUG_ALLERGY_LABELS: Record<DrugAllergyClass, string> = {
  PENICILLIN: '青霉素类',
  CEPHALOSPORIN: '头孢菌素类',
  SULFONAMIDE: '磺胺类',
  MACROLIDE: '大环内酯类',
  QUINOLONE: '喹诺酮类',
  AMINOGLYCOSIDE: '氨基糖苷类',
  TETRACYCLINE: '四环素类',
  NSAID: '解热镇痛药（阿司匹林等）',
  OPIOID: '阿片类',
  LOCAL_ANESTHETIC: '局部麻醉药',
  IODINE_CONTRAST: '碘造影剂',
  ANTIEPILEPTIC: '抗癫痫药',
  BIOLOGIC: '生物制品（疫苗、血清）'
}

export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  PATIENT_CREATE: '登记患者',
  PATIENT_READ: '查看档案',
  PATIENT_UPDATE: '修改档案',
  PATIENT_LINK: '关联档案',
  PATIENT_UNLINK: '移除就诊人',
  PATIENT_EXPORT: '导出个人数据',
  APPOINTMENT_OVERBOOK: '超额加号',
  ENCOUNTER_CREATE: '接诊',
  ENCOUNTER_FINISH: '结束接诊',
  EMR_READ: '查看病历',
  EMR_WRITE: '书写病历',
  EMR_SIGN: '签署病历',
  EMR_AMEND: '修订病历',
  PRESCRIPTION_WRITE: '开具处方',
  PRESCRIPTION_READ: '查看处方',
  PRESCRIPTION_SIGN: '签署处方',
  PRESCRIPTION_CANCEL: '作废处方',
  ALLERGY_OVERRIDE: '过敏提示仍开药',
  BILL_READ: '查看账单',
  RECEIPT_READ: '查看收据',
  PAYMENT_TAKE: '收费',
  PAYMENT_ONLINE: '发起线上支付',
  PAYMENT_CLOSE: '关闭待支付',
  PAYMENT_REVERSE: '冲正',
  REFUND_CREATE: '退费',
  SETTLEMENT_CLOSE: '日结'
}

export const AUDIT_OUTCOME_LABELS: Record<AuditOutcome, string> = {
  OK: '成功',
  DENIED: '无权限',
  NOT_FOUND: '未找到',
  INVALID: '数据无效',
  FAILED: '失败'
}

/** The titles are Chinese already; the map keeps the list complete and in seniority order. */
export const DOCTOR_TITLE_LABELS: Record<DoctorTitle, string> = {
  主任医师: '主任医师',
  副主任医师: '副主任医师',
  主治医师: '主治医师',
  住院医师: '住院医师'
}

export const ACTOR_KIND_LABELS: Record<'staff' | 'account' | 'system', string> = {
  staff: '工作人员',
  account: '患者账号',
  system: '系统'
}

export const PERIOD_LABELS: Record<Period, string> = { AM: '上午', PM: '下午', EVENING: '晚间' }

export const APPOINTMENT_STATUS_LABELS: Record<AppointmentStatus, string> = {
  PENDING_PAYMENT: '待支付',
  BOOKED: '已预约',
  CHECKED_IN: '已签到',
  IN_PROGRESS: '就诊中',
  COMPLETED: '已完成',
  CANCELLED: '已取消',
  NO_SHOW: '爽约'
}

/** How a status is drawn: the tag colour of its label. */
export const APPOINTMENT_STATUS_TONES: Record<AppointmentStatus, '' | 'muted' | 'danger' | 'warning'> = {
  PENDING_PAYMENT: 'warning',
  BOOKED: '',
  CHECKED_IN: '',
  IN_PROGRESS: 'warning',
  COMPLETED: 'muted',
  CANCELLED: 'muted',
  NO_SHOW: 'danger'
}

/** ISO weekdays, 1 = Monday … 7 = Sunday (the templates' numbering). */
export const WEEKDAY_LABELS: Record<number, string> = { 1: '周一', 2: '周二', 3: '周三', 4: '周四', 5: '周五', 6: '周六', 7: '周日' }

/** Relationship of a family member to the account holder; the server stores the text as given. */
export const RELATIONSHIP_OPTIONS = ['本人', '配偶', '父母', '子女', '其他'] as const

/** The keys of a label map in its written order, typed as the union (Object.keys gives string[]). */
export function keysOf<K extends string>(labels: Record<K, string>): K[] {
  return Object.keys(labels) as K[]
}

// Lookups for values from the wire: a value newer than this build shows as itself rather than as nothing.
export function lookup(labels: Record<string, string>, value: string): string {
  return Object.prototype.hasOwnProperty.call(labels, value) ? labels[value] : value
}

export const roleLabel = (role: string) => lookup(ROLE_LABELS, role)
export const feeCategoryLabel = (category: string) => lookup(FEE_CATEGORY_LABELS, category)
export const genderLabel = (gender: string) => lookup(GENDER_LABELS, gender)
export const drugAllergyLabel = (drugClass: string) => lookup(DRUG_ALLERGY_LABELS, drugClass)
export const auditActionLabel = (action: string) => lookup(AUDIT_ACTION_LABELS, action)
export const auditOutcomeLabel = (outcome: string) => lookup(AUDIT_OUTCOME_LABELS, outcome)
export const actorKindLabel = (kind: string) => lookup(ACTOR_KIND_LABELS, kind)
export const periodLabel = (period: string) => lookup(PERIOD_LABELS, period)
export const appointmentStatusLabel = (status: string) => lookup(APPOINTMENT_STATUS_LABELS, status)
export const weekdayLabel = (weekday: number) => WEEKDAY_LABELS[weekday] ?? `周${weekday}`

/** The tag class of an appointment status (`tag`, `tag tag--muted` …); an unknown status gets the plain tag. */
export function appointmentStatusTag(status: string): string {
  const tone = Object.prototype.hasOwnProperty.call(APPOINTMENT_STATUS_TONES, status)
    ? APPOINTMENT_STATUS_TONES[status as AppointmentStatus]
    : ''
  return tone ? `tag tag--${tone}` : 'tag'
}

/** A patient's recorded allergies: the drug classes and the free note. */
interface Allergies {
  drugClasses: readonly string[]
  note?: string | null
}

/** "青霉素类、对芒果过敏", or 无已知药物过敏: as the patient record and the doctor's workstation show them. */
export function allergyText(allergies: Allergies): string {
  const parts = allergies.drugClasses.map(drugAllergyLabel)
  if (allergies.note) parts.push(allergies.note)
  return parts.length ? parts.join('、') : '无已知药物过敏'
}

export function hasAllergy(allergies: Allergies): boolean {
  return allergies.drugClasses.length > 0 || Boolean(allergies.note)
}
