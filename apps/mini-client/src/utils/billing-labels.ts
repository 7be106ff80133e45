import type { BillLineReply, BillStatus, PaymentMethod, PaymentStatus, RefundReply } from '@clinic/contracts'

// Words for billing's states, shared by the cashier's pages and the patient's 我的账单.

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

export const PAYMENT_STATUS_LABEL: Record<PaymentStatus, string> = {
  PENDING: '待支付',
  SUCCEEDED: '已支付',
  CLOSED: '已关闭'
}

export const REFUND_STATUS_LABEL: Record<RefundReply['status'], string> = {
  PENDING: '退款处理中',
  SUCCEEDED: '已退款',
  FAILED: '退款失败'
}

export const LINE_KIND_LABEL: Record<BillLineReply['kind'], string> = {
  REGISTRATION: '挂号',
  DRUG: '药品',
  SERVICE: '诊疗'
}

/** What a bill is for, as its title. */
export function billTitle(bill: { sourceType: 'ENCOUNTER' | 'APPOINTMENT' }): string {
  return bill.sourceType === 'APPOINTMENT' ? '挂号费' : '门诊费用'
}
