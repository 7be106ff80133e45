import type { PharmacyStats } from '@clinic/contracts'
import type { StockInDraft } from '../../services/stock-in-draft'
import { parseCount } from '../../utils/pharmacy'
import { addDays } from '../../utils/schedule'

// 补货建议 as plain data: the cover days typed, the order of the suggestions, and the stock-in draft they make.

export type ReorderRow = PharmacyStats['reorder'][number]

export const DEFAULT_COVER_DAYS = 30
export const COVER_DAYS_LIMITS = { min: 1, max: 365 } as const

/** The cover days typed, or null when they are not a whole number of days the server accepts. */
export function parseCoverDays(text: string): number | null {
  return parseCount(text.trim(), COVER_DAYS_LIMITS.min, COVER_DAYS_LIMITS.max)
}

/** The days asked for with the suggestions: the last 30 clinic days (the server bases use on them anyway). */
export function reorderPeriod(today: string): { from: string; to: string } {
  return { from: addDays(today, -29), to: today }
}

/** How long what is on hand lasts at the recent rate; null when the drug is not being used. */
export function coverLeft(row: Pick<ReorderRow, 'available' | 'dailyUse'>): number | null {
  return row.dailyUse > 0 ? row.available / row.dailyUse : null
}

/** The drugs that run out soonest first. */
export function sortReorder(rows: readonly ReorderRow[]): ReorderRow[] {
  return [...rows].sort((a, b) => (coverLeft(a) ?? Infinity) - (coverLeft(b) ?? Infinity) || a.name.localeCompare(b.name))
}

/**
 * The stock-in draft of the chosen suggestions, in the list's order: each drug with its suggested quantity and last
 * cost. The supplier is filled in only when every chosen drug was last bought from the same one.
 */
export function buildDraft(rows: readonly ReorderRow[], chosen: ReadonlySet<string>): StockInDraft {
  const picked = rows.filter((row) => chosen.has(row.drugId) && row.suggestQuantity > 0)
  const suppliers = new Set(picked.map((row) => row.lastSupplierId))
  const [only] = [...suppliers]
  return {
    supplierId: suppliers.size === 1 && only ? only : null,
    items: picked.map((row) => ({
      drug: { id: row.drugId, name: row.name, spec: row.spec, unit: row.unit },
      quantity: Math.ceil(row.suggestQuantity),
      unitCostFen: row.lastUnitCostFen
    }))
  }
}
