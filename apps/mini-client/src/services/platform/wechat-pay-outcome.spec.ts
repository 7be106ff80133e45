import { describe, expect, it } from '@jest/globals'
import { isPaymentCancel, wechatErrorText } from './wechat-pay-outcome'

describe('how the WeChat payment sheet ended', () => {
  it('takes the user closing the sheet for a cancel, not a failure', () => {
    expect(isPaymentCancel({ errMsg: 'requestPayment:fail cancel' })).toBe(true)
    expect(isPaymentCancel({ errMsg: 'requestPayment:fail:cancel' })).toBe(true)
    expect(isPaymentCancel({ errMsg: 'requestPayment:fail (detail message)' })).toBe(false)
    expect(isPaymentCancel(new Error('requestPayment:fail no permission'))).toBe(false)
  })

  it('reads the text of any rejection', () => {
    expect(wechatErrorText({ errMsg: 'requestPayment:fail x' })).toBe('requestPayment:fail x')
    expect(wechatErrorText(new Error('boom'))).toBe('boom')
    expect(wechatErrorText('plain')).toBe('plain')
  })
})
