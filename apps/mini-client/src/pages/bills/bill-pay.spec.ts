import { describe, expect, it } from '@jest/globals'
import type { PaymentReply } from '@clinic/contracts'
import { ApiError } from '../../services/api'
import { afterPrepay, finalStatus, outstandingFen, PAY_POLL, PAY_RESULT_TEXT, pollPayment, toneOf } from './bill-pay'

const PAYMENT: PaymentReply = {
  id: 'w-1',
  billId: 'b-1',
  method: 'WECHAT',
  status: 'PENDING',
  amountFen: 2900,
  refundedFen: 0,
  tenderedFen: null,
  changeFen: null,
  businessDate: null,
  detail: null,
  createdAt: '2026-11-26T02:00:00Z',
  paidAt: null
}
const PARAMS = { timeStamp: '1', nonceStr: 'n', package: 'prepay_id=wx1', signType: 'RSA' as const, paySign: 's' }

/** A clock that moves only when the poller sleeps, and the statuses the server answers in turn. */
function scripted(answers: (PaymentReply['status'] | Error)[], stopAfter = Infinity) {
  let clock = 0
  let calls = 0
  const slept: number[] = []
  const fetch = async () => {
    const answer = answers[Math.min(calls, answers.length - 1)]
    calls += 1
    if (answer instanceof Error) throw answer
    return { ...PAYMENT, status: answer }
  }
  const options = {
    ...PAY_POLL,
    now: () => clock,
    sleep: async (ms: number) => {
      slept.push(ms)
      clock += ms
    },
    stopped: () => calls >= stopAfter
  }
  return { fetch, options, calls: () => calls, slept }
}

describe('what follows the prepay', () => {
  it('opens the payment sheet in WeChat, offers 模拟支付 in development, and asks the server in a browser', () => {
    expect(afterPrepay({ development: false, requestPayment: PARAMS }, true)).toBe('sheet')
    expect(afterPrepay({ development: true, requestPayment: null }, true)).toBe('dev')
    expect(afterPrepay({ development: true, requestPayment: null }, false)).toBe('dev')
    expect(afterPrepay({ development: false, requestPayment: PARAMS }, false)).toBe('poll')
    expect(afterPrepay({ development: false, requestPayment: null }, true)).toBe('poll')
  })

  it('asks for what is due and what an unfinished WeChat payment holds', () => {
    expect(outstandingFen({ dueFen: 0, pendingFen: 2900 })).toBe(2900)
    expect(outstandingFen({ dueFen: 1000, pendingFen: 0 })).toBe(1000)
  })
})

describe('asking for the payment\'s outcome', () => {
  it('stops as soon as the payment succeeded', async () => {
    const run = scripted(['PENDING', 'PENDING', 'SUCCEEDED'])
    const result = await pollPayment(run.fetch, run.options)
    expect(result.outcome).toBe('SUCCEEDED')
    expect(result.payment?.status).toBe('SUCCEEDED')
    expect(run.calls()).toBe(3)
    expect(run.slept).toEqual([2000, 2000])
  })

  it('stops when the payment was closed', async () => {
    const run = scripted(['CLOSED'])
    expect((await pollPayment(run.fetch, run.options)).outcome).toBe('CLOSED')
    expect(run.slept).toEqual([])
  })

  it('gives up after about 30 s of PENDING, having asked every 2 s', async () => {
    const run = scripted(['PENDING'])
    const result = await pollPayment(run.fetch, run.options)
    expect(result.outcome).toBe('TIMEOUT')
    expect(result.payment?.status).toBe('PENDING')
    expect(run.calls()).toBe(16)
    expect(run.slept.reduce((sum, ms) => sum + ms, 0)).toBe(30_000)
  })

  it('rides out a look that got no answer, and stops on a refusal', async () => {
    const flaky = scripted([new ApiError(0, { code: 'NETWORK.FAILED', message: 'down' }), new ApiError(503, { code: 'UPSTREAM.UNAVAILABLE', message: 'down' }), 'SUCCEEDED'])
    expect((await pollPayment(flaky.fetch, flaky.options)).outcome).toBe('SUCCEEDED')
    const gone = new ApiError(404, { code: 'NOT_FOUND', message: 'gone' })
    const refused = scripted([gone])
    await expect(pollPayment(refused.fetch, refused.options)).rejects.toBe(gone)
    expect(refused.calls()).toBe(1)
  })

  it('stops without another request once the page has gone', async () => {
    const run = scripted(['PENDING'], 2)
    expect((await pollPayment(run.fetch, run.options)).outcome).toBe('STOPPED')
    expect(run.calls()).toBe(2)
  })

  it('tells the patient how it ended', () => {
    expect(finalStatus({ status: 'PENDING' })).toBeNull()
    expect(finalStatus({ status: 'SUCCEEDED' })).toBe('SUCCEEDED')
    expect(PAY_RESULT_TEXT[toneOf('SUCCEEDED')]).toBe('支付成功')
    expect(PAY_RESULT_TEXT[toneOf('CLOSED')]).toBe('支付未完成，本次订单已关闭，可重新支付')
    expect(toneOf('TIMEOUT')).toBe('timeout')
    expect(PAY_RESULT_TEXT.cancelled).toBe('已取消支付')
  })
})
