import type { BillReply, BillStatus, PaymentMethod } from '@clinic/contracts'
import type { ApiError, PaymentInput } from '../../services/api'
import { isApiError } from '../../services/api'
import { BILLING_ERROR_TEXT, errorText } from '../../utils/error-text'
import { fenToYuanText, formatFen, parseYuan } from '../../utils/money'

// The cashier's rules as plain data: which bills come first, the payment form, change, and the payment's
// Idempotency-Key. All money is integer fen; yuan exist only as the text in the inputs.

export const BILL_STATUS_LABEL: Record<BillStatus, string> = {
  OPEN: '待收费',
  PARTIALLY_PAID: '部分收费',
  PAID: '已结清',
  PARTIALLY_REFUNDED: '部分退费',
  REFUNDED: '已退费'
}

export const PAYMENT_METHOD_LABEL: Record<PaymentMethod, string> = {
  CASH: '现金',
  CARD: '银行卡',
  WECHAT: '微信支付',
  INSURANCE: '医保'
}

export const LINE_KIND_LABEL: Record<BillReply['lines'][number]['kind'], string> = {
  REGISTRATION: '挂号',
  DRUG: '药品',
  SERVICE: '诊疗'
}

/** The methods taken at the desk (the contracts' DESK_METHODS; the client may import only their types). */
export type DeskMethod = PaymentInput['method']
export const DESK_METHOD_CHOICES: { value: DeskMethod; label: string }[] = [
  { value: 'CASH', label: PAYMENT_METHOD_LABEL.CASH },
  { value: 'CARD', label: PAYMENT_METHOD_LABEL.CARD }
]

/** The statuses with money still to take: the list asks the server for these unless 显示已结清 is on. */
export const UNPAID_STATUSES: readonly BillStatus[] = ['OPEN', 'PARTIALLY_PAID']

export function isUnpaid(bill: Pick<BillReply, 'status'>): boolean {
  return UNPAID_STATUSES.includes(bill.status)
}

/** Unpaid bills first, then newest first; a stable copy. */
export function sortBills<B extends Pick<BillReply, 'status' | 'createdAt'>>(bills: readonly B[]): B[] {
  return [...bills].sort((a, b) => Number(isUnpaid(b)) - Number(isUnpaid(a)) || b.createdAt.localeCompare(a.createdAt))
}

/** The payment form as typed. */
export interface PaymentDraft {
  method: DeskMethod
  /** Yuan, as typed. */
  amount: string
  /** Cash handed over, yuan as typed; empty = exactly the amount. */
  tendered: string
}

/** A fresh form for a bill: the amount defaults to everything still due (also after a part payment: the rest). */
export function draftFor(bill: Pick<BillReply, 'dueFen'>, method: DeskMethod = 'CASH'): PaymentDraft {
  return { method, amount: bill.dueFen > 0 ? fenToYuanText(bill.dueFen) : '', tendered: '' }
}

/** Change for cash: tendered less amount; null while the cash handed over does not cover the amount. */
export function changeFen(amountFen: number, tenderedFen: number): number | null {
  return tenderedFen >= amountFen ? tenderedFen - amountFen : null
}

export interface PaymentCheck {
  /** What to send; absent while something is wrong. */
  input?: PaymentInput
  amountError?: string
  tenderedError?: string
  /** Change to hand back (cash with a tendered amount that covers it), for the live display. */
  changeFen: number | null
  /** What would still be due after this payment: > 0 is a split payment. */
  remainingFen: number | null
}

/** Checks the form against what is due; the server checks again (the bill may have changed meanwhile). */
export function checkPayment(draft: PaymentDraft, dueFen: number): PaymentCheck {
  const result: PaymentCheck = { changeFen: null, remainingFen: null }
  const amountFen = draft.amount.trim() ? parseYuan(draft.amount) : null
  if (!draft.amount.trim()) result.amountError = '请输入收款金额'
  else if (amountFen === null) result.amountError = '请输入正确的金额，最多两位小数'
  else if (amountFen <= 0) result.amountError = '收款金额须大于 0'
  else if (amountFen > dueFen) result.amountError = `不能超过应收金额 ${formatFen(dueFen)}`
  else result.remainingFen = dueFen - amountFen

  let tenderedFen: number | undefined
  if (draft.method === 'CASH' && draft.tendered.trim()) {
    const parsed = parseYuan(draft.tendered)
    if (parsed === null || parsed <= 0) result.tenderedError = '请输入正确的实收金额'
    else {
      tenderedFen = parsed
      if (amountFen !== null && amountFen > 0) {
        result.changeFen = changeFen(amountFen, parsed)
        if (result.changeFen === null) result.tenderedError = `实收不足，还差 ${formatFen(amountFen - parsed)}`
      }
    }
  }

  if (result.amountError || result.tenderedError || amountFen === null) return result
  result.input = tenderedFen === undefined ? { method: draft.method, amountFen } : { method: draft.method, amountFen, tenderedFen }
  return result
}

// --- The payment's Idempotency-Key ---------------------------------------------------------------------------
// One key names one payment attempt. A retry after no answer must send the same key, so that a payment the server
// took before the connection dropped is not taken twice. A new key only once the attempt is settled: paid, or
// refused by the server (a refusal takes no money).

const KEY_ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz'

/** A new key: "pay-" + time + 16 random characters (28 printable characters, within the server's 8–64). */
export function newIdempotencyKey(random: () => number = Math.random, now: number = Date.now()): string {
  let tail = ''
  for (let i = 0; i < 16; i += 1) tail += KEY_ALPHABET[Math.floor(random() * KEY_ALPHABET.length) % KEY_ALPHABET.length]
  return `pay-${now.toString(36)}-${tail}`
}

/** Whether the server may have taken a payment it never answered for: no response, or a gateway/server failure. */
export function outcomeUnknown(error: unknown): boolean {
  if (!isApiError(error)) return true
  return error.status === 0 || error.status >= 500
}

/** The key for the next submit of the same form after `error`: the same one while the outcome is unknown. */
export function keyAfterFailure(key: string, error: unknown, make: () => string = newIdempotencyKey): string {
  return outcomeUnknown(error) ? key : make()
}

export interface PaymentFailure {
  message: string
  /** Under the message. */
  lines: string[]
  /** Keep the key: the next 收款 is a retry of this attempt. */
  retry: boolean
  /** Read the bill again: what is due has changed, or an earlier attempt may have been taken. */
  reloadBill: boolean
}

/** What a failed payment means for the cashier: the text to show, and what to do about the key and the bill. */
export function paymentFailure(error: unknown): PaymentFailure {
  const message = errorText(error, BILLING_ERROR_TEXT)
  if (outcomeUnknown(error)) {
    return { message, lines: ['收款结果未知：请再次点击“收款”重试，同一笔收款不会重复收费'], retry: true, reloadBill: false }
  }
  const code = (error as ApiError).code
  const reloadBill = code === 'PAYMENT.EXCEEDS_DUE' || code === 'PAYMENT.IDEMPOTENCY_KEY_REUSED' || code === 'NOT_FOUND'
  return { message, lines: reloadBill && code !== 'NOT_FOUND' ? ['账单已刷新，请按当前应收金额收款'] : [], retry: false, reloadBill }
}
