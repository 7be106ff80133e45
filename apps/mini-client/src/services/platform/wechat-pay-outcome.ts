// How the WeChat payment sheet ended, read from what wx.requestPayment rejected with. Platform-neutral, so the
// unit tests read it without the mini-program runtime.

/** paid: the user paid (the server still confirms it); cancelled: the user closed the sheet; unavailable: no sheet here. */
export type WechatPayOutcome = 'paid' | 'cancelled' | 'unavailable'

/** The text of a rejection: `errMsg` of a WeChat API failure, else the message of an Error. */
export function wechatErrorText(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const { errMsg, message } = error as { errMsg?: unknown; message?: unknown }
    if (typeof errMsg === 'string') return errMsg
    if (typeof message === 'string') return message
  }
  return String(error)
}

/** `requestPayment:fail cancel` is the user closing the sheet, not a failure. */
export function isPaymentCancel(error: unknown): boolean {
  return /requestPayment:fail[\s:]*cancel/i.test(wechatErrorText(error))
}
