import { describe, expect, it } from '@jest/globals'
import type { DispensingLineReply } from '@clinic/contracts'
import { canReturn, checkReturn, returnable, shortRef, usageText } from './dispensing-logic'

function line(overrides: Partial<DispensingLineReply>): DispensingLineReply {
  return {
    lineId: 'l-1',
    drugId: 'd-1',
    name: '阿莫西林胶囊',
    spec: '0.25g*24粒',
    unit: '盒',
    quantity: 2,
    unitPriceFen: 1850,
    amountFen: 3700,
    dosage: '0.5g',
    frequency: 'tid',
    route: '口服',
    days: 7,
    batches: [],
    returnedQuantity: 0,
    ...overrides
  }
}

describe('usageText', () => {
  it('writes dose, frequency, route and days as the label does, leaving out what the doctor left out', () => {
    expect(usageText(line({}))).toBe('口服 每次0.5g 每日三次 共7天')
    expect(usageText(line({ route: null, days: null }))).toBe('每次0.5g 每日三次')
    expect(usageText(line({ dosage: null, frequency: null, route: null, days: null }))).toBe('')
  })
})

describe('what may be returned', () => {
  it('is what was dispensed less what came back already', () => {
    expect(returnable(line({ quantity: 3, returnedQuantity: 1 }))).toBe(2)
    expect(returnable(line({ quantity: 3, returnedQuantity: 3 }))).toBe(0)
    // Never negative, whatever the server says.
    expect(returnable(line({ quantity: 1, returnedQuantity: 2 }))).toBe(0)
  })

  it('applies to a dispensed prescription with something left to return', () => {
    expect(canReturn({ status: 'DISPENSED', lines: [line({})] })).toBe(true)
    expect(canReturn({ status: 'DISPENSED', lines: [line({ returnedQuantity: 2 })] })).toBe(false)
    expect(canReturn({ status: 'READY', lines: [line({})] })).toBe(false)
  })
})

describe('checkReturn', () => {
  const order = {
    lines: [
      line({ lineId: 'a', drugId: 'amox', quantity: 3, returnedQuantity: 1 }),
      line({ lineId: 'b', drugId: 'ibu', name: '布洛芬缓释胶囊', quantity: 1, unitPriceFen: 1200 })
    ]
  }

  it('sends the typed quantities by drug with the reason, and says what the refund will be', () => {
    const check = checkReturn(order, { quantities: { a: '2', b: '0' }, reason: ' 患者过敏停药 ' })
    expect(check.problem).toBeUndefined()
    expect(check.input).toEqual({ items: [{ drugId: 'amox', quantity: 2 }], reason: '患者过敏停药' })
    expect(check.amountFen).toBe(3700)
  })

  it('holds each line to what it may still return', () => {
    const check = checkReturn(order, { quantities: { a: '3' }, reason: '停药' })
    expect(check.input).toBeUndefined()
    expect(check.lineErrors).toEqual({ a: '最多可退 2 盒' })
  })

  it('refuses text that is not a whole number', () => {
    for (const text of ['1.5', '-1', 'abc']) {
      expect(checkReturn(order, { quantities: { a: text }, reason: '停药' }).lineErrors).toEqual({ a: '请输入整数' })
    }
  })

  it('wants a quantity and a reason', () => {
    expect(checkReturn(order, { quantities: { a: '', b: '0' }, reason: '停药' }).problem).toBe('请填写至少一种药品的退药数量')
    expect(checkReturn(order, { quantities: { b: '1' }, reason: '  ' }).problem).toBe('请填写退药原因')
    expect(checkReturn(order, { quantities: { b: '1' }, reason: '长'.repeat(201) }).problem).toBe('退药原因不能超过 200 个字')
  })

  it('adds up two lines of one drug, as the server takes returns by drug', () => {
    const twice = { lines: [line({ lineId: 'a', quantity: 2 }), line({ lineId: 'c', quantity: 1 })] }
    expect(checkReturn(twice, { quantities: { a: '2', c: '1' }, reason: '停药' }).input?.items).toEqual([{ drugId: 'd-1', quantity: 3 }])
  })
})

describe('shortRef', () => {
  it('shows the first eight characters of an id in capitals', () => {
    expect(shortRef('3f2504e0-4f89-41d3-9a0c-0305e82c3301')).toBe('3F2504E0')
  })
})
