import type { BillReply, PaymentReply } from '@clinic/contracts'
import type { ApiError } from '../../services/api'
import type { InsuranceDetail, PaymentInput } from '../../services/billing-types'
import { outcomeUnknown } from '../../services/idempotency'
import { PAYMENT_METHOD_LABEL } from '../../utils/billing-labels'
import { BILLING_ERROR_TEXT, errorText } from '../../utils/error-text'
import { fenToYuanText, formatFen, parseYuan } from '../../utils/money'

// The cashier's rules as plain data: which bills come first, the payment form, change, 医保 first in a split.
// All money is integer fen; yuan exist only as the text in the inputs.

export { BILL_STATUS_LABEL, LINE_KIND_LABEL, PAYMENT_METHOD_LABEL } from '../../utils/billing-labels'
export { isUnpaid, sortBills, UNPAID_STATUSES } from '../../utils/bills'
// The Idempotency-Key rules live in services/idempotency (refunds, reversals and WeChat Pay use them too).
export { keyAfterFailure, newIdempotencyKey, outcomeUnknown } from '../../services/idempotency'

/** Cash and card, taken at the desk (the contracts' DESK_METHODS; the client may import only their types). */
export type DeskMethod = 'CASH' | 'CARD'
/** What the payment form offers: the desk methods and 医保. */
export type CashierMethod = PaymentInput['method']

export const DESK_METHOD_CHOICES: { value: DeskMethod; label: string }[] = [
  { value: 'CASH', label: PAYMENT_METHOD_LABEL.CASH },
  { value: 'CARD', label: PAYMENT_METHOD_LABEL.CARD }
]

/** The form's methods: 医保 first (it is settled first), then the desk methods, when 医保 is still possible. */
export function methodChoices(insuranceAllowed: boolean): { value: CashierMethod; label: string }[] {
  return insuranceAllowed ? [{ value: 'INSURANCE', label: PAYMENT_METHOD_LABEL.INSURANCE }, ...DESK_METHOD_CHOICES] : DESK_METHOD_CHOICES
}

/** The payment form as typed. */
export interface PaymentDraft {
  method: CashierMethod
  /** Yuan, as typed (cash and card). */
  amount: string
  /** Cash handed over, yuan as typed; empty = exactly the amount. */
  tendered: string
  /** 医保: the card number read or typed. */
  insuranceCardNo?: string
}

/** A fresh form for a bill: the amount defaults to everything still due (also after a part payment: the rest). */
export function draftFor(bill: Pick<BillReply, 'dueFen'>, method: CashierMethod = 'CASH'): PaymentDraft {
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
  cardNoError?: string
  /** Change to hand back (cash with a tendered amount that covers it), for the live display. */
  changeFen: number | null
  /** What would still be due after this payment: > 0 is a split payment; null when only the insurer can say (医保). */
  remainingFen: number | null
}

/** The longest card number the form takes; the insurer checks the number itself. */
const CARD_NO_MAX = 64

/** Checks the form against what is due; the server checks again (the bill may have changed meanwhile). */
export function checkPayment(draft: PaymentDraft, dueFen: number): PaymentCheck {
  if (draft.method === 'INSURANCE') {
    const cardNo = (draft.insuranceCardNo ?? '').trim()
    if (!cardNo) return { changeFen: null, remainingFen: null, cardNoError: '请读取或输入医保卡号' }
    if (cardNo.length > CARD_NO_MAX || /\s/.test(cardNo)) return { changeFen: null, remainingFen: null, cardNoError: '医保卡号格式不正确' }
    return { input: { method: 'INSURANCE', insuranceCardNo: cardNo }, changeFen: null, remainingFen: null }
  }

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

// --- 医保 in a split payment ----------------------------------------------------------------------------------
// The insurer settles first, on the whole bill: it pays the fund part and the personal-account part (together the
// payment's amount); the self-paid part stays due and is taken next by cash or card.

/** Why 医保 cannot be settled on this bill now; null when it can. */
export function insuranceProblem(bill: Pick<BillReply, 'paidFen' | 'pendingFen' | 'dueFen' | 'payments'>): string | null {
  if (bill.payments.some((payment) => payment.method === 'INSURANCE' && payment.status !== 'CLOSED')) return '本账单已医保结算，余下自付部分请用现金或银行卡收取'
  if (bill.dueFen <= 0) return '本账单已无应收金额'
  if (bill.paidFen > 0 || bill.pendingFen > 0) return '已用其他方式收过款：医保须在其他方式之前结算'
  return null
}

const isFen = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0

/** The insurer's split from a payment's detail; null when the detail is not one. */
export function insuranceDetail(payment: Pick<PaymentReply, 'method' | 'detail'>): InsuranceDetail | null {
  if (payment.method !== 'INSURANCE' || !payment.detail) return null
  const { fundFen, accountFen, selfFen, settlementId } = payment.detail as Partial<Record<keyof InsuranceDetail, unknown>>
  if (!isFen(fundFen) || !isFen(accountFen) || !isFen(selfFen)) return null
  return { fundFen, accountFen, selfFen, settlementId: typeof settlementId === 'string' ? settlementId : '' }
}

export interface InsuranceSplit {
  /** What the insurer paid: fund + personal account (the payment's amount). */
  insurerFen: number
  fundFen: number
  accountFen: number
  /** The patient's own part: due after the settlement, paid next by cash or card. */
  selfFen: number
}

/** The split of a settled bill; `dueBeforeFen` is what was due before the insurer paid (the bill's due then). */
export function insuranceSplit(detail: InsuranceDetail, dueBeforeFen: number): InsuranceSplit & { consistent: boolean } {
  const insurerFen = detail.fundFen + detail.accountFen
  return { insurerFen, fundFen: detail.fundFen, accountFen: detail.accountFen, selfFen: detail.selfFen, consistent: insurerFen + detail.selfFen === dueBeforeFen }
}

/** One line for the cashier to read out: 统筹 …，个人账户 …，自付 …. */
export function insuranceSummary(detail: InsuranceDetail): string {
  return `统筹基金 ${formatFen(detail.fundFen)}，个人账户 ${formatFen(detail.accountFen)}，自付 ${formatFen(detail.selfFen)}`
}

/** The method the form opens on after a payment: after 医保 the rest is cash (医保 cannot be used twice). */
export function nextMethod(previous: CashierMethod): DeskMethod {
  return previous === 'INSURANCE' ? 'CASH' : previous
}

/** The text of the confirm dialog before a payment is sent. */
export function paymentConfirmText(input: PaymentInput, check: PaymentCheck): string {
  if (input.method === 'INSURANCE') return `医保卡号 ${input.insuranceCardNo}\n医保结算后，余下自付部分再用现金或银行卡收取`
  const summary =
    input.method === 'CASH' && input.tenderedFen !== undefined
      ? `现金收款 ${formatFen(input.amountFen)}，实收 ${formatFen(input.tenderedFen)}，找零 ${formatFen(check.changeFen ?? 0)}`
      : `${PAYMENT_METHOD_LABEL[input.method]}收款 ${formatFen(input.amountFen)}`
  const rest = check.remainingFen ? `\n收款后仍应收 ${formatFen(check.remainingFen)}` : ''
  return `${summary}${rest}`
}

// --- A pending WeChat payment -----------------------------------------------------------------------------------

/** The bill's payments still waiting for their channel: the cashier may close them (关闭待支付). */
export function pendingOnline(bill: Pick<BillReply, 'payments'>): PaymentReply[] {
  return bill.payments.filter((payment) => payment.status === 'PENDING')
}

/** What closing a pending payment came to, for the toast. */
export function closeOutcomeText(payment: Pick<PaymentReply, 'status' | 'amountFen'>): string {
  return payment.status === 'SUCCEEDED' ? `该笔支付实际已成功（${formatFen(payment.amountFen)}），已计入已收` : '已关闭待支付，可继续收款'
}

// --- A refused payment --------------------------------------------------------------------------------------------

export interface PaymentFailure {
  message: string
  /** Under the message. */
  lines: string[]
  /** Keep the key: the next 收款 is a retry of this attempt. */
  retry: boolean
  /** Read the bill again: what is due has changed, or an earlier attempt may have been taken. */
  reloadBill: boolean
}

/**
 * What a failed payment means for the cashier: the text to show, and what to do about the key and the bill.
 * `method` is what was sent: 医保 is refused with PAYMENT.ONLINE_PENDING once any other money was taken.
 */
export function paymentFailure(error: unknown, method?: CashierMethod): PaymentFailure {
  const message = errorText(error, BILLING_ERROR_TEXT)
  if (outcomeUnknown(error)) {
    return { message, lines: ['收款结果未知：请再次点击“收款”重试，同一笔收款不会重复收费'], retry: true, reloadBill: false }
  }
  const code = (error as ApiError).code
  const details = (error as ApiError).details as { paidFen?: unknown } | undefined
  if (code === 'PAYMENT.ONLINE_PENDING' && method === 'INSURANCE' && typeof details?.paidFen === 'number' && details.paidFen > 0) {
    return { message: '医保须在其他收款方式之前结算', lines: ['本账单已用其他方式收过款，不能再医保结算；余下金额请用现金或银行卡收取'], retry: false, reloadBill: true }
  }
  if (code === 'PAYMENT.ONLINE_PENDING') {
    return { message, lines: ['请在收款记录中点击“关闭待支付”，关闭后再收款'], retry: false, reloadBill: true }
  }
  const reloadBill = code === 'PAYMENT.EXCEEDS_DUE' || code === 'PAYMENT.IDEMPOTENCY_KEY_REUSED' || code === 'NOT_FOUND'
  return { message, lines: reloadBill && code !== 'NOT_FOUND' ? ['账单已刷新，请按当前应收金额收款'] : [], retry: false, reloadBill }
}
