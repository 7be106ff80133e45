// Fallback for unit tests and the type checker; Taro picks wechat-pay.weapp.ts / wechat-pay.h5.ts when building.
export { HAS_PAYMENT_SHEET, requestWechatPayment } from './wechat-pay.h5'
export type { WechatPayOutcome } from './wechat-pay-outcome'
