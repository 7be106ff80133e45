import type { PaymentMethod } from '@clinic/contracts'
import type {
  ExportFormat,
  ReconciliationItem,
  ReconciliationKind,
  ReconciliationReply,
  RevenueGroupBy,
  RevenueQuery,
  RevenueRow
} from '../../services/billing-types'
import { LINE_KIND_LABEL, PAYMENT_METHOD_LABEL } from '../../utils/billing-labels'
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

/** The words for a row: the server's label; else, for methods and line kinds, ours; else the key; else 未归类. */
export function rowLabel(groupBy: RevenueGroupBy, row: Pick<RevenueRow, 'key' | 'label'>): string {
  if (row.label) return row.label
  if (groupBy === 'method' && row.key in PAYMENT_METHOD_LABEL) return PAYMENT_METHOD_LABEL[row.key as PaymentMethod]
  if (groupBy === 'category' && row.key in LINE_KIND_LABEL) return LINE_KIND_LABEL[row.key as keyof typeof LINE_KIND_LABEL]
  return row.key || '未归类'
}

/** Days in order; every other grouping by net revenue, largest first. */
export function sortRows(groupBy: RevenueGroupBy, rows: readonly RevenueRow[]): RevenueRow[] {
  return [...rows].sort((a, b) => (groupBy === 'day' ? a.key.localeCompare(b.key) : b.netFen - a.netFen || a.key.localeCompare(b.key)))
}

export function exportFileName(query: RevenueQuery, format: ExportFormat): string {
  return `收入报表-${groupTab(query.groupBy).label}-${query.from}至${query.to}.${format}`
}

// --- 对账 --------------------------------------------------------------------------------------------------------

export const RECON_KIND_LABEL: Record<ReconciliationKind, string> = {
  MISSING_IN_SYSTEM: '系统缺少',
  MISSING_IN_WECHAT: '微信缺少',
  AMOUNT_MISMATCH: '金额不符'
}

export const RECON_KIND_HINT: Record<ReconciliationKind, string> = {
  MISSING_IN_SYSTEM: '微信有记录、系统没有：核对是否漏记（如支付通知未到）',
  MISSING_IN_WECHAT: '系统有记录、微信账单没有：核对是否跨日或未真正支付',
  AMOUNT_MISMATCH: '两边都有，但金额不一致'
}

export const RECON_TYPE_LABEL: Record<ReconciliationItem['type'], string> = {
  PAYMENT: '支付',
  REFUND: '退款'
}

const KIND_ORDER: readonly ReconciliationKind[] = ['AMOUNT_MISMATCH', 'MISSING_IN_SYSTEM', 'MISSING_IN_WECHAT']

/** Mismatches first (money on both sides disagrees), then what each side lacks; by order number within a kind. */
export function sortReconItems(items: readonly ReconciliationItem[]): ReconciliationItem[] {
  return [...items].sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || a.outTradeNo.localeCompare(b.outTradeNo))
}

/** An amount of one side, or — when that side has no record. */
export function sideAmount(fen: number | null): string {
  return fen === null ? '—' : formatFen(fen)
}

export function reconClean(reply: Pick<ReconciliationReply, 'missingInSystem' | 'missingInWechat' | 'amountMismatch'>): boolean {
  return reply.missingInSystem + reply.missingInWechat + reply.amountMismatch === 0
}

/** The latest reconciliation of a day from the list the server keeps (the last one in it). */
export function latestReconciliation(list: readonly ReconciliationReply[]): ReconciliationReply | null {
  return list.length ? list[list.length - 1] : null
}

/** The trade bill's size limit here: a day of a small clinic's WeChat Pay is far smaller. */
export const TRADE_BILL_MAX_CHARS = 5_000_000

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
