import type { DiagnosisDto, EmrContentDto, PrescriptionKind, PrescriptionLineReply, PrescriptionStatus, VitalsDto } from '@clinic/contracts'
import { directions } from '@clinic/rules'
import { formatFen } from './money'
import { lookup } from './labels'

// How a visit reads on screen: the medical record's sections and a prescription's lines. The doctor's workstation
// (its history, the signed record, the versions) and the patient's visit records draw both with these.

/** The free-text fields of a record, in the order a 门诊病历 is written. */
export const EMR_TEXT_FIELDS = ['chiefComplaint', 'presentIllness', 'pastHistory', 'allergies', 'familyHistory', 'physicalExam', 'auxiliaryExams', 'advice'] as const
export type EmrTextField = (typeof EMR_TEXT_FIELDS)[number]

export const EMR_TEXT_LABELS: Record<EmrTextField, string> = {
  chiefComplaint: '主诉',
  presentIllness: '现病史',
  pastHistory: '既往史',
  allergies: '过敏史',
  familyHistory: '家族史',
  physicalExam: '体格检查',
  auxiliaryExams: '辅助检查',
  advice: '处理意见'
}

export type VitalKey = keyof VitalsDto

export interface VitalSpec {
  key: VitalKey
  label: string
  unit: string
  /** Decimal places allowed (the server takes one for temperature and weight, none for the rest). */
  decimals: 0 | 1
  min: number
  max: number
}

/** The six vital signs, with the server's bounds. */
export const VITALS: readonly VitalSpec[] = [
  { key: 'temperature', label: '体温', unit: '°C', decimals: 1, min: 30, max: 45 },
  { key: 'systolic', label: '收缩压', unit: 'mmHg', decimals: 0, min: 40, max: 300 },
  { key: 'diastolic', label: '舒张压', unit: 'mmHg', decimals: 0, min: 20, max: 200 },
  { key: 'pulse', label: '脉搏', unit: '次/分', decimals: 0, min: 20, max: 300 },
  { key: 'respiration', label: '呼吸', unit: '次/分', decimals: 0, min: 4, max: 80 },
  { key: 'weight', label: '体重', unit: 'kg', decimals: 1, min: 0.5, max: 500 }
]

/** Labels of every field of the record as the server names them (`vitals.temperature`, `diagnoses`). */
export const EMR_FIELD_LABELS: Record<string, string> = {
  ...EMR_TEXT_LABELS,
  diagnoses: '诊断',
  followUpDate: '复诊日期',
  vitals: '生命体征',
  ...Object.fromEntries(VITALS.map((vital) => [`vitals.${vital.key}`, vital.label]))
}

/** "体温 37.2°C · 血压 120/80 mmHg · 脉搏 76 次/分"; empty when nothing was measured. */
export function vitalsText(vitals: VitalsDto | undefined): string {
  if (!vitals) return ''
  const parts: string[] = []
  const { temperature, systolic, diastolic, pulse, respiration, weight } = vitals
  if (temperature != null) parts.push(`体温 ${temperature}°C`)
  if (systolic != null || diastolic != null) parts.push(`血压 ${systolic ?? '-'}/${diastolic ?? '-'} mmHg`)
  if (pulse != null) parts.push(`脉搏 ${pulse} 次/分`)
  if (respiration != null) parts.push(`呼吸 ${respiration} 次/分`)
  if (weight != null) parts.push(`体重 ${weight} kg`)
  return parts.join(' · ')
}

/** "急性上呼吸道感染（J06.900）". */
export function diagnosisText(diagnosis: Pick<DiagnosisDto, 'code' | 'name'>): string {
  return `${diagnosis.name}（${diagnosis.code}）`
}

/** The diagnoses on one line, the primary one first; empty when there are none. */
export function diagnosesText(diagnoses: readonly DiagnosisDto[] | undefined): string {
  const list = [...(diagnoses ?? [])].sort((a, b) => Number(Boolean(b.primary)) - Number(Boolean(a.primary)))
  return list.map(diagnosisText).join('、')
}

export interface EmrSection {
  key: string
  label: string
  value: string
}

/** The filled parts of a record in reading order, each as a label and its text. */
export function emrSections(content: EmrContentDto | null | undefined): EmrSection[] {
  if (!content) return []
  const text = (key: EmrTextField): EmrSection => ({ key, label: EMR_TEXT_LABELS[key], value: (content[key] ?? '').trim() })
  const sections: EmrSection[] = [
    ...(['chiefComplaint', 'presentIllness', 'pastHistory', 'allergies', 'familyHistory', 'physicalExam'] as const).map(text),
    { key: 'vitals', label: '生命体征', value: vitalsText(content.vitals) },
    text('auxiliaryExams'),
    { key: 'diagnoses', label: '诊断', value: diagnosesText(content.diagnoses) },
    text('advice'),
    { key: 'followUpDate', label: '复诊日期', value: content.followUpDate ?? '' }
  ]
  return sections.filter((section) => section.value)
}

export const PRESCRIPTION_STATUS_LABELS: Record<PrescriptionStatus, string> = { DRAFT: '未签署', SIGNED: '已签署', CANCELLED: '已作废' }
export const PRESCRIPTION_KIND_LABELS: Record<PrescriptionKind, string> = { NORMAL: '普通处方', EMERGENCY: '急诊处方' }

export const prescriptionStatusLabel = (status: string) => lookup(PRESCRIPTION_STATUS_LABELS, status)
export const prescriptionKindLabel = (kind: string) => lookup(PRESCRIPTION_KIND_LABELS, kind)

/** "阿莫西林胶囊 0.25g*24粒 × 2 盒". */
export function rxLineTitle(line: Pick<PrescriptionLineReply, 'name' | 'spec' | 'quantity' | 'unit'>): string {
  return `${line.name} ${line.spec} × ${line.quantity} ${line.unit}`
}

/** "口服 每次0.5g 每日三次 共3天 · ¥18.50/盒 · ¥37.00"; the prices once signed. */
export function rxLineDetail(line: Pick<PrescriptionLineReply, 'route' | 'dosage' | 'frequency' | 'days' | 'unit' | 'unitPriceFen' | 'amountFen'>): string {
  const parts = [directions(line)]
  if (line.unitPriceFen !== null) parts.push(`${formatFen(line.unitPriceFen)}/${line.unit}`)
  if (line.amountFen !== null) parts.push(formatFen(line.amountFen))
  return parts.filter(Boolean).join(' · ')
}
