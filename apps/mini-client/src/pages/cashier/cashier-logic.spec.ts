import { describe, expect, it } from '@jest/globals'
import { ApiError } from '../../services/api'
import { changeFen, checkPayment, draftFor, isUnpaid, keyAfterFailure, newIdempotencyKey, outcomeUnknown, paymentFailure, sortBills } from './cashier-logic'

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
