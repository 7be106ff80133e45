import { describe, expect, it } from '@jest/globals'
import { buildDraft, parseCoverDays, reorderPeriod, sortReorder, type ReorderRow } from './reorder-logic'

function row(drugId: string, overrides: Partial<ReorderRow> = {}): ReorderRow {
  return { drugId, name: drugId, spec: '0.25g×24粒', unit: '盒', available: 10, dailyUse: 2, suggestQuantity: 50, lastSupplierId: 's-1', lastUnitCostFen: 1250, ...overrides }
}

describe('补货建议', () => {
  it('reads cover days of 1 to 365', () => {
    expect(parseCoverDays('30')).toBe(30)
    expect(parseCoverDays(' 7 ')).toBe(7)
    expect(parseCoverDays('0')).toBeNull()
    expect(parseCoverDays('366')).toBeNull()
    expect(parseCoverDays('1.5')).toBeNull()
    expect(parseCoverDays('')).toBeNull()
  })

  it('asks for the last 30 clinic days', () => {
    expect(reorderPeriod('2026-11-26')).toEqual({ from: '2026-10-28', to: '2026-11-26' })
  })

  it('lists the drugs that run out soonest first, unused ones last', () => {
    const rows = [row('a', { available: 20, dailyUse: 2 }), row('b', { available: 1, dailyUse: 1 }), row('c', { dailyUse: 0 })]
    expect(sortReorder(rows).map((item) => item.drugId)).toEqual(['b', 'a', 'c'])
  })
})

describe('the stock-in draft', () => {
  it('carries the chosen drugs with their suggested quantity and last cost, in the list\'s order', () => {
    const rows = [row('a', { suggestQuantity: 12.4 }), row('b', { lastUnitCostFen: null }), row('c')]
    expect(buildDraft(rows, new Set(['c', 'a']))).toEqual({
      supplierId: 's-1',
      items: [
        { drug: { id: 'a', name: 'a', spec: '0.25g×24粒', unit: '盒' }, quantity: 13, unitCostFen: 1250 },
        { drug: { id: 'c', name: 'c', spec: '0.25g×24粒', unit: '盒' }, quantity: 50, unitCostFen: 1250 }
      ]
    })
    expect(buildDraft(rows, new Set(['b'])).items[0].unitCostFen).toBeNull()
  })

  it('names a supplier only when every chosen drug was last bought from it', () => {
    const rows = [row('a'), row('b', { lastSupplierId: 's-2' }), row('c', { lastSupplierId: null })]
    expect(buildDraft(rows, new Set(['a', 'b'])).supplierId).toBeNull()
    expect(buildDraft(rows, new Set(['c'])).supplierId).toBeNull()
    expect(buildDraft(rows, new Set(['b'])).supplierId).toBe('s-2')
  })

  it('leaves out nothing-to-buy rows and gives an empty draft for no choice', () => {
    expect(buildDraft([row('a', { suggestQuantity: 0 })], new Set(['a'])).items).toEqual([])
    expect(buildDraft([row('a')], new Set())).toEqual({ supplierId: null, items: [] })
  })
})
