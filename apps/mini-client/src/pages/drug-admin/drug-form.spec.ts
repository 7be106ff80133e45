import { describe, expect, it } from '@jest/globals'
import type { DrugReply } from '@clinic/contracts'
import { emptyDrugForm, formFromDrug, hasErrors, toCreateDrugInput, toDrugUpdate, validateDrugForm, type DrugFormValues } from './drug-form'

const DRUG: DrugReply = {
  id: 'd-1',
  name: '阿莫西林胶囊',
  genericName: '阿莫西林',
  spec: '0.25g*24粒',
  dosageForm: '胶囊剂',
  unit: '盒',
  packSize: 24,
  priceFen: 1850,
  category: '抗感染药',
  reorderLevel: 20,
  barcode: '6901234567892',
  isPrescription: true,
  controlClass: 'ORDINARY',
  allergyClass: 'PENICILLIN',
  active: true,
  available: 120,
  createdAt: '2026-11-01T00:00:00Z'
}

function form(overrides: Partial<DrugFormValues>): DrugFormValues {
  return { ...emptyDrugForm(), name: '布洛芬缓释胶囊', spec: '0.3g*20粒', unit: '盒', price: '12.5', reorderLevel: '10', ...overrides }
}

describe('validateDrugForm', () => {
  it('passes the required fields alone', () => {
    expect(hasErrors(validateDrugForm(form({})))).toBe(false)
  })

  it('names every missing or malformed field', () => {
    expect(validateDrugForm({ ...emptyDrugForm(), packSize: '0', barcode: '12' })).toEqual({
      name: '请填写药品名称',
      spec: '请填写规格',
      unit: '请填写单位',
      price: '请输入零售价（元，最多两位小数）',
      reorderLevel: '请输入预警库存（整数）',
      packSize: '包装数量须为 1–10000 的整数',
      barcode: '条码须为 4–32 位字母、数字或 -'
    })
  })

  it('holds text to the server\'s lengths and the price to its ceiling', () => {
    const errors = validateDrugForm(form({ unit: '盒'.repeat(11), price: '1000000.01' }))
    expect(errors).toEqual({ unit: '单位不能超过 10 个字', price: '零售价过大' })
  })
})

describe('toCreateDrugInput', () => {
  it('sends yuan as whole fen and leaves empty optional fields out', () => {
    expect(toCreateDrugInput(form({ price: '0.29', genericName: '  ' }))).toEqual({
      name: '布洛芬缓释胶囊',
      spec: '0.3g*20粒',
      unit: '盒',
      priceFen: 29,
      reorderLevel: 10,
      isPrescription: true,
      controlClass: 'ORDINARY'
    })
  })

  it('sends every field CreateDrugDto has when filled', () => {
    expect(
      toCreateDrugInput(form({ genericName: '布洛芬', dosageForm: '胶囊剂', packSize: '20', category: '解热镇痛', barcode: '6900000000001', isPrescription: false, controlClass: 'PSYCHOTROPIC_2', allergyClass: 'NSAID' }))
    ).toEqual({
      name: '布洛芬缓释胶囊',
      genericName: '布洛芬',
      spec: '0.3g*20粒',
      dosageForm: '胶囊剂',
      unit: '盒',
      packSize: 20,
      priceFen: 1250,
      category: '解热镇痛',
      reorderLevel: 10,
      barcode: '6900000000001',
      isPrescription: false,
      controlClass: 'PSYCHOTROPIC_2',
      allergyClass: 'NSAID'
    })
  })
})

describe('toDrugUpdate', () => {
  it('sends nothing for an untouched form, so the price history gets no entry', () => {
    expect(toDrugUpdate(DRUG, formFromDrug(DRUG))).toEqual({})
  })

  it('sends only the changed fields', () => {
    expect(toDrugUpdate(DRUG, { ...formFromDrug(DRUG), price: '19.90', controlClass: 'TOXIC' })).toEqual({ priceFen: 1990, controlClass: 'TOXIC' })
  })

  it('empties text fields with \'\' and the barcode and allergy class with null, as the server expects', () => {
    const cleared = { ...formFromDrug(DRUG), genericName: '', dosageForm: ' ', category: '', barcode: '', allergyClass: '' as const }
    expect(toDrugUpdate(DRUG, cleared)).toEqual({ genericName: '', dosageForm: '', category: '', barcode: null, allergyClass: null })
  })

  it('keeps the pack size when its field is emptied', () => {
    expect(toDrugUpdate(DRUG, { ...formFromDrug(DRUG), packSize: '' })).toEqual({})
  })

  it('shows the price as yuan text that reads back to the same fen', () => {
    expect(formFromDrug(DRUG).price).toBe('18.50')
  })
})
