import { describe, expect, it } from '@jest/globals'
import type { PaymentReply } from '@clinic/contracts'
import { ApiError } from '../../services/api'
import {
  changeFen,
  checkPayment,
  closeOutcomeText,
  draftFor,
  insuranceDetail,
  insuranceProblem,
  insuranceSplit,
  insuranceSummary,
  isUnpaid,
  keyAfterFailure,
  methodChoices,
  newIdempotencyKey,
  nextMethod,
  outcomeUnknown,
  paymentConfirmText,
  paymentFailure,
  pendingOnline,
  sortBills
} from './cashier-logic'

const networkDown = new ApiError(0, { code: 'NETWORK.FAILED', message: '网络连接失败，请稍后重试' })
const gatewayTimeout = new ApiError(504, { code: 'UPSTREAM.UNAVAILABLE', message: 'timeout' })
const exceeds = new ApiError(409, { code: 'PAYMENT.EXCEEDS_DUE', message: 'exceeds', details: { dueFen: 800 } })
const reused = new ApiError(409, { code: 'PAYMENT.IDEMPOTENCY_KEY_REUSED', message: 'reused' })
const short = new ApiError(400, { code: 'PAYMENT.TENDER_SHORT', message: 'short' })

describe('the bill list', () => {
  it('puts the bills with money still due first, newest first within each group', () => {
    const bills = [
      { id: 'paid-new', status: 'PAID' as const, createdAt: '2026-11-26T09:00:00Z' },
      { id: 'open-old', status: 'OPEN' as const, createdAt: '2026-11-20T09:00:00Z' },
      { id: 'refunded', status: 'REFUNDED' as const, createdAt: '2026-11-25T09:00:00Z' },
      { id: 'part', status: 'PARTIALLY_PAID' as const, createdAt: '2026-11-24T09:00:00Z' }
    ]
    expect(sortBills(bills).map((bill) => bill.id)).toEqual(['part', 'open-old', 'paid-new', 'refunded'])
    expect(bills[0].id).toBe('paid-new')
    expect(['OPEN', 'PARTIALLY_PAID', 'PAID', 'PARTIALLY_REFUNDED'].map((status) => isUnpaid({ status: status as 'OPEN' }))).toEqual([true, true, false, false])
  })
})

describe('the payment form', () => {
  it('defaults the amount to everything still due', () => {
    expect(draftFor({ dueFen: 3750 })).toEqual({ method: 'CASH', amount: '37.50', tendered: '' })
    expect(draftFor({ dueFen: 5 }, 'CARD').amount).toBe('0.05')
    expect(draftFor({ dueFen: 0 }).amount).toBe('')
  })

  it('works out the change in whole fen', () => {
    expect(changeFen(3750, 5000)).toBe(1250)
    expect(changeFen(3750, 3750)).toBe(0)
    expect(changeFen(3750, 3749)).toBeNull()
    // 0.1 + 0.2 style amounts stay exact: 19.99 paid with 20.00 is one fen back.
    expect(checkPayment({ method: 'CASH', amount: '19.99', tendered: '20' }, 1999).changeFen).toBe(1)
    expect(checkPayment({ method: 'CASH', amount: '0.30', tendered: '0.5' }, 100).changeFen).toBe(20)
  })

  it('sends cash with what was handed over, card without it', () => {
    expect(checkPayment({ method: 'CASH', amount: '37.50', tendered: '50' }, 3750)).toEqual({
      input: { method: 'CASH', amountFen: 3750, tenderedFen: 5000 },
      changeFen: 1250,
      remainingFen: 0
    })
    expect(checkPayment({ method: 'CASH', amount: '37.5', tendered: '' }, 3750).input).toEqual({ method: 'CASH', amountFen: 3750 })
    // A tendered amount left over from switching methods is not sent with a card payment.
    expect(checkPayment({ method: 'CARD', amount: '37.50', tendered: '10' }, 3750).input).toEqual({ method: 'CARD', amountFen: 3750 })
  })

  it('takes part of the bill and says what stays due (split payment)', () => {
    const first = checkPayment({ method: 'CASH', amount: '20', tendered: '20' }, 3750)
    expect(first.input).toEqual({ method: 'CASH', amountFen: 2000, tenderedFen: 2000 })
    expect(first.remainingFen).toBe(1750)
    // The form then opens again on the rest.
    expect(draftFor({ dueFen: first.remainingFen ?? 0 }, 'CARD')).toEqual({ method: 'CARD', amount: '17.50', tendered: '' })
  })

  it('refuses amounts it can tell are wrong, with the reason beside the field', () => {
    expect(checkPayment({ method: 'CARD', amount: '', tendered: '' }, 3750).amountError).toBe('请输入收款金额')
    expect(checkPayment({ method: 'CARD', amount: '12.345', tendered: '' }, 3750).amountError).toBe('请输入正确的金额，最多两位小数')
    expect(checkPayment({ method: 'CARD', amount: '-1', tendered: '' }, 3750).amountError).toBe('请输入正确的金额，最多两位小数')
    expect(checkPayment({ method: 'CARD', amount: '0', tendered: '' }, 3750).amountError).toBe('收款金额须大于 0')
    expect(checkPayment({ method: 'CARD', amount: '37.51', tendered: '' }, 3750).amountError).toBe('不能超过应收金额 ¥37.50')
    const shortCash = checkPayment({ method: 'CASH', amount: '37.50', tendered: '30' }, 3750)
    expect(shortCash).toMatchObject({ tenderedError: '实收不足，还差 ¥7.50', changeFen: null })
    expect(shortCash.input).toBeUndefined()
    expect(checkPayment({ method: 'CASH', amount: '37.50', tendered: 'abc' }, 3750).tenderedError).toBe('请输入正确的实收金额')
  })
})

describe('the payment\'s Idempotency-Key', () => {
  it('is printable and 8 to 64 characters long', () => {
    const key = newIdempotencyKey()
    expect(key).toMatch(/^[\x21-\x7e]{8,64}$/)
    expect(newIdempotencyKey(() => 0.999999, 0)).toBe('pay-0-zzzzzzzzzzzzzzzz')
    expect(newIdempotencyKey()).not.toBe(key)
  })

  it('is kept for the retry when the payment may have been taken without an answer', () => {
    const make = () => 'fresh-key-2'
    expect(keyAfterFailure('key-1-abcd', networkDown, make)).toBe('key-1-abcd')
    expect(keyAfterFailure('key-1-abcd', gatewayTimeout, make)).toBe('key-1-abcd')
    expect(keyAfterFailure('key-1-abcd', new Error('bug'), make)).toBe('key-1-abcd')
  })

  it('is replaced after the server refused the payment (no money was taken)', () => {
    const make = () => 'fresh-key-2'
    for (const error of [exceeds, reused, short]) expect(keyAfterFailure('key-1-abcd', error, make)).toBe('fresh-key-2')
    expect(outcomeUnknown(short)).toBe(false)
  })
})

describe('a refused payment', () => {
  it('tells the cashier to retry when the outcome is unknown', () => {
    expect(paymentFailure(networkDown)).toEqual({
      message: '网络连接失败，请稍后重试',
      lines: ['收款结果未知：请再次点击“收款”重试，同一笔收款不会重复收费'],
      retry: true,
      reloadBill: false
    })
  })

  it('shows the server\'s refusals in Chinese and reloads the bill when what is due has changed', () => {
    expect(paymentFailure(exceeds)).toEqual({ message: '收款金额超过应收，当前应收 ¥8.00', lines: ['账单已刷新，请按当前应收金额收款'], retry: false, reloadBill: true })
    expect(paymentFailure(reused)).toMatchObject({ message: '这笔收款已提交过，请核对账单后再收', retry: false, reloadBill: true })
    expect(paymentFailure(short)).toEqual({ message: '实收金额不足，不能少于本次收款金额', lines: [], retry: false, reloadBill: false })
  })
})

describe('医保 first in a split payment', () => {
  const payment = (over: Partial<PaymentReply>): PaymentReply => ({
    id: 'p-1',
    billId: 'b-1',
    method: 'CASH',
    status: 'SUCCEEDED',
    amountFen: 1000,
    refundedFen: 0,
    tenderedFen: null,
    changeFen: null,
    businessDate: '2026-11-26',
    detail: null,
    createdAt: '2026-11-26T02:00:00Z',
    paidAt: '2026-11-26T02:00:00Z',
    ...over
  })
  const fresh = { paidFen: 0, pendingFen: 0, dueFen: 10000, payments: [] as PaymentReply[] }

  it('is offered only before any other money was taken, and only once', () => {
    expect(insuranceProblem(fresh)).toBeNull()
    expect(methodChoices(true).map((choice) => choice.value)).toEqual(['INSURANCE', 'CASH', 'CARD'])
    expect(methodChoices(false).map((choice) => choice.value)).toEqual(['CASH', 'CARD'])
    expect(insuranceProblem({ ...fresh, paidFen: 2000, dueFen: 8000, payments: [payment({ amountFen: 2000 })] })).toBe('已用其他方式收过款：医保须在其他方式之前结算')
    expect(insuranceProblem({ ...fresh, pendingFen: 10000, dueFen: 0 })).toBe('本账单已无应收金额')
    const insured = payment({ method: 'INSURANCE', amountFen: 7000, detail: { fundFen: 5000, accountFen: 2000, selfFen: 3000, settlementId: 'S-1' } })
    expect(insuranceProblem({ paidFen: 7000, pendingFen: 0, dueFen: 3000, payments: [insured] })).toBe('本账单已医保结算，余下自付部分请用现金或银行卡收取')
    // A settlement that never completed does not count.
    expect(insuranceProblem({ ...fresh, payments: [payment({ method: 'INSURANCE', status: 'CLOSED' })] })).toBeNull()
  })

  it('sends the card number alone: the insurer, not the form, decides the amount', () => {
    expect(checkPayment({ method: 'INSURANCE', amount: '100', tendered: '', insuranceCardNo: ' 3301001234567 ' }, 10000)).toEqual({
      input: { method: 'INSURANCE', insuranceCardNo: '3301001234567' },
      changeFen: null,
      remainingFen: null
    })
    expect(checkPayment({ method: 'INSURANCE', amount: '', tendered: '' }, 10000)).toMatchObject({ cardNoError: '请读取或输入医保卡号' })
    expect(checkPayment({ method: 'INSURANCE', amount: '', tendered: '', insuranceCardNo: '33 01' }, 10000).input).toBeUndefined()
  })

  it('reads the insurer\'s split and leaves the self-paid part due for cash or card', () => {
    const insured = payment({ method: 'INSURANCE', amountFen: 7000, detail: { fundFen: 5000, accountFen: 2000, selfFen: 3000, settlementId: 'S-1' } })
    const detail = insuranceDetail(insured)
    expect(detail).toEqual({ fundFen: 5000, accountFen: 2000, selfFen: 3000, settlementId: 'S-1' })
    expect(insuranceSplit(detail!, 10000)).toEqual({ insurerFen: 7000, fundFen: 5000, accountFen: 2000, selfFen: 3000, consistent: true })
    expect(insuranceSplit(detail!, 9999).consistent).toBe(false)
    expect(insuranceSummary(detail!)).toBe('统筹基金 ¥50.00，个人账户 ¥20.00，自付 ¥30.00')
    // The rest opens on cash, for the self-paid amount.
    expect(nextMethod('INSURANCE')).toBe('CASH')
    expect(nextMethod('CARD')).toBe('CARD')
    expect(draftFor({ dueFen: detail!.selfFen }, nextMethod('INSURANCE'))).toEqual({ method: 'CASH', amount: '30.00', tendered: '' })
    // Then the rest in cash with change: the bill is settled.
    expect(checkPayment({ method: 'CASH', amount: '30.00', tendered: '50' }, 3000)).toMatchObject({ changeFen: 2000, remainingFen: 0 })
  })

  it('ignores a detail that is not an insurer\'s split', () => {
    expect(insuranceDetail(payment({ method: 'CASH', detail: { fundFen: 1, accountFen: 1, selfFen: 1 } }))).toBeNull()
    expect(insuranceDetail(payment({ method: 'INSURANCE', detail: null }))).toBeNull()
    expect(insuranceDetail(payment({ method: 'INSURANCE', detail: { fundFen: '50', accountFen: 0, selfFen: 0 } }))).toBeNull()
    expect(insuranceDetail(payment({ method: 'INSURANCE', detail: { fundFen: 1.5, accountFen: 0, selfFen: 0 } }))).toBeNull()
  })

  it('says in the confirm dialog what happens next', () => {
    expect(paymentConfirmText({ method: 'INSURANCE', insuranceCardNo: 'C1' }, { changeFen: null, remainingFen: null })).toBe('医保卡号 C1\n医保结算后，余下自付部分再用现金或银行卡收取')
    expect(paymentConfirmText({ method: 'CASH', amountFen: 1900, tenderedFen: 5000 }, { changeFen: 3100, remainingFen: 0 })).toBe('现金收款 ¥19.00，实收 ¥50.00，找零 ¥31.00')
    expect(paymentConfirmText({ method: 'CARD', amountFen: 1000 }, { changeFen: null, remainingFen: 1900 })).toBe('银行卡收款 ¥10.00\n收款后仍应收 ¥19.00')
  })

  it('shows a refused 医保 settlement in Chinese and takes a new key for the next try', () => {
    const failed = new ApiError(409, { code: 'INSURANCE.SETTLEMENT_FAILED', message: 'card invalid' })
    expect(paymentFailure(failed)).toEqual({ message: '医保结算失败，请核对医保卡后重试，或改用其他方式收款', lines: [], retry: false, reloadBill: false })
    expect(keyAfterFailure('k-1-abcdefgh', failed, () => 'k-2')).toBe('k-2')
  })

  it('explains a 医保 refused because other money was taken first (PAYMENT.ONLINE_PENDING with paidFen)', () => {
    const notFirst = new ApiError(409, { code: 'PAYMENT.ONLINE_PENDING', message: '医保 settles a bill first', details: { paidFen: 1000, pendingFen: 0 } })
    expect(paymentFailure(notFirst, 'INSURANCE')).toEqual({
      message: '医保须在其他收款方式之前结算',
      lines: ['本账单已用其他方式收过款，不能再医保结算；余下金额请用现金或银行卡收取'],
      retry: false,
      reloadBill: true
    })
    // Held by an unfinished WeChat payment instead: that one must be closed first.
    const held = new ApiError(409, { code: 'PAYMENT.ONLINE_PENDING', message: 'pending', details: { paidFen: 0, pendingFen: 2900 } })
    expect(paymentFailure(held, 'INSURANCE').lines).toEqual(['请在收款记录中点击“关闭待支付”，关闭后再收款'])
  })
})

describe('a pending WeChat payment', () => {
  it('is what the cashier may close, and the close answers paid-after-all or closed', () => {
    const pending = { id: 'w-1', status: 'PENDING' as const }
    expect(pendingOnline({ payments: [{ id: 'c-1', status: 'SUCCEEDED' }, pending] as PaymentReply[] }).map((p) => p.id)).toEqual(['w-1'])
    expect(closeOutcomeText({ status: 'SUCCEEDED', amountFen: 2900 })).toBe('该笔支付实际已成功（¥29.00），已计入已收')
    expect(closeOutcomeText({ status: 'CLOSED', amountFen: 2900 })).toBe('已关闭待支付，可继续收款')
  })

  it('holds the bill: a desk payment is refused until it is closed, and the bill is read again', () => {
    const held = new ApiError(409, { code: 'PAYMENT.ONLINE_PENDING', message: 'pending', details: { pendingFen: 2900 } })
    expect(paymentFailure(held)).toEqual({
      message: '有一笔微信支付尚未完成，占用了部分应收金额',
      lines: ['请在收款记录中点击“关闭待支付”，关闭后再收款'],
      retry: false,
      reloadBill: true
    })
  })
})
