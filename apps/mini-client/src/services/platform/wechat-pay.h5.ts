import type { RequestPaymentParams } from '../billing-types'
import type { WechatPayOutcome } from './wechat-pay-outcome'

export const HAS_PAYMENT_SHEET = false

/** A browser has no WeChat payment sheet: the page asks the server for the outcome (or offers 模拟支付 in development). */
export async function requestWechatPayment(_params: RequestPaymentParams): Promise<WechatPayOutcome> {
  return 'unavailable'
}
