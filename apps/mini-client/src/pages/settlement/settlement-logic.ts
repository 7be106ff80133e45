import type { PaymentMethod, SettlementMethodTotals } from '@clinic/contracts'
import { formatFen, formatOutFen, parseYuan } from '../../utils/money'
import { addDays } from '../../utils/schedule'
import { parseLocalDate } from '../../utils/time'

// 日结 as plain data: the day's figures by method, the cash counted against the cash expected, and what may be done.

/** The order the methods are listed in (the server's order too); every one is shown, with zeros when nothing moved. */
export const METHOD_ORDER: readonly PaymentMethod[] = ['CASH', 'CARD', 'WECHAT', 'INSURANCE']

const ZERO = { paymentsFen: 0, paymentCount: 0, refundsFen: 0, refundCount: 0, reversalsFen: 0, reversalCount: 0, netFen: 0 }

/** The reply's rows in METHOD_ORDER, a zero row for each method missing, and any other method after them. */
export function methodRows(methods: readonly SettlementMethodTotals[]): SettlementMethodTotals[] {
  const known = METHOD_ORDER.map((method) => methods.find((row) => row.method === method) ?? { method, ...ZERO })
  return [...known, ...methods.filter((row) => !METHOD_ORDER.includes(row.method))]
}

/** Money out of a day (refunds, reversals; positive in the reply) as the table shows it: "-¥12.00 (2笔)", or "¥0.00". */
export function outflowText(fen: number, count: number): string {
  return count ? `${formatOutFen(fen)} (${count}笔)` : formatOutFen(fen)
}

/** The counted cash as typed: fen, or why it is not an amount. Zero is an amount (an empty drawer). */
export function countedCashCheck(text: string): { fen?: number; error?: string } {
  if (!text.trim()) return { error: '请输入实点现金' }
  const fen = parseYuan(text)
  return fen === null ? { error: '请输入正确的金额，最多两位小数' } : { fen }
}

export type DifferenceKind = 'even' | 'over' | 'short'

export interface CashDifference {
  fen: number
  kind: DifferenceKind
  text: string
}

/** A difference (counted − expected, the reply's differenceFen): more cash than expected is 长款, less is 短款. */
export function differenceOf(fen: number): CashDifference {
  if (fen === 0) return { fen, kind: 'even', text: '相符' }
  return fen > 0 ? { fen, kind: 'over', text: `长款 ${formatFen(fen)}` } : { fen, kind: 'short', text: `短款 ${formatFen(-fen)}` }
}

/** Counted less expected, as typed before the close. */
export function cashDifference(expectedFen: number, countedFen: number): CashDifference {
  return differenceOf(countedFen - expectedFen)
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

export const NOTE_MAX = 200

/** The confirm dialog's text: what is locked, and the difference that goes on record. */
export function closeConfirmText(date: string, expectedFen: number, countedFen: number): string {
  const diff = cashDifference(expectedFen, countedFen)
  return `${date} 应有现金 ${formatFen(expectedFen)}，实点现金 ${formatFen(countedFen)}，${diff.text}。\n日结后当日账目锁定，之后的收退款记入下一营业日。`
}

/**
 * Who closed the day. The reply names the staff member by id, which says nothing to the cashier: the signed-in
 * user's own close shows their name, anyone else's nothing.
 */
export function closedByText(closedBy: string | null, me: { id: string; name: string } | null): string | null {
  return closedBy && me && closedBy === me.id ? me.name : null
}
