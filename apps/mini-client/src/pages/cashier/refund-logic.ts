import type { BillLineReply as BillLine, BillReply, PaymentReply, RefundLegReply, RefundReply } from '@clinic/contracts'
import { isApiError } from '../../services/api'
import type { RefundInput, RefundLineInput } from '../../services/billing-types'
import { outcomeUnknown } from '../../services/idempotency'
import { PAYMENT_METHOD_LABEL, REFUND_STATUS_LABEL } from '../../utils/billing-labels'
import { errorText } from '../../utils/error-text'
import { REFUND_ERROR_TEXT } from '../../utils/staff-billing-text'
import { fenToYuanText, formatFen, parseYuan } from '../../utils/money'

// Money going back: what each line may refund now, the refund form, and the reversal (冲正) of a desk payment.
// Drug lines refund in units (a dispensed unit only once it is back at the pharmacy); the other lines refund an
// amount. The server decides; these rules say what the dialog offers and why.

/** How much of a line may be refunded now, and what holds the rest back. */
export interface LineRefundability {
  line: BillLine
  /** Drug lines by units, the others by amount. */
  mode: 'quantity' | 'amount'
  /** Units that may be refunded now (drug lines): never dispensed, or dispensed and returned; less those refunded. */
  refundableQty: number
  /** Fen that may be refunded now. */
  refundableFen: number
  /** Units handed out and not yet returned: refundable only after 退药 at the pharmacy window. */
  awaitingReturnQty: number
}

/** Units of a drug line that may be refunded now: (charged − dispensed) + returned − refunded, never below 0. */
export function refundableQty(line: Pick<BillLine, 'quantity' | 'dispensedQty' | 'returnedQty' | 'refundedQty'>): number {
  return Math.max(0, line.quantity - line.dispensedQty + line.returnedQty - line.refundedQty)
}

/** What refunding `qty` units of a line gives back: their price, but never more than is left of the line's amount. */
export function unitsFen(line: Pick<BillLine, 'unitPriceFen' | 'amountFen' | 'refundedFen'>, qty: number): number {
  return Math.max(0, Math.min(qty * line.unitPriceFen, line.amountFen - line.refundedFen))
}

export function lineRefundability(line: BillLine): LineRefundability {
  if (line.kind === 'DRUG') {
    const qty = refundableQty(line)
    return { line, mode: 'quantity', refundableQty: qty, refundableFen: unitsFen(line, qty), awaitingReturnQty: Math.max(0, line.dispensedQty - line.returnedQty) }
  }
  return { line, mode: 'amount', refundableQty: 0, refundableFen: Math.max(0, line.amountFen - line.refundedFen), awaitingReturnQty: 0 }
}

/** The refund form: per line, units or yuan as typed (empty = not refunded), and the reason. */
export interface RefundDraft {
  lines: Record<string, string>
  reason: string
}

export function emptyRefundDraft(): RefundDraft {
  return { lines: {}, reason: '' }
}

/** Every line at what it may refund now (全部可退). */
export function fillRefundable(bill: Pick<BillReply, 'lines'>, reason = ''): RefundDraft {
  const lines: Record<string, string> = {}
  for (const line of bill.lines) {
    const r = lineRefundability(line)
    if (r.mode === 'quantity' && r.refundableQty > 0) lines[line.id] = String(r.refundableQty)
    if (r.mode === 'amount' && r.refundableFen > 0) lines[line.id] = fenToYuanText(r.refundableFen)
  }
  return { lines, reason }
}

export const REASON_MAX = 200

export interface RefundCheck {
  input?: RefundInput
  /** By line id. */
  lineErrors: Record<string, string>
  reasonError?: string
  /** About the form as a whole (nothing chosen, more than was received). */
  formError?: string
  /** What the chosen lines give back, as far as the client can tell; the server's answer is the amount. */
  totalFen: number
}

/** Checks the form; `netPaidFen` is what the bill has received and not yet given back (paid − refunded). */
export function checkRefund(bill: Pick<BillReply, 'lines' | 'paidFen' | 'refundedFen'>, draft: RefundDraft): RefundCheck {
  const result: RefundCheck = { lineErrors: {}, totalFen: 0 }
  const lines: RefundLineInput[] = []
  for (const line of bill.lines) {
    const text = (draft.lines[line.id] ?? '').trim()
    if (!text) continue
    const r = lineRefundability(line)
    if (r.mode === 'quantity') {
      if (!/^\d{1,6}$/.test(text)) {
        result.lineErrors[line.id] = '请输入整数数量'
        continue
      }
      const qty = Number(text)
      if (qty === 0) continue
      if (qty > r.refundableQty) {
        result.lineErrors[line.id] = r.refundableQty ? `最多可退 ${r.refundableQty}` : r.awaitingReturnQty ? '请先到药房退药' : '没有可退的数量'
        continue
      }
      lines.push({ lineId: line.id, quantity: qty })
      result.totalFen += unitsFen(line, qty)
    } else {
      const fen = parseYuan(text)
      if (fen === null) {
        result.lineErrors[line.id] = '请输入正确的金额，最多两位小数'
        continue
      }
      if (fen === 0) continue
      if (fen > r.refundableFen) {
        result.lineErrors[line.id] = r.refundableFen ? `最多可退 ${formatFen(r.refundableFen)}` : '没有可退的金额'
        continue
      }
      lines.push({ lineId: line.id, amountFen: fen })
      result.totalFen += fen
    }
  }

  const reason = draft.reason.trim()
  if (!reason) result.reasonError = '请填写退费原因'
  else if (reason.length > REASON_MAX) result.reasonError = `退费原因不超过 ${REASON_MAX} 字`

  const netPaidFen = bill.paidFen - bill.refundedFen
  if (!lines.length && !Object.keys(result.lineErrors).length) result.formError = '请填写要退的数量或金额'
  else if (result.totalFen > netPaidFen) result.formError = netPaidFen > 0 ? `退费合计超过可退的已收金额 ${formatFen(netPaidFen)}` : '该账单没有可退的已收金额'

  if (lines.length && !Object.keys(result.lineErrors).length && !result.reasonError && !result.formError) result.input = { lines, reason }
  return result
}

export interface RefundFailure {
  message: string
  lines: string[]
  /** Keep the key: the next 确认退费 is a retry of this attempt. */
  retry: boolean
  /** Read the bill again (what may be refunded has changed). */
  reloadBill: boolean
}

/** REFUND.NOT_RETURNED's details: the lines waiting for 退药, each with what may be refunded now. */
function notReturnedLines(details: unknown): string[] {
  if (!Array.isArray(details)) return []
  return details.flatMap((item: unknown) => {
    if (typeof item !== 'object' || item === null) return []
    const { name, refundableQty: qty } = item as { name?: unknown; refundableQty?: unknown }
    if (typeof name !== 'string') return []
    return [`${name}：已发药未退回，请先到药房退药${typeof qty === 'number' ? `（当前可退 ${qty}）` : ''}`]
  })
}

export function refundFailure(error: unknown): RefundFailure {
  const message = errorText(error, REFUND_ERROR_TEXT)
  if (outcomeUnknown(error)) {
    return { message, lines: ['退费结果未知：请再次点击“确认退费”重试，同一笔退费不会重复退款'], retry: true, reloadBill: false }
  }
  const code = isApiError(error) ? error.code : null
  if (code === 'REFUND.NOT_RETURNED') {
    const lines = notReturnedLines(isApiError(error) ? error.details : undefined)
    return { message: '请先到药房退药', lines: lines.length ? lines : ['已发出的药品须先在药房窗口退回，才能退费'], retry: false, reloadBill: true }
  }
  const reloadBill = code === 'REFUND.EXCEEDS_PAID' || code === 'REFUND.NOT_PAID' || code === 'REFUND.IDEMPOTENCY_KEY_REUSED'
  return { message, lines: reloadBill ? ['账单已刷新，请按当前可退数量重新填写'] : [], retry: false, reloadBill }
}

export type Tone = 'done' | 'pending' | 'failed'

/** What the refund came to, for the cashier: WeChat legs may still be on their way back. */
export function refundOutcome(refund: Pick<RefundReply, 'status' | 'amountFen'>): { tone: Tone; text: string } {
  if (refund.status === 'SUCCEEDED') return { tone: 'done', text: `已退费 ${formatFen(refund.amountFen)}` }
  if (refund.status === 'PENDING') return { tone: 'pending', text: `退款处理中：${formatFen(refund.amountFen)} 正在原路退回，微信确认后自动更新` }
  return { tone: 'failed', text: `退款失败（${formatFen(refund.amountFen)}），请稍后重试或联系管理员` }
}

/** One leg: "微信支付 ¥12.00 退款处理中". */
export function legText(leg: Pick<RefundLegReply, 'method' | 'amountFen' | 'status'>): string {
  return `${PAYMENT_METHOD_LABEL[leg.method]} ${formatFen(leg.amountFen)} ${REFUND_STATUS_LABEL[leg.status]}`
}

export function hasPendingRefund(refunds: readonly Pick<RefundReply, 'status'>[]): boolean {
  return refunds.some((refund) => refund.status === 'PENDING')
}

// --- 冲正: a desk payment taken by mistake is reversed by a new entry, never edited -------------------------------

/**
 * The payments taken back by a reversal. PaymentReply has no flag for it: a reversal counts the whole payment as
 * given back (refundedFen = amountFen) without a refund leg, and only a payment with nothing refunded is reversed,
 * so a desk payment given back in full with no live refund leg of its own was reversed.
 */
export function reversedPaymentIds(payments: readonly PaymentReply[], refunds: readonly Pick<RefundReply, 'legs'>[]): Set<string> {
  const refundedByLegs = new Map<string, number>()
  for (const leg of refunds.flatMap((refund) => refund.legs)) {
    if (leg.status !== 'FAILED') refundedByLegs.set(leg.paymentId, (refundedByLegs.get(leg.paymentId) ?? 0) + leg.amountFen)
  }
  return new Set(
    payments
      .filter((p) => (p.method === 'CASH' || p.method === 'CARD') && p.status === 'SUCCEEDED' && p.amountFen > 0 && p.refundedFen === p.amountFen && !refundedByLegs.get(p.id))
      .map((p) => p.id)
  )
}

/** Cash and card payments that succeeded and have given nothing back may be reversed (the server has the last word). */
export function canReverse(payment: Pick<PaymentReply, 'method' | 'status' | 'refundedFen'>): boolean {
  return (payment.method === 'CASH' || payment.method === 'CARD') && payment.status === 'SUCCEEDED' && payment.refundedFen === 0
}

export function reversalReasonError(reason: string): string | undefined {
  const text = reason.trim()
  if (!text) return '请填写冲正原因'
  if (text.length > REASON_MAX) return `冲正原因不超过 ${REASON_MAX} 字`
  return undefined
}
