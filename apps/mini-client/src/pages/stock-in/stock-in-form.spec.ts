import { describe, expect, it } from '@jest/globals'
import { ApiError } from '../../services/api'
import { hasErrors, lineTotalFen, linesFromDraft, newLine, receiptTotal, serverErrors, toStockInInput, validateStockIn, type StockInLine } from './stock-in-form'

const AMOX = { id: 'amox', name: '阿莫西林胶囊', spec: '0.25g*24粒', unit: '盒' }
const IBU = { id: 'ibu', name: '布洛芬缓释胶囊', spec: '0.3g*20粒', unit: '盒' }
const TODAY = '2026-11-26'

function filled(key: number, overrides: Partial<StockInLine> = {}): StockInLine {
  return { ...newLine(key, AMOX), batchNo: `B${key}`, expiryDate: '2028-07-31', quantity: '100', unitCost: '9.5', ...overrides }
}

describe('totals', () => {
  it('multiplies whole units by whole fen: no float touches the money', () => {
    expect(lineTotalFen({ quantity: '3', unitCost: '0.29' })).toBe(87)
    expect(lineTotalFen({ quantity: '100', unitCost: '9.5' })).toBe(95_000)
    // The largest line the server takes stays a safe integer: 1,000,000 units at ¥1,000,000.00.
    expect(lineTotalFen({ quantity: '1000000', unitCost: '1000000.00' })).toBe(100_000_000_000_000)
  })

  it('has no line total until quantity and cost can be read', () => {
    expect(lineTotalFen({ quantity: '', unitCost: '9.5' })).toBeNull()
    expect(lineTotalFen({ quantity: '0', unitCost: '9.5' })).toBeNull()
    expect(lineTotalFen({ quantity: '2', unitCost: '9.555' })).toBeNull()
  })

  it('adds up the lines it can, and says whether that was all of them', () => {
    expect(receiptTotal([filled(1), filled(2, { unitCost: '0.1', quantity: '3' })])).toEqual({ totalFen: 95_030, complete: true })
    expect(receiptTotal([filled(1), filled(2, { quantity: '' })])).toEqual({ totalFen: 95_000, complete: false })
    expect(receiptTotal([])).toEqual({ totalFen: 0, complete: true })
  })
})

describe('validateStockIn', () => {
  it('passes a complete receipt', () => {
    expect(hasErrors(validateStockIn('sup-1', 'FP-1', [filled(1), filled(2)], TODAY))).toBe(false)
  })

  it('wants a supplier and at least one line', () => {
    const errors = validateStockIn('', '', [], TODAY)
    expect(errors.supplier).toBe('请选择供应商')
    expect(errors.form).toEqual(['请至少添加一种药品'])
  })

  it('files each problem under its line and field', () => {
    const errors = validateStockIn('sup-1', '', [filled(7, { batchNo: ' ', expiryDate: '2026-02-30', quantity: '-1', unitCost: 'abc' })], TODAY)
    expect(errors.lines).toEqual({
      7: { batchNo: '请填写批号', expiryDate: '日期格式应为 YYYY-MM-DD', quantity: '请输入正整数数量', unitCost: '请输入进价（元，最多两位小数）' }
    })
  })

  it('refuses a batch past its expiry date but takes one usable through today', () => {
    expect(validateStockIn('sup-1', '', [filled(1, { expiryDate: '2026-11-25' })], TODAY).lines[1]).toEqual({ expiryDate: '该批次已过有效期，不能入库' })
    expect(validateStockIn('sup-1', '', [filled(1, { expiryDate: TODAY })], TODAY).lines).toEqual({})
  })

  it('names the line a repeated batch of the same drug repeats; another drug may share the number', () => {
    const lines = [filled(1, { batchNo: 'X1' }), { ...filled(2, { batchNo: 'X1' }), drug: IBU }, filled(3, { batchNo: ' X1 ' })]
    expect(validateStockIn('sup-1', '', lines, TODAY).lines).toEqual({ 3: { batchNo: '与第 1 行的药品和批号相同' } })
  })
})

describe('toStockInInput', () => {
  it('sends whole units and whole fen, trimmed, without an empty invoice number', () => {
    expect(toStockInInput('sup-1', '  ', [filled(1, { batchNo: ' 20260815A ', unitCost: '¥12.5' })])).toEqual({
      supplierId: 'sup-1',
      items: [{ drugId: 'amox', batchNo: '20260815A', expiryDate: '2028-07-31', quantity: 100, unitCostFen: 1250 }]
    })
    expect(toStockInInput('sup-1', ' FP-9 ', [filled(1)]).invoiceNo).toBe('FP-9')
  })
})

describe('serverErrors', () => {
  const refused = (details: unknown) => new ApiError(400, { code: 'VALIDATION.FAILED', message: 'Validation failed', details })
  // Lines keep their keys when others are removed: the server's index is the place in the request.
  const sent = [filled(4), filled(9), filled(12)]

  it('puts items.N.field on the N-th line sent, in Chinese', () => {
    const errors = serverErrors(
      refused([
        { field: 'items.2.expiryDate', errors: ['batch B12 expired on 2026-01-01'] },
        { field: 'items.0.drugId', errors: ['unknown drug'] },
        { field: 'items.1.batchNo', errors: ['same drug and batch as line 1'] },
        { field: 'items.1.quantity', errors: ['quantity must be a positive number of units'] }
      ]),
      sent
    )
    expect(errors.lines).toEqual({
      4: { drug: '药品不存在，请重新选择' },
      9: { batchNo: '与第 1 行的药品和批号相同', quantity: '数量须为正整数' },
      12: { expiryDate: '该批次已过有效期，不能入库' }
    })
    expect(errors.form).toEqual([])
  })

  it('keeps what is not about a line field for the box under the form', () => {
    const errors = serverErrors(
      refused([
        { field: 'supplierId', errors: ['supplierId must be a UUID'] },
        { field: 'items.0.colour', errors: ['not allowed'] },
        { field: 'items.5.quantity', errors: ['no such line'] }
      ]),
      sent
    )
    expect(errors.form).toEqual(['供应商：supplierId must be a UUID', '第 1 行：not allowed'])
    expect(errors.lines).toEqual({ 4: {} })
  })

  it('has nothing to say about other errors', () => {
    expect(serverErrors(new ApiError(409, { code: 'DRUG.INACTIVE', message: 'retired' }), sent)).toEqual({ lines: {}, form: [] })
  })
})

describe('a draft from 补货建议', () => {
  it('fills drug, quantity and last cost; batch and expiry wait for the delivery', () => {
    const drug = { id: 'd-1', name: '阿莫西林胶囊', spec: '0.25g×24粒', unit: '盒' }
    const lines = linesFromDraft(
      [
        { drug, quantity: 40, unitCostFen: 1250 },
        { drug: { ...drug, id: 'd-2' }, quantity: 5, unitCostFen: null }
      ],
      7
    )
    expect(lines).toEqual([
      { key: 7, drug, batchNo: '', expiryDate: '', quantity: '40', unitCost: '12.50' },
      { key: 8, drug: { ...drug, id: 'd-2' }, batchNo: '', expiryDate: '', quantity: '5', unitCost: '' }
    ])
    expect(receiptTotal(lines)).toEqual({ totalFen: 50_000, complete: false })
  })
})
