import { describe, expect, it } from '@jest/globals'
import type { BillLineReply as BillLine, PaymentReply, RefundReply } from '@clinic/contracts'
import { ApiError } from '../../services/api'
import {
  canReverse,
  checkRefund,
  emptyRefundDraft,
  fillRefundable,
  hasPendingRefund,
  legText,
  lineRefundability,
  refundableQty,
  refundFailure,
  refundOutcome,
  reversalReasonError,
  reversedPaymentIds,
  unitsFen
} from './refund-logic'

function line(over: Partial<BillLine>): BillLine {
  return {
    id: 'l-1',
    kind: 'DRUG',
    refId: 'rx-1',
    itemId: 'd-1',
    name: '阿莫西林胶囊',
    unitPriceFen: 1450,
    quantity: 4,
    amountFen: 5800,
    dispensedQty: 0,
    returnedQty: 0,
    refundedQty: 0,
    refundedFen: 0,
    ...over
  }
}

const drug = line({})
const registration = line({ id: 'l-2', kind: 'REGISTRATION', name: '普通门诊挂号', unitPriceFen: 1000, quantity: 1, amountFen: 1000, itemId: null })
const paid = { lines: [drug, registration], paidFen: 6800, refundedFen: 0 }

describe('what a line may refund now', () => {
  it.each([
    ['nothing dispensed yet: every unit', { quantity: 4 }, 4],
    ['all dispensed, none back: nothing', { quantity: 4, dispensedQty: 4 }, 0],
    ['all dispensed, one back: that one', { quantity: 4, dispensedQty: 4, returnedQty: 1 }, 1],
    ['the returned one already refunded: nothing', { quantity: 4, dispensedQty: 4, returnedQty: 1, refundedQty: 1 }, 0],
    ['part dispensed: the rest, and what came back', { quantity: 10, dispensedQty: 6, returnedQty: 2 }, 6],
    ['units refunded before dispensing count too', { quantity: 10, dispensedQty: 6, refundedQty: 4 }, 0]
  ])('%s', (_name, counts, expected) => {
    expect(refundableQty({ dispensedQty: 0, returnedQty: 0, refundedQty: 0, ...counts })).toBe(expected)
  })

  it('says how many units wait for 退药 at the pharmacy window', () => {
    const r = lineRefundability(line({ dispensedQty: 4, returnedQty: 1 }))
    expect(r).toMatchObject({ mode: 'quantity', refundableQty: 1, refundableFen: 1450, awaitingReturnQty: 3 })
  })

  it('refunds other lines by amount: what is left of it', () => {
    expect(lineRefundability(registration)).toMatchObject({ mode: 'amount', refundableFen: 1000, awaitingReturnQty: 0 })
    expect(lineRefundability({ ...registration, refundedFen: 400 }).refundableFen).toBe(600)
  })

  it('never gives back more than is left of the line\'s amount', () => {
    expect(unitsFen({ unitPriceFen: 1450, amountFen: 5800, refundedFen: 5000 }, 2)).toBe(800)
    expect(unitsFen({ unitPriceFen: 1450, amountFen: 5800, refundedFen: 0 }, 2)).toBe(2900)
  })
})

describe('the refund form', () => {
  it('sends units for drugs and an amount for the rest, with the reason', () => {
    const check = checkRefund(paid, { lines: { 'l-1': '2', 'l-2': '10' }, reason: ' 患者未取药 ' })
    expect(check).toEqual({
      input: { lines: [{ lineId: 'l-1', quantity: 2 }, { lineId: 'l-2', amountFen: 1000 }], reason: '患者未取药' },
      lineErrors: {},
      totalFen: 3900
    })
  })

  it('fills every line with what it may refund now (全部可退)', () => {
    const bill = { lines: [line({ dispensedQty: 4, returnedQty: 2 }), { ...registration, refundedFen: 250 }, line({ id: 'l-3', dispensedQty: 4 })] }
    expect(fillRefundable(bill, '退号')).toEqual({ lines: { 'l-1': '2', 'l-2': '7.50' }, reason: '退号' })
  })

  it('refuses more than a line may refund, and says why beside it', () => {
    const dispensed = { ...paid, lines: [line({ dispensedQty: 4 }), registration] }
    const check = checkRefund(dispensed, { lines: { 'l-1': '1', 'l-2': '10.01' }, reason: '医嘱变更' })
    expect(check.input).toBeUndefined()
    expect(check.lineErrors).toEqual({ 'l-1': '请先到药房退药', 'l-2': '最多可退 ¥10.00' })
    expect(checkRefund(paid, { lines: { 'l-1': '5' }, reason: 'x' }).lineErrors).toEqual({ 'l-1': '最多可退 4' })
    expect(checkRefund(paid, { lines: { 'l-1': '1.5' }, reason: 'x' }).lineErrors).toEqual({ 'l-1': '请输入整数数量' })
    expect(checkRefund(paid, { lines: { 'l-2': 'abc' }, reason: 'x' }).lineErrors).toEqual({ 'l-2': '请输入正确的金额，最多两位小数' })
  })

  it('asks for a reason and for something to refund', () => {
    expect(checkRefund(paid, emptyRefundDraft())).toMatchObject({ reasonError: '请填写退费原因', formError: '请填写要退的数量或金额' })
    expect(checkRefund(paid, { lines: { 'l-1': '0' }, reason: 'x' }).formError).toBe('请填写要退的数量或金额')
    expect(checkRefund(paid, { lines: { 'l-1': '1' }, reason: 'x'.repeat(201) }).reasonError).toBe('退费原因不超过 200 字')
  })

  it('refuses more than the bill has received and not yet given back', () => {
    expect(checkRefund({ ...paid, paidFen: 1000 }, { lines: { 'l-1': '1' }, reason: 'x' }).formError).toBe('退费合计超过可退的已收金额 ¥10.00')
    expect(checkRefund({ ...paid, paidFen: 0 }, { lines: { 'l-1': '1' }, reason: 'x' }).formError).toBe('该账单没有可退的已收金额')
  })
})

describe('a refused or unanswered refund', () => {
  it('names the drugs to bring back to the pharmacy first', () => {
    const notReturned = new ApiError(409, {
      code: 'REFUND.NOT_RETURNED',
      message: 'return first',
      details: [{ lineId: 'l-1', name: '阿莫西林胶囊', refundableQty: 1 }]
    })
    expect(refundFailure(notReturned)).toEqual({
      message: '请先到药房退药',
      lines: ['阿莫西林胶囊：已发药未退回，请先到药房退药（当前可退 1）'],
      retry: false,
      reloadBill: true
    })
  })

  it('keeps the key and says so when no answer came', () => {
    expect(refundFailure(new ApiError(0, { code: 'NETWORK.FAILED', message: 'down' }))).toMatchObject({
      lines: ['退费结果未知：请再次点击“确认退费”重试，同一笔退费不会重复退款'],
      retry: true
    })
  })

  it('reads the bill again when what was paid has changed', () => {
    expect(refundFailure(new ApiError(409, { code: 'REFUND.EXCEEDS_PAID', message: 'x' }))).toMatchObject({ message: '退费金额超过了已收金额', reloadBill: true })
    expect(refundFailure(new ApiError(409, { code: 'REFUND.NOT_PAID', message: 'x' }))).toMatchObject({ message: '该账单尚未收费，无需退费', reloadBill: true })
  })
})

describe('the refund\'s outcome', () => {
  it('tells a finished refund from one still on its way back through WeChat', () => {
    expect(refundOutcome({ status: 'SUCCEEDED', amountFen: 2900 })).toEqual({ tone: 'done', text: '已退费 ¥29.00' })
    expect(refundOutcome({ status: 'PENDING', amountFen: 2900 })).toEqual({ tone: 'pending', text: '退款处理中：¥29.00 正在原路退回，微信确认后自动更新' })
    expect(refundOutcome({ status: 'FAILED', amountFen: 2900 }).tone).toBe('failed')
    expect(legText({ method: 'WECHAT', amountFen: 1900, status: 'PENDING' })).toBe('微信支付 ¥19.00 退款处理中')
    expect(hasPendingRefund([{ status: 'SUCCEEDED' }, { status: 'PENDING' }])).toBe(true)
    expect(hasPendingRefund([{ status: 'SUCCEEDED' }])).toBe(false)
  })
})

describe('冲正', () => {
  it('is offered for cash and card payments that succeeded and gave nothing back', () => {
    const base = { method: 'CASH' as const, status: 'SUCCEEDED' as const, refundedFen: 0 }
    expect(canReverse(base)).toBe(true)
    expect(canReverse({ ...base, method: 'CARD' })).toBe(true)
    expect(canReverse({ ...base, method: 'WECHAT' })).toBe(false)
    expect(canReverse({ ...base, method: 'INSURANCE' })).toBe(false)
    expect(canReverse({ ...base, status: 'PENDING' })).toBe(false)
    expect(canReverse({ ...base, refundedFen: 100 })).toBe(false)
  })

  it('is read off the bill: a desk payment given back in full with no refund leg of its own was reversed', () => {
    const payment = (id: string, over: Partial<PaymentReply> = {}): PaymentReply => ({
      id,
      billId: 'b-1',
      method: 'CASH',
      status: 'SUCCEEDED',
      amountFen: 2000,
      refundedFen: 0,
      tenderedFen: 2000,
      changeFen: 0,
      businessDate: '2026-11-26',
      detail: null,
      createdAt: '2026-11-26T02:00:00Z',
      paidAt: '2026-11-26T02:00:00Z',
      ...over
    })
    const leg = (paymentId: string, amountFen: number, status: 'SUCCEEDED' | 'FAILED' = 'SUCCEEDED') => ({ legs: [{ id: `g-${paymentId}`, paymentId, method: 'CARD' as const, amountFen, status, outRefundNo: 'R1', businessDate: null }] }) as Pick<RefundReply, 'legs'>
    const payments = [
      payment('reversed', { refundedFen: 2000 }),
      payment('refunded', { method: 'CARD', tenderedFen: null, changeFen: null, refundedFen: 2000 }),
      payment('untouched'),
      payment('failed-refund-then-reversed', { method: 'CARD', refundedFen: 2000 }),
      payment('wechat', { method: 'WECHAT', refundedFen: 2000 })
    ]
    expect([...reversedPaymentIds(payments, [leg('refunded', 2000), leg('failed-refund-then-reversed', 2000, 'FAILED')])]).toEqual(['reversed', 'failed-refund-then-reversed'])
  })

  it('needs a reason', () => {
    expect(reversalReasonError('  ')).toBe('请填写冲正原因')
    expect(reversalReasonError('金额输错')).toBeUndefined()
  })
})
