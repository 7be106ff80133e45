import Taro from '@tarojs/taro'
import type { RequestPaymentParams } from '../billing-types'
import { isPaymentCancel, type WechatPayOutcome } from './wechat-pay-outcome'

/** Inside WeChat the payment sheet opens on what the server signed. */
export const HAS_PAYMENT_SHEET = true

/** Resolves once the sheet closes: paid, or cancelled by the user; rejects on any other failure. */
export async function requestWechatPayment(params: RequestPaymentParams): Promise<WechatPayOutcome> {
  try {
    await Taro.requestPayment({ ...params })
    return 'paid'
  } catch (error) {
    if (isPaymentCancel(error)) return 'cancelled'
    throw error
  }
}
