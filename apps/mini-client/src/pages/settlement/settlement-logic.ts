import type { PaymentMethod } from '@clinic/contracts'
import type { DailySettlementReply, SettlementMethodRow } from '../../services/billing-types'
import { formatFen, parseYuan } from '../../utils/money'
import { addDays } from '../../utils/schedule'
import { parseLocalDate } from '../../utils/time'

// 日结 as plain data: the day's figures by method, the cash counted against the cash expected, and what may be done.

/** The order the methods are listed in; every one is shown, with zeros when nothing moved. */
export const METHOD_ORDER: readonly PaymentMethod[] = ['CASH', 'CARD', 'WECHAT', 'INSURANCE']

const ZERO = { receivedFen: 0, refundedFen: 0, reversedFen: 0, netFen: 0, count: 0 }

/** The reply's rows in METHOD_ORDER, a zero row for each method missing, and any other method after them. */
export function methodRows(byMethod: readonly SettlementMethodRow[]): SettlementMethodRow[] {
  const known = METHOD_ORDER.map((method) => byMethod.find((row) => row.method === method) ?? { method, ...ZERO })
  return [...known, ...byMethod.filter((row) => !METHOD_ORDER.includes(row.method))]
}

export function methodTotals(rows: readonly SettlementMethodRow[]): Omit<SettlementMethodRow, 'method'> {
  return rows.reduce(
    (sum, row) => ({
      receivedFen: sum.receivedFen + row.receivedFen,
      refundedFen: sum.refundedFen + row.refundedFen,
      reversedFen: sum.reversedFen + row.reversedFen,
      netFen: sum.netFen + row.netFen,
      count: sum.count + row.count
    }),
    { ...ZERO }
  )
}

/** The counted cash as typed: fen, or why it is not an amount. Zero is an amount (an empty drawer). */
export function countedCashCheck(text: string): { fen?: number; error?: string } {
  if (!text.trim()) return { error: '请输入实点现金' }
  const fen = parseYuan(text)
  return fen === null ? { error: '请输入正确的金额，最多两位小数' } : { fen }
}

export type DifferenceKind = 'even' | 'over' | 'short'

/** Counted less expected: more cash than expected is 长款, less is 短款. */
export function cashDifference(expectedFen: number, countedFen: number): { fen: number; kind: DifferenceKind; text: string } {
  const fen = countedFen - expectedFen
  if (fen === 0) return { fen, kind: 'even', text: '相符' }
  return fen > 0 ? { fen, kind: 'over', text: `长款 ${formatFen(fen)}` } : { fen, kind: 'short', text: `短款 ${formatFen(-fen)}` }
}

/** Why this day cannot be looked up (a bad date) or closed (a day that has not begun); null when it can. */
export function dateProblem(date: string, today: string): string | null {
  if (!parseLocalDate(date.trim())) return '日期格式应为 YYYY-MM-DD'
  if (date.trim() > today) return '不能查看或日结未来的日期'
  return null
}

/** The closed days listed under the form: the last `days` days up to today. */
export function recentPeriod(today: string, days = 30): { from: string; to: string } {
  return { from: addDays(today, -(days - 1)), to: today }
}

/** Newest first. */
export function sortClosedDays(days: readonly DailySettlementReply[]): DailySettlementReply[] {
  return [...days].sort((a, b) => b.date.localeCompare(a.date))
}

export const NOTE_MAX = 200

/** The confirm dialog's text: what is locked, and the difference that goes on record. */
export function closeConfirmText(date: string, expectedFen: number, countedFen: number): string {
  const diff = cashDifference(expectedFen, countedFen)
  return `${date} 应有现金 ${formatFen(expectedFen)}，实点现金 ${formatFen(countedFen)}，${diff.text}。\n日结后当日账目锁定，之后的收退款记入下一营业日。`
}

/** Who closed the day, when the reply names a person; an opaque id says nothing to the cashier. */
export function closedByText(closedBy: string | null): string | null {
  if (!closedBy) return null
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(closedBy) ? null : closedBy
}
