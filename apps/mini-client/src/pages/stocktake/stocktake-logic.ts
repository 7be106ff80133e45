import type { StocktakeCountDto, StocktakeLineReply } from '@clinic/contracts'
import { formatFen } from '../../utils/money'
import { parseCount } from '../../utils/pharmacy'

// Counting (盘点) as plain data: what a save sends, the variance of a line and the totals that go to review.

/** Counts as typed, by batch id; a batch not typed in is absent. */
export type CountDrafts = Record<string, string>

export const COUNT_MAX = 1_000_000

/** The book quantity a count is measured against: as of the count once entered (dispensing goes on), else frozen. */
export function bookOf(line: Pick<StocktakeLineReply, 'bookQuantity' | 'frozenQuantity'>): number {
  return line.bookQuantity ?? line.frozenQuantity
}

export interface PendingCounts {
  /** What a save sends: typed counts that differ from the saved ones. */
  counts: StocktakeCountDto[]
  /** By batch id: typed text that is not a count. */
  errors: Record<string, string>
}

export function pendingCounts(lines: readonly StocktakeLineReply[], drafts: CountDrafts): PendingCounts {
  const result: PendingCounts = { counts: [], errors: {} }
  for (const line of lines) {
    const text = drafts[line.batchId]
    if (text === undefined || !text.trim()) continue
    const value = parseCount(text, 0, COUNT_MAX)
    if (value === null) result.errors[line.batchId] = '请输入 0 或正整数'
    else if (value !== line.actualQuantity) result.counts.push({ batchId: line.batchId, actualQuantity: value })
  }
  return result
}

export interface LineVariance {
  quantity: number
  fen: number
  /** Worked out here from an unsaved count (the saved one comes from the server). */
  preview: boolean
}

/** A line's variance: of the typed count while it is unsaved, else the saved one; null before any count. */
export function lineVariance(line: StocktakeLineReply, draft?: string): LineVariance | null {
  const typed = draft !== undefined && draft.trim() ? parseCount(draft, 0, COUNT_MAX) : null
  if (typed !== null && typed !== line.actualQuantity) {
    const quantity = typed - bookOf(line)
    return { quantity, fen: quantity * line.unitCostFen, preview: true }
  }
  if (line.varianceQuantity === null) return null
  return { quantity: line.varianceQuantity, fen: line.varianceFen ?? line.varianceQuantity * line.unitCostFen, preview: false }
}

export interface VarianceTotals {
  lines: number
  counted: number
  /** Counted lines whose count differs from the book. */
  differing: number
  gainQuantity: number
  lossQuantity: number
  gainFen: number
  lossFen: number
  netQuantity: number
  netFen: number
}

/** The saved counts' totals: what confirming would post (uncounted batches are left as they are). */
export function varianceTotals(lines: readonly StocktakeLineReply[]): VarianceTotals {
  const totals: VarianceTotals = { lines: lines.length, counted: 0, differing: 0, gainQuantity: 0, lossQuantity: 0, gainFen: 0, lossFen: 0, netQuantity: 0, netFen: 0 }
  for (const line of lines) {
    if (line.actualQuantity === null) continue
    totals.counted += 1
    const variance = lineVariance(line)
    if (!variance || variance.quantity === 0) continue
    totals.differing += 1
    if (variance.quantity > 0) {
      totals.gainQuantity += variance.quantity
      totals.gainFen += variance.fen
    } else {
      totals.lossQuantity += -variance.quantity
      totals.lossFen += -variance.fen
    }
  }
  totals.netQuantity = totals.gainQuantity - totals.lossQuantity
  totals.netFen = totals.gainFen - totals.lossFen
  return totals
}

export type LineFilter = 'all' | 'uncounted' | 'differing'

/** The lines matching the typed text (drug name, spec or batch number) and the chosen filter. */
export function filterLines(lines: readonly StocktakeLineReply[], text: string, filter: LineFilter): StocktakeLineReply[] {
  const needle = text.trim().toLowerCase()
  return lines.filter((line) => {
    if (filter === 'uncounted' && line.actualQuantity !== null) return false
    if (filter === 'differing' && !line.varianceQuantity) return false
    if (!needle) return true
    return [line.drugName, line.spec, line.batchNo].some((value) => value.toLowerCase().includes(needle))
  })
}

/** "+3" / "-2" / "0": a variance with its sign. */
export function signed(value: number): string {
  return value > 0 ? `+${value}` : String(value)
}

/** "+¥3.00" / "-¥1.20". */
export function signedFen(fen: number): string {
  return fen > 0 ? `+${formatFen(fen)}` : formatFen(fen)
}

/** What the confirmation dialog says before the adjustments are posted. */
export function confirmText(totals: VarianceTotals): string {
  const parts = [`已盘点 ${totals.counted}/${totals.lines} 个批次`]
  if (totals.differing) {
    parts.push(`盘盈 ${totals.gainQuantity}（${formatFen(totals.gainFen)}），盘亏 ${totals.lossQuantity}（${formatFen(totals.lossFen)}）`)
  } else {
    parts.push('账实相符')
  }
  const uncounted = totals.lines - totals.counted
  if (uncounted) parts.push(`未盘点的 ${uncounted} 个批次不作调整`)
  return `${parts.join('；')}。确认后按差异调整库存，不能撤销。`
}
