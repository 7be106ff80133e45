import { describe, expect, it } from '@jest/globals'
import type { StocktakeLineReply } from '@clinic/contracts'
import { confirmText, filterLines, lineVariance, pendingCounts, signed, signedFen, varianceTotals } from './stocktake-logic'

function line(batchId: string, overrides: Partial<StocktakeLineReply> = {}): StocktakeLineReply {
  return {
    batchId,
    drugId: 'd-1',
    drugName: '阿莫西林胶囊',
    spec: '0.25g*24粒',
    unit: '盒',
    batchNo: `B-${batchId}`,
    expiryDate: '2028-07-31',
    frozenQuantity: 10,
    bookQuantity: null,
    actualQuantity: null,
    varianceQuantity: null,
    unitCostFen: 950,
    varianceFen: null,
    ...overrides
  }
}

/** A line counted at `actual` against a book of `book` (the server's figures). */
function counted(batchId: string, book: number, actual: number, unitCostFen = 950): StocktakeLineReply {
  return line(batchId, { bookQuantity: book, actualQuantity: actual, varianceQuantity: actual - book, varianceFen: (actual - book) * unitCostFen, unitCostFen })
}

describe('pendingCounts', () => {
  it('sends typed counts that differ from the saved ones, zero included', () => {
    const lines = [line('a'), counted('b', 10, 9), counted('c', 5, 5), line('d')]
    expect(pendingCounts(lines, { a: '0', b: '9', c: ' 6 ', d: '' })).toEqual({
      counts: [
        { batchId: 'a', actualQuantity: 0 },
        { batchId: 'c', actualQuantity: 6 }
      ],
      errors: {}
    })
  })

  it('flags typed text that is not a count and sends the rest', () => {
    expect(pendingCounts([line('a'), line('b')], { a: '-1', b: '3' })).toEqual({ counts: [{ batchId: 'b', actualQuantity: 3 }], errors: { a: '请输入 0 或正整数' } })
  })
})

describe('lineVariance', () => {
  it('is the server\'s once saved, measured against the book when counted', () => {
    // Frozen at 10; two were dispensed before the count, so the book was 8 and 8 on the shelf is no loss.
    expect(lineVariance(counted('a', 8, 8))).toEqual({ quantity: 0, fen: 0, preview: false })
    expect(lineVariance(counted('a', 8, 7))).toEqual({ quantity: -1, fen: -950, preview: false })
  })

  it('previews an unsaved count against the latest book it knows', () => {
    expect(lineVariance(line('a'), '12')).toEqual({ quantity: 2, fen: 1900, preview: true })
    expect(lineVariance(counted('a', 8, 7), '9')).toEqual({ quantity: 1, fen: 950, preview: true })
    // A typed count equal to the saved one is no longer a preview.
    expect(lineVariance(counted('a', 8, 7), '7')).toEqual({ quantity: -1, fen: -950, preview: false })
  })

  it('is nothing before a count', () => {
    expect(lineVariance(line('a'))).toBeNull()
    expect(lineVariance(line('a'), 'x')).toBeNull()
  })
})

describe('varianceTotals', () => {
  it('adds gains and losses apart, in units and in fen, over the counted lines', () => {
    const totals = varianceTotals([counted('a', 10, 12, 950), counted('b', 5, 2, 1200), counted('c', 3, 3), line('d')])
    expect(totals).toEqual({
      lines: 4,
      counted: 3,
      differing: 2,
      gainQuantity: 2,
      lossQuantity: 3,
      gainFen: 1900,
      lossFen: 3600,
      netQuantity: -1,
      netFen: -1700
    })
  })

  it('tells the confirmation what will be posted and what will not', () => {
    const totals = varianceTotals([counted('a', 10, 12), line('b')])
    expect(confirmText(totals)).toBe('已盘点 1/2 个批次；盘盈 2（¥19.00），盘亏 0（¥0.00）；未盘点的 1 个批次不作调整。确认后按差异调整库存，不能撤销。')
    expect(confirmText(varianceTotals([counted('a', 3, 3)]))).toBe('已盘点 1/1 个批次；账实相符。确认后按差异调整库存，不能撤销。')
  })
})

describe('filterLines', () => {
  const lines = [line('a', { drugName: '阿莫西林胶囊' }), counted('b', 5, 4), { ...counted('c', 5, 5), drugName: '布洛芬缓释胶囊', batchNo: 'XY-9' }]

  it('matches name, spec or batch number, ignoring case', () => {
    expect(filterLines(lines, '布洛芬', 'all').map((l) => l.batchId)).toEqual(['c'])
    expect(filterLines(lines, 'xy-9', 'all').map((l) => l.batchId)).toEqual(['c'])
    expect(filterLines(lines, '', 'all')).toHaveLength(3)
  })

  it('narrows to uncounted or differing lines', () => {
    expect(filterLines(lines, '', 'uncounted').map((l) => l.batchId)).toEqual(['a'])
    expect(filterLines(lines, '', 'differing').map((l) => l.batchId)).toEqual(['b'])
  })
})

describe('signed figures', () => {
  it('puts + on gains', () => {
    expect([signed(3), signed(0), signed(-2)]).toEqual(['+3', '0', '-2'])
    expect([signedFen(1900), signedFen(-950), signedFen(0)]).toEqual(['+¥19.00', '-¥9.50', '¥0.00'])
  })
})
