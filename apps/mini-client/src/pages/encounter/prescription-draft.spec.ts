import { describe, expect, it } from '@jest/globals'
import { ApiError } from '../../services/api'
import {
  addLine,
  allergyWarningsOf,
  cannotAdd,
  changeLine,
  checkDraft,
  emptyDraft,
  FREQUENCY_OPTIONS,
  lineErrorsOf,
  removeLine,
  type RxDraft,
  type RxDrug
} from './prescription-draft'

const drug = (id: string, extra: Partial<RxDrug> = {}): RxDrug => ({
  id,
  name: `药品${id}`,
  spec: '0.25g*24粒',
  unit: '盒',
  packSize: 24,
  controlClass: 'ORDINARY',
  allergyClass: null,
  available: 50,
  ...extra
})

const AMOXICILLIN = drug('amx', { name: '阿莫西林胶囊', allergyClass: 'PENICILLIN' })

/** A draft with lines already filled in. */
function filled(drugs: RxDrug[], days = '3'): RxDraft {
  let draft = emptyDraft()
  for (const item of drugs) draft = addLine(draft, item)
  return { ...draft, lines: draft.lines.map((line) => changeLine(line, { dosage: '0.5g', days })) }
}

describe('lines', () => {
  it('offers every frequency with its Chinese label', () => {
    expect(FREQUENCY_OPTIONS).toContainEqual({ value: 'tid', label: '每日三次' })
    expect(FREQUENCY_OPTIONS).toContainEqual({ value: 'prn', label: '必要时' })
  })

  it('pre-fills the quantity from dose, frequency and days, and follows changes', () => {
    let line = addLine(emptyDraft(), AMOXICILLIN).lines[0]
    expect(line.quantity).toBe('')
    // 0.5g of 0.25g capsules = 2 a dose, tid for 3 days = 18 capsules = 1 box of 24.
    line = changeLine(line, { dosage: '0.5g' })
    expect(line.quantity).toBe('1')
    // 7 days: 42 capsules, 2 boxes.
    line = changeLine(line, { days: '7' })
    expect(line.quantity).toBe('2')
  })

  it('keeps a typed quantity, and leaves it empty when nothing can be counted', () => {
    let line = changeLine(addLine(emptyDraft(), AMOXICILLIN).lines[0], { dosage: '0.5g' })
    line = changeLine(line, { quantity: '3' })
    expect(changeLine(line, { days: '7' }).quantity).toBe('3')
    // Emptying it brings the suggestion back.
    expect(changeLine(line, { quantity: '' }).quantity).toBe('1')
    expect(changeLine(changeLine(line, { quantity: '' }), { frequency: 'prn' }).quantity).toBe('')
  })

  it('refuses a drug out of stock or already on the prescription', () => {
    const draft = addLine(emptyDraft(), AMOXICILLIN)
    expect(cannotAdd(draft, AMOXICILLIN)).toBe('阿莫西林胶囊 已在处方中')
    expect(cannotAdd(draft, drug('x', { available: 0 }))).toBe('药品x 当前无可用库存')
    expect(addLine(draft, AMOXICILLIN).lines).toHaveLength(1)
    expect(removeLine(draft, 0).lines).toHaveLength(0)
  })
})

describe('checks before sending', () => {
  it('sends a well-formed prescription', () => {
    const check = checkDraft(filled([AMOXICILLIN]), [])
    expect(check.problem).toBeUndefined()
    expect(check.input).toEqual({ kind: 'NORMAL', items: [{ drugId: 'amx', dosage: '0.5g', frequency: 'tid', route: '口服', days: 3, quantity: 1 }] })
  })

  it('refuses more than 5 drugs', () => {
    const draft = filled(['a', 'b', 'c', 'd', 'e'].map((id) => drug(id)))
    const six = { ...draft, lines: [...draft.lines, { ...draft.lines[0], drug: drug('f') }] }
    expect(checkDraft(six, []).problem).toBe('一张处方最多 5 种药品，其余请另开处方')
  })

  it('asks for a reason beyond 7 days, and sends it', () => {
    const draft = filled([AMOXICILLIN], '10')
    const check = checkDraft(draft, [])
    expect(check.needsOverLimitReason).toBe(true)
    expect(check.problem).toBe('用药超过 7 天，请填写超期理由')
    const withReason = checkDraft({ ...draft, overLimitReason: '慢性病' }, [])
    expect(withReason.input?.overLimitReason).toBe('慢性病')
  })

  it('holds an emergency prescription to 3 days, whatever the reason', () => {
    const draft = { ...filled([AMOXICILLIN], '4'), kind: 'EMERGENCY' as const, overLimitReason: '远' }
    const check = checkDraft(draft, [])
    expect(check.lineErrors[0]).toEqual({ days: '急诊处方最多 3 天' })
    expect(check.needsOverLimitReason).toBe(false)
    expect(check.input).toBeUndefined()
  })

  it('caps the controlled classes', () => {
    const check = checkDraft(filled([drug('n', { controlClass: 'NARCOTIC' }), drug('t', { controlClass: 'TOXIC' }), drug('p', { controlClass: 'PSYCHOTROPIC_2' })], '3'), [])
    expect(check.lineErrors).toEqual({ 1: { days: '医疗用毒性药品最多 2 天' } })
    const longer = checkDraft(filled([drug('n', { controlClass: 'NARCOTIC' })], '5'), [])
    expect(longer.lineErrors).toEqual({ 0: { days: '麻醉药品最多 3 天' } })
  })

  it('asks for a reason when a drug matches the patient\'s allergies, and sends it', () => {
    const draft = filled([AMOXICILLIN])
    const check = checkDraft(draft, ['PENICILLIN'])
    expect(check.allergyDrugs).toEqual(['阿莫西林胶囊'])
    expect(check.problem).toBe('患者对 阿莫西林胶囊 有过敏记录，请确认并填写理由')
    expect(checkDraft({ ...draft, allergyReason: '皮试阴性' }, ['PENICILLIN']).input?.allergyOverrideReason).toBe('皮试阴性')
    // The server's refusal flags a drug the client did not know about.
    expect(checkDraft(filled([drug('x')]), [], ['x']).allergyDrugs).toEqual(['药品x'])
  })

  it('notes a quantity above the available stock without refusing it', () => {
    const draft = filled([drug('s', { available: 1 })])
    const check = checkDraft({ ...draft, lines: [changeLine(draft.lines[0], { quantity: '3' })] }, [])
    expect(check.notes).toEqual(['药品s 可用库存 1 盒，少于开具的 3 盒'])
    expect(check.input).toBeDefined()
  })

  it('marks missing dosage and bad numbers on their lines', () => {
    const draft = addLine(emptyDraft(), AMOXICILLIN)
    const check = checkDraft({ ...draft, lines: [changeLine(draft.lines[0], { days: '0' })] }, [])
    expect(check.lineErrors[0]).toEqual({ dosage: '请填写单次用量', days: '请输入 1–90 的整数', quantity: '请输入 1–1000 的整数' })
  })
})

describe('the server\'s refusals', () => {
  it('reads the drugs of PRESCRIPTION.ALLERGY', () => {
    const details = [{ drugId: 'amx', name: '阿莫西林胶囊', allergyClass: 'PENICILLIN' }]
    expect(allergyWarningsOf(new ApiError(409, { code: 'PRESCRIPTION.ALLERGY', message: 'allergic', details }))).toEqual(details)
    expect(allergyWarningsOf(new ApiError(409, { code: 'STOCK.INSUFFICIENT', message: 'short', details }))).toEqual([])
  })

  it('puts the named lines of a limit refusal on the builder', () => {
    const error = new ApiError(400, {
      code: 'PRESCRIPTION.CONTROLLED_LIMIT',
      message: 'too long',
      details: [{ field: 'items.1.days', errors: ['x: at most 3 days'] }]
    })
    expect(lineErrorsOf(error)).toEqual({ 1: { days: '超出管制药品天数上限' } })
  })
})
