import type { BillReply, CreatePaymentDto, PaymentMethod, PaymentReply } from '@clinic/contracts'

// The billing replies of the contract in /work/shared/API.md (refunds, the daily close, reports, reconciliation,
// WeChat Pay) that libs/contracts does not name yet. They belong there; until they are, the client types them here
// from the written contract, and only here. Types only: nothing in this file reaches the bundle.

export type RefundStatus = 'PENDING' | 'SUCCEEDED' | 'FAILED'

export interface RefundLegReply {
  id: string
  paymentId: string
  method: PaymentMethod
  amountFen: number
  status: RefundStatus
  outRefundNo: string
}

export interface RefundReply {
  id: string
  billId: string
  amountFen: number
  reason: string
  status: RefundStatus
  lines: { billLineId: string; quantity: number; amountFen: number }[]
  legs: RefundLegReply[]
  createdAt: string
  completedAt: string | null
}

/** A bill as the server sends it now: with its refunds (optional, so a reply without them still reads). */
export type Bill = BillReply & { refunds?: RefundReply[] }
export type BillLine = BillReply['lines'][number]

/** Units of a line (drugs), or a part of its amount (registration, services): one of the two. */
export type RefundLineInput = { lineId: string; quantity: number } | { lineId: string; amountFen: number }

export interface RefundInput {
  lines: RefundLineInput[]
  reason: string
}

/** 医保: the insurer settles the covered part of the whole bill; the amount is the insurer's answer, not ours. */
export interface InsurancePaymentInput {
  method: 'INSURANCE'
  insuranceCardNo: string
}

/** What the cashier sends: cash or card (the contracts' CreatePaymentDto), or 医保. */
export type PaymentInput = CreatePaymentDto | InsurancePaymentInput

/** PaymentReply.detail of a 医保 payment: the insurer paid fund + account (the payment's amount); self stays due. */
export interface InsuranceDetail {
  fundFen: number
  accountFen: number
  selfFen: number
  settlementId: string
}

export interface ReversalReply {
  id: string
  paymentId: string
  billId: string
  method: PaymentMethod
  amountFen: number
  reason: string
  businessDate: string
  createdAt: string
}

export interface SettlementMethodRow {
  method: PaymentMethod
  receivedFen: number
  refundedFen: number
  reversedFen: number
  netFen: number
  count: number
}

export interface DailySettlementReply {
  date: string
  status: 'OPEN' | 'CLOSED'
  byMethod: SettlementMethodRow[]
  expectedCashFen: number
  countedCashFen: number | null
  differenceFen: number | null
  closedBy: string | null
  closedAt: string | null
}

export interface CloseDayInput {
  date: string
  countedCashFen: number
  note?: string
}

export type RevenueGroupBy = 'day' | 'department' | 'doctor' | 'method' | 'category'

export interface RevenueQuery {
  from: string
  to: string
  groupBy: RevenueGroupBy
}

export interface RevenueFigures {
  receivedFen: number
  refundedFen: number
  reversedFen: number
  netFen: number
  payments: number
}

export interface RevenueRow extends RevenueFigures {
  key: string
  label: string
}

export interface RevenueReply {
  from: string
  to: string
  groupBy: RevenueGroupBy
  rows: RevenueRow[]
  totals: RevenueFigures
}

export type ExportFormat = 'xlsx' | 'csv'

export type ReconciliationKind = 'MISSING_IN_SYSTEM' | 'MISSING_IN_WECHAT' | 'AMOUNT_MISMATCH'

export interface ReconciliationItem {
  kind: ReconciliationKind
  type: 'PAYMENT' | 'REFUND'
  outTradeNo: string
  transactionId: string | null
  systemFen: number | null
  wechatFen: number | null
}

export interface ReconciliationReply {
  id: string
  date: string
  matched: number
  missingInSystem: number
  missingInWechat: number
  amountMismatch: number
  items: ReconciliationItem[]
}

/** The arguments of wx.requestPayment, signed by the server. */
export interface RequestPaymentParams {
  timeStamp: string
  nonceStr: string
  package: string
  signType: 'RSA'
  paySign: string
}

export interface WechatPayReply {
  payment: PaymentReply
  /** null without a merchant (the development adapter). */
  requestPayment: RequestPaymentParams | null
  /** No merchant configured: there is no real WeChat; 模拟支付 completes the payment. Never in production. */
  development: boolean
}
