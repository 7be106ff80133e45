import type { ControlClass, CreateDrugDto, DrugAllergyClass, DrugReply } from '@clinic/contracts'
import type { DrugUpdateInput } from '../../services/api'
import { fenToYuanText, parseYuan } from '../../utils/money'
import { parseCount } from '../../utils/pharmacy'

// The drug form (新增 / 编辑药品) as plain data, with the server's limits (CreateDrugDto).

export interface DrugFormValues {
  name: string
  genericName: string
  spec: string
  dosageForm: string
  unit: string
  packSize: string
  /** Retail price per unit in yuan, as typed. */
  price: string
  category: string
  reorderLevel: string
  barcode: string
  isPrescription: boolean
  controlClass: ControlClass
  allergyClass: DrugAllergyClass | ''
}

export type DrugField = keyof DrugFormValues
export type DrugFormErrors = Partial<Record<DrugField, string>>

export const LIMITS = { name: 100, genericName: 100, spec: 100, dosageForm: 20, unit: 10, category: 30, packSize: 10_000, priceFen: 100_000_000, reorderLevel: 1_000_000 } as const
export const BARCODE_PATTERN = /^[0-9A-Za-z-]{4,32}$/

export function emptyDrugForm(): DrugFormValues {
  return {
    name: '',
    genericName: '',
    spec: '',
    dosageForm: '',
    unit: '',
    packSize: '',
    price: '',
    category: '',
    reorderLevel: '',
    barcode: '',
    isPrescription: true,
    controlClass: 'ORDINARY',
    allergyClass: ''
  }
}

export function formFromDrug(drug: DrugReply): DrugFormValues {
  return {
    name: drug.name,
    genericName: drug.genericName ?? '',
    spec: drug.spec,
    dosageForm: drug.dosageForm ?? '',
    unit: drug.unit,
    packSize: String(drug.packSize),
    price: fenToYuanText(drug.priceFen),
    category: drug.category ?? '',
    reorderLevel: String(drug.reorderLevel),
    barcode: drug.barcode ?? '',
    isPrescription: drug.isPrescription,
    controlClass: drug.controlClass,
    allergyClass: drug.allergyClass ?? ''
  }
}

const REQUIRED_TEXT: [DrugField, string][] = [
  ['name', '请填写药品名称'],
  ['spec', '请填写规格'],
  ['unit', '请填写单位']
]

const TEXT_LIMITS: [keyof typeof LIMITS & DrugField, string][] = [
  ['name', '名称'],
  ['genericName', '通用名'],
  ['spec', '规格'],
  ['dosageForm', '剂型'],
  ['unit', '单位'],
  ['category', '分类']
]

export function validateDrugForm(values: DrugFormValues): DrugFormErrors {
  const errors: DrugFormErrors = {}
  for (const [field, message] of REQUIRED_TEXT) if (!String(values[field]).trim()) errors[field] = message
  for (const [field, label] of TEXT_LIMITS) {
    const limit = LIMITS[field] as number
    if (!errors[field] && String(values[field]).trim().length > limit) errors[field] = `${label}不能超过 ${limit} 个字`
  }
  const price = parseYuan(values.price)
  if (price === null) errors.price = '请输入零售价（元，最多两位小数）'
  else if (price > LIMITS.priceFen) errors.price = '零售价过大'
  if (parseCount(values.reorderLevel, 0, LIMITS.reorderLevel) === null) errors.reorderLevel = '请输入预警库存（整数）'
  if (values.packSize.trim() && parseCount(values.packSize, 1, LIMITS.packSize) === null) errors.packSize = `包装数量须为 1–${LIMITS.packSize} 的整数`
  const barcode = values.barcode.trim()
  if (barcode && !BARCODE_PATTERN.test(barcode)) errors.barcode = '条码须为 4–32 位字母、数字或 -'
  return errors
}

export function hasErrors(errors: DrugFormErrors): boolean {
  return Object.values(errors).some(Boolean)
}

/** The optional text fields: left out when empty. */
const OPTIONAL_TEXT = ['genericName', 'dosageForm', 'category', 'barcode'] as const

/** The request for a new drug from a form that passed validateDrugForm. */
export function toCreateDrugInput(values: DrugFormValues): CreateDrugDto {
  const input: CreateDrugDto = {
    name: values.name.trim(),
    spec: values.spec.trim(),
    unit: values.unit.trim(),
    priceFen: parseYuan(values.price) ?? 0,
    reorderLevel: parseCount(values.reorderLevel) ?? 0,
    isPrescription: values.isPrescription,
    controlClass: values.controlClass
  }
  for (const field of OPTIONAL_TEXT) {
    const text = values[field].trim()
    if (text) input[field] = text
  }
  const packSize = values.packSize.trim() ? parseCount(values.packSize, 1) : null
  if (packSize !== null) input.packSize = packSize
  if (values.allergyClass) input.allergyClass = values.allergyClass
  return input
}

/**
 * Only what the edit changed (a price change is what the history records, so an untouched price is not sent).
 * An emptied text field is sent as '' and an emptied barcode or allergy class as null, which is how the server
 * empties each; an empty pack size keeps the current one.
 */
export function toDrugUpdate(drug: DrugReply, values: DrugFormValues): DrugUpdateInput {
  const next = toCreateDrugInput(values)
  const update: DrugUpdateInput = {}
  if (next.name !== drug.name) update.name = next.name
  if (next.spec !== drug.spec) update.spec = next.spec
  if (next.unit !== drug.unit) update.unit = next.unit
  if (next.priceFen !== drug.priceFen) update.priceFen = next.priceFen
  if (next.reorderLevel !== drug.reorderLevel) update.reorderLevel = next.reorderLevel
  if (next.isPrescription !== drug.isPrescription) update.isPrescription = next.isPrescription
  if (next.controlClass !== drug.controlClass) update.controlClass = next.controlClass
  if (next.packSize !== undefined && next.packSize !== drug.packSize) update.packSize = next.packSize
  for (const field of ['genericName', 'dosageForm', 'category'] as const) {
    const value = next[field] ?? ''
    if (value !== (drug[field] ?? '')) update[field] = value
  }
  const barcode = next.barcode ?? null
  if (barcode !== drug.barcode) update.barcode = barcode
  const allergy = next.allergyClass ?? null
  if (allergy !== drug.allergyClass) update.allergyClass = allergy
  return update
}
