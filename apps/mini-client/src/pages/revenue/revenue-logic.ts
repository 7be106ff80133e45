import type {
  ExportFormat,
  PaymentMethod,
  ReconciliationItemReply,
  ReconciliationReply,
  ReconciliationResult,
  RevenueCategory,
  RevenueGroupBy,
  RevenueQuery,
  RevenueRow
} from '@clinic/contracts'
import { PAYMENT_METHOD_LABEL } from '../../utils/billing-labels'
import { FEE_CATEGORY_LABELS } from '../../utils/labels'
import { formatFen } from '../../utils/money'

// 收入报表 and 对账 as plain data: the groupings, the row labels, the file names, and the reconciliation's findings.

export const GROUP_TABS: { value: RevenueGroupBy; label: string; keyTitle: string }[] = [
  { value: 'day', label: '按日', keyTitle: '日期' },
  { value: 'department', label: '按科室', keyTitle: '科室' },
  { value: 'doctor', label: '按医生', keyTitle: '医生' },
  { value: 'method', label: '按支付方式', keyTitle: '支付方式' },
  { value: 'category', label: '按项目类别', keyTitle: '项目类别' }
]

export function groupTab(groupBy: RevenueGroupBy): (typeof GROUP_TABS)[number] {
  return GROUP_TABS.find((tab) => tab.value === groupBy) ?? GROUP_TABS[0]
}

/** The revenue categories (RevenueCategory): the fee item categories and 药品. */
const CATEGORY_LABEL: Record<RevenueCategory, string> = { ...FEE_CATEGORY_LABELS, DRUG: '药品' }

/** Words for money on bills with no department or doctor (key null). */
const NO_KEY_LABEL: Partial<Record<RevenueGroupBy, string>> = { department: '未指定科室', doctor: '未指定医生' }

/** The words for a row: the server's label; else, for methods and categories, ours; else the key; else 未归类. */
export function rowLabel(groupBy: RevenueGroupBy, row: Pick<RevenueRow, 'key' | 'label'>): string {
  if (row.label) return row.label
  if (row.key === null) return NO_KEY_LABEL[groupBy] ?? '未归类'
  if (groupBy === 'method' && row.key in PAYMENT_METHOD_LABEL) return PAYMENT_METHOD_LABEL[row.key as PaymentMethod]
  if (groupBy === 'category' && row.key in CATEGORY_LABEL) return CATEGORY_LABEL[row.key as RevenueCategory]
  return row.key || '未归类'
}

/** A React key for a row: the server's key, or one for the row of money with none. */
export function rowKey(row: Pick<RevenueRow, 'key'>): string {
  return row.key ?? '(none)'
}

/** Days in order; every other grouping by net revenue, largest first, the row without a key last. */
export function sortRows(groupBy: RevenueGroupBy, rows: readonly RevenueRow[]): RevenueRow[] {
  const key = (row: RevenueRow) => row.key ?? ''
  return [...rows].sort((a, b) =>
    groupBy === 'day' ? key(a).localeCompare(key(b)) : Number(a.key === null) - Number(b.key === null) || b.netFen - a.netFen || key(a).localeCompare(key(b))
  )
}

export function exportFileName(query: Pick<RevenueQuery, 'from' | 'to' | 'groupBy'>, format: ExportFormat): string {
  return `收入报表-${groupTab(query.groupBy).label}-${query.from}至${query.to}.${format}`
}

// --- 对账 --------------------------------------------------------------------------------------------------------

export const RECON_RESULT_LABEL: Record<ReconciliationResult, string> = {
  MISSING_IN_SYSTEM: '系统缺少',
  MISSING_IN_WECHAT: '微信缺少',
  AMOUNT_MISMATCH: '金额不符',
  TXN_ID_MISMATCH: '交易号不符'
}

export const RECON_RESULT_HINT: Record<ReconciliationResult, string> = {
  MISSING_IN_SYSTEM: '微信有记录、系统没有：核对是否漏记（如支付通知未到）',
  MISSING_IN_WECHAT: '系统有记录、微信账单没有：核对是否跨日或未真正支付',
  AMOUNT_MISMATCH: '两边都有，但金额不一致',
  TXN_ID_MISMATCH: '两边都有、金额一致，但系统记录的微信交易号（或退款单号）与账单不同'
}

export const RECON_TYPE_LABEL: Record<ReconciliationItemReply['type'], string> = {
  PAYMENT: '支付',
  REFUND: '退款'
}

const RESULT_ORDER: readonly ReconciliationResult[] = ['AMOUNT_MISMATCH', 'TXN_ID_MISMATCH', 'MISSING_IN_SYSTEM', 'MISSING_IN_WECHAT']

/** Mismatches first (both sides have it but disagree), then what each side lacks; by our number within a result. */
export function sortReconItems(items: readonly ReconciliationItemReply[]): ReconciliationItemReply[] {
  return [...items].sort((a, b) => RESULT_ORDER.indexOf(a.result) - RESULT_ORDER.indexOf(b.result) || a.outNo.localeCompare(b.outNo))
}

/** The WeChat id of a finding: WeChat's, and ours beside it when they differ (交易号不符). */
export function reconWechatId(item: Pick<ReconciliationItemReply, 'wechatId' | 'systemWechatId'>): string {
  const theirs = item.wechatId ?? '—'
  return item.systemWechatId && item.systemWechatId !== item.wechatId ? `${theirs}（系统 ${item.systemWechatId}）` : theirs
}

/** An amount of one side, or — when that side has no record. */
export function sideAmount(fen: number | null): string {
  return fen === null ? '—' : formatFen(fen)
}

export function reconClean(reply: Pick<ReconciliationReply, 'missingInSystem' | 'missingInWechat' | 'amountMismatch' | 'txnIdMismatch'>): boolean {
  return reply.missingInSystem + reply.missingInWechat + reply.amountMismatch + reply.txnIdMismatch === 0
}

/** Both sides' totals of the day in one line each: what the file says, and what we recorded. */
export function reconTotals(reply: ReconciliationReply): { wechat: string; system: string } {
  return {
    wechat: `微信账单：收款 ${reply.wechatPayments} 笔 ${formatFen(reply.wechatPaymentsFen)}，退款 ${reply.wechatRefunds} 笔 ${formatFen(reply.wechatRefundsFen)}，手续费 ${formatFen(reply.wechatFeeFen)}`,
    system: `系统记录：收款 ${reply.systemPayments} 笔 ${formatFen(reply.systemPaymentsFen)}，退款 ${reply.systemRefunds} 笔 ${formatFen(reply.systemRefundsFen)}`
  }
}

/** The latest reconciliation of a day from the list the server keeps (newest first). */
export function latestReconciliation(list: readonly ReconciliationReply[]): ReconciliationReply | null {
  return list.length ? list[0] : null
}

/** The server's limit on the trade bill's text (WECHAT_BILL_MAX_CHARS of the contracts); a clinic's day is far smaller. */
export const TRADE_BILL_MAX_CHARS = 900_000

/** Why a picked file cannot be the WeChat Pay trade bill; null when it may be (the server reads it for real). */
export function tradeBillProblem(text: string): string | null {
  if (!text.trim()) return '文件是空的'
  if (text.length > TRADE_BILL_MAX_CHARS) return '文件过大：请上传单日的交易账单'
  if (!text.includes(',')) return '这不是 CSV 文件：请上传微信支付商户平台下载的交易账单'
  return null
}

/** Data lines of a CSV text (not counting the header), for "已选择 … (n 行)". */
export function csvLineCount(text: string): number {
  return Math.max(0, text.split(/\r?\n/).filter((line) => line.trim()).length - 1)
}
