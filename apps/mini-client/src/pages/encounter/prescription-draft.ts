import type { AllergyWarning, ControlClass, CreatePrescriptionDto, DrugReply, PrescriptionKind } from '@clinic/contracts'
import { CONTROLLED_DAYS, EMERGENCY_DAYS, FREQUENCIES, frequencyLabel, MAX_DRUGS, NORMAL_DAYS, suggestQuantity } from '@clinic/rules'
import { isApiError } from '../../services/api'
import { detailFields } from '../../utils/error-text'
import { drugAllergyLabel } from '../../utils/labels'
import { parseCount } from '../../utils/pharmacy'

// The prescription builder as plain data: lines as typed, the quantity suggestion, and the 处方管理办法 checks made
// before sending. The server is the judge; these only warn early, from the same limits (libs/rules).

export { CONTROLLED_DAYS, EMERGENCY_DAYS, MAX_DRUGS, NORMAL_DAYS }
export const MAX_DAYS = 90
export const MAX_QUANTITY = 1000
const CONTROLLED_NAMES: Partial<Record<ControlClass, string>> = { NARCOTIC: '麻醉药品', PSYCHOTROPIC_2: '第二类精神药品', TOXIC: '医疗用毒性药品' }
export const REASON_MAX = 200

/** 给药途径 offered as chips; the server takes any short text. */
export const ADMIN_ROUTES = ['口服', '外用', '含服', '舌下', '雾化吸入', '静脉滴注', '静脉注射', '肌内注射', '皮下注射', '滴眼', '滴鼻', '直肠给药'] as const

export const FREQUENCY_OPTIONS: { value: string; label: string }[] = Object.keys(FREQUENCIES).map((code) => ({ value: code, label: frequencyLabel(code) }))

export type RxDrug = Pick<DrugReply, 'id' | 'name' | 'spec' | 'unit' | 'packSize' | 'controlClass' | 'allergyClass' | 'available'>

export interface RxLine {
  drug: RxDrug
  dosage: string
  frequency: string
  route: string
  days: string
  quantity: string
  /** The doctor typed the quantity: it is no longer re-suggested. Emptying it lets the suggestion back. */
  quantityTyped: boolean
}

export interface RxDraft {
  kind: PrescriptionKind
  lines: RxLine[]
  overLimitReason: string
  allergyReason: string
}

export function emptyDraft(): RxDraft {
  return { kind: 'NORMAL', lines: [], overLimitReason: '', allergyReason: '' }
}

/** The quantity suggestion of a line as typed, or null when it cannot be counted (the doctor enters it). */
export function suggestedQuantity(line: Pick<RxLine, 'drug' | 'dosage' | 'frequency' | 'days'>): number | null {
  const days = parseCount(line.days, 1, MAX_DAYS)
  if (days === null || !line.dosage.trim()) return null
  return suggestQuantity({ dosage: line.dosage, frequency: line.frequency, days }, line.drug)
}

export type LineChange = Partial<Pick<RxLine, 'dosage' | 'frequency' | 'route' | 'days' | 'quantity'>>

/** A line after an edit: the quantity follows dose, frequency and days until the doctor types one. */
export function changeLine(line: RxLine, change: LineChange): RxLine {
  const next = { ...line, ...change }
  if (change.quantity !== undefined) next.quantityTyped = change.quantity.trim() !== ''
  if (!next.quantityTyped) {
    const suggestion = suggestedQuantity(next)
    next.quantity = suggestion === null ? '' : String(suggestion)
  }
  return next
}

/** Why a drug cannot be added, or null: out of stock, or already on the prescription. */
export function cannotAdd(draft: RxDraft, drug: RxDrug): string | null {
  if (drug.available <= 0) return `${drug.name} 当前无可用库存`
  if (draft.lines.some((line) => line.drug.id === drug.id)) return `${drug.name} 已在处方中`
  return null
}

export function addLine(draft: RxDraft, drug: RxDrug): RxDraft {
  if (cannotAdd(draft, drug)) return draft
  const line: RxLine = { drug, dosage: '', frequency: 'tid', route: '口服', days: '3', quantity: '', quantityTyped: false }
  return { ...draft, lines: [...draft.lines, line] }
}

export function removeLine(draft: RxDraft, index: number): RxDraft {
  return { ...draft, lines: draft.lines.filter((_, i) => i !== index) }
}

export interface RxCheck {
  /** By line index, then field (dosage, days, quantity). */
  lineErrors: Record<number, Record<string, string>>
  /** Worth knowing but not refused here (stock is the pharmacy's answer at signing). */
  notes: string[]
  /** More than 7 days on a normal prescription: the reason input shows. */
  needsOverLimitReason: boolean
  /** Drugs of a class the patient is allergic to: the reason input shows. */
  allergyDrugs: string[]
  /** The first thing to fix; absent when the draft may be sent. */
  problem?: string
  input?: CreatePrescriptionDto
}

/**
 * Checks the draft the way the server will: at most 5 drugs, days within the kind's and the controlled classes'
 * limits, a reason for more than 7 days, and a reason for a drug the patient is allergic to. `flagged` are drug ids
 * the server named in a PRESCRIPTION.ALLERGY refusal (it knows the patient's record as it is now).
 */
export function checkDraft(draft: RxDraft, allergyClasses: readonly string[], flagged: readonly string[] = []): RxCheck {
  const lineErrors: Record<number, Record<string, string>> = {}
  const notes: string[] = []
  const setError = (index: number, field: string, message: string) => {
    lineErrors[index] = { ...lineErrors[index], [field]: lineErrors[index]?.[field] ?? message }
  }
  const emergency = draft.kind === 'EMERGENCY'
  let overNormal = false
  const allergyDrugs: string[] = []

  draft.lines.forEach((line, index) => {
    if (!line.dosage.trim()) setError(index, 'dosage', '请填写单次用量')
    else if (line.dosage.trim().length > 30) setError(index, 'dosage', '不能超过 30 个字')
    if (!line.route.trim()) setError(index, 'route', '请选择给药途径')
    const days = parseCount(line.days, 1, MAX_DAYS)
    if (days === null) setError(index, 'days', `请输入 1–${MAX_DAYS} 的整数`)
    else {
      const cap = CONTROLLED_DAYS[line.drug.controlClass]
      if (cap !== undefined && days > cap) setError(index, 'days', `${CONTROLLED_NAMES[line.drug.controlClass]}最多 ${cap} 天`)
      else if (emergency && days > EMERGENCY_DAYS) setError(index, 'days', `急诊处方最多 ${EMERGENCY_DAYS} 天`)
      else if (days > NORMAL_DAYS) overNormal = true
    }
    const quantity = parseCount(line.quantity, 1, MAX_QUANTITY)
    if (quantity === null) setError(index, 'quantity', `请输入 1–${MAX_QUANTITY} 的整数`)
    else if (quantity > line.drug.available) notes.push(`${line.drug.name} 可用库存 ${line.drug.available} ${line.drug.unit}，少于开具的 ${quantity} ${line.drug.unit}`)
    const allergic = line.drug.allergyClass !== null && allergyClasses.includes(line.drug.allergyClass)
    if (allergic || flagged.includes(line.drug.id)) allergyDrugs.push(line.drug.name)
  })

  const needsOverLimitReason = overNormal && !emergency
  const overLimitReason = draft.overLimitReason.trim()
  const allergyReason = draft.allergyReason.trim()
  let problem: string | undefined
  if (!draft.lines.length) problem = '请添加药品'
  else if (draft.lines.length > MAX_DRUGS) problem = `一张处方最多 ${MAX_DRUGS} 种药品，其余请另开处方`
  else if (Object.keys(lineErrors).length) problem = '请修改标出的内容'
  else if (needsOverLimitReason && !overLimitReason) problem = `用药超过 ${NORMAL_DAYS} 天，请填写超期理由`
  else if (allergyDrugs.length && !allergyReason) problem = `患者对 ${allergyDrugs.join('、')} 有过敏记录，请确认并填写理由`
  else if (overLimitReason.length > REASON_MAX || allergyReason.length > REASON_MAX) problem = `理由不能超过 ${REASON_MAX} 个字`

  const check: RxCheck = { lineErrors, notes, needsOverLimitReason, allergyDrugs }
  if (problem) return { ...check, problem }
  const input: CreatePrescriptionDto = {
    kind: draft.kind,
    items: draft.lines.map((line) => ({
      drugId: line.drug.id,
      dosage: line.dosage.trim(),
      frequency: line.frequency,
      route: line.route.trim(),
      days: Number(line.days.trim()),
      quantity: Number(line.quantity.trim())
    }))
  }
  // Optional reasons are sent only when they apply: the server refuses an empty one.
  if (needsOverLimitReason) input.overLimitReason = overLimitReason
  if (allergyDrugs.length) input.allergyOverrideReason = allergyReason
  return { ...check, input }
}

/** The drugs a PRESCRIPTION.ALLERGY refusal names; [] for any other error. */
export function allergyWarningsOf(error: unknown): AllergyWarning[] {
  if (!isApiError(error) || error.code !== 'PRESCRIPTION.ALLERGY' || !Array.isArray(error.details)) return []
  return error.details.filter(
    (item): item is AllergyWarning => typeof item === 'object' && item !== null && typeof (item as AllergyWarning).drugId === 'string'
  )
}

/** "阿莫西林胶囊（青霉素类）". */
export function allergyWarningText(warning: AllergyWarning): string {
  return `${warning.name}（${drugAllergyLabel(warning.allergyClass)}）`
}

const LINE_FIELD_TEXT: Record<string, string> = {
  'PRESCRIPTION.DAYS_OVER_LIMIT': '超出处方天数限制',
  'PRESCRIPTION.CONTROLLED_LIMIT': '超出管制药品天数上限'
}

/** The lines a refusal names (`items.2.days`), on the builder's lines. */
export function lineErrorsOf(error: unknown): Record<number, Record<string, string>> {
  const code = isApiError(error) ? error.code : ''
  const lines: Record<number, Record<string, string>> = {}
  for (const { field } of detailFields(error)) {
    const match = /^items\.(\d+)\.(\w+)$/.exec(field)
    if (!match) continue
    const index = Number(match[1])
    const text = LINE_FIELD_TEXT[code] ?? (match[2] === 'drugId' ? '药品重复或无效' : '请检查此项')
    lines[index] = { ...lines[index], [match[2]]: text }
  }
  return lines
}

/** "可用 12 盒" — what the search shows beside a drug. */
export function availableText(drug: Pick<RxDrug, 'available' | 'unit'>): string {
  return drug.available > 0 ? `可用 ${drug.available} ${drug.unit}` : '无库存'
}
