import type { CreatePaymentDto, CreateRefundDto, WechatPrepayReply } from '@clinic/contracts'

// The billing replies and queries are the contracts' own (libs/contracts/src/billing), imported as types where they
// are used. What stays here are the few shapes the client needs sharper than the contracts' request classes state
// them, all derived from those classes. Types only: nothing in this file reaches the bundle.

/** Cash (with the amount handed over) or card at the desk: CreatePaymentDto without 医保's card number. */
export type DeskPaymentInput = { method: 'CASH' | 'CARD' } & Pick<CreatePaymentDto, 'amountFen' | 'tenderedFen'>

/** 医保: the insurer settles the covered part of the whole bill; no amount is sent, the insurer's answer is the amount. */
export type InsurancePaymentInput = { method: 'INSURANCE'; insuranceCardNo: string }

/** What the cashier sends to POST /bills/:id/payments: CreatePaymentDto, one shape per method. */
export type PaymentInput = DeskPaymentInput | InsurancePaymentInput

/** A line of a refund (RefundLineDto): units of a drug line, or an amount of any other line; one of the two. */
export type RefundLineInput = { lineId: string; quantity: number } | { lineId: string; amountFen: number }

/** CreateRefundDto with its lines as the client builds them. */
export type RefundInput = Omit<CreateRefundDto, 'lines'> & { lines: RefundLineInput[] }

/** PaymentReply.detail of a 医保 payment: the insurer paid fund + account (the payment's amount); self stays due. */
export interface InsuranceDetail {
  fundFen: number
  accountFen: number
  selfFen: number
  settlementId: string
}

/** The arguments of wx.requestPayment, signed by the server (WechatPrepayReply without a merchant has none). */
export type RequestPaymentParams = NonNullable<WechatPrepayReply['requestPayment']>
