import type { BillReply, PaymentReply, WechatPrepayReply } from '@clinic/contracts'
import { outcomeUnknown } from '../../services/idempotency'

// The patient's WeChat payment as plain data: what follows the prepay, when to stop asking for the outcome, and
// what to tell the patient.

/** What the patient still owes: what is due plus what an unfinished WeChat payment of theirs holds. */
export function outstandingFen(bill: Pick<BillReply, 'dueFen' | 'pendingFen'>): number {
  return bill.dueFen + bill.pendingFen
}

/**
 * After the server opened the payment: 'dev' offers 模拟支付 (no merchant; never in production), 'sheet' opens
 * WeChat's payment sheet, 'poll' asks the server for the outcome straight away (a browser has no sheet).
 */
export function afterPrepay(reply: Pick<WechatPrepayReply, 'development' | 'requestPayment'>, hasSheet: boolean): 'dev' | 'sheet' | 'poll' {
  if (reply.development) return 'dev'
  if (reply.requestPayment && hasSheet) return 'sheet'
  return 'poll'
}

/** Every 2 s, for about 30 s: WeChat's notice usually arrives within seconds; the server queries WeChat if not. */
export const PAY_POLL = { intervalMs: 2000, timeoutMs: 30_000 } as const

export type PollOutcome = 'SUCCEEDED' | 'CLOSED' | 'TIMEOUT' | 'STOPPED'

/** A payment's final state, or null while it is still PENDING. */
export function finalStatus(payment: Pick<PaymentReply, 'status'>): 'SUCCEEDED' | 'CLOSED' | null {
  return payment.status === 'PENDING' ? null : payment.status
}

export interface PollOptions {
  intervalMs: number
  timeoutMs: number
  sleep: (ms: number) => Promise<void>
  now: () => number
  /** True once the page has gone away: stop without another request. */
  stopped: () => boolean
}

export interface PollResult {
  outcome: PollOutcome
  payment: PaymentReply | null
}

/**
 * Asks for the payment until it is SUCCEEDED or CLOSED, the time is up, or the page is gone. A failed look with no
 * answer (network, 5xx) is tried again at the next tick; a refusal (4xx) ends the polling with that error.
 */
export async function pollPayment(fetch: () => Promise<PaymentReply>, options: PollOptions): Promise<PollResult> {
  const started = options.now()
  let last: PaymentReply | null = null
  for (;;) {
    if (options.stopped()) return { outcome: 'STOPPED', payment: last }
    try {
      last = await fetch()
      const status = finalStatus(last)
      if (status) return { outcome: status, payment: last }
    } catch (error) {
      if (!outcomeUnknown(error)) throw error
    }
    if (options.now() - started + options.intervalMs > options.timeoutMs) return { outcome: 'TIMEOUT', payment: last }
    await options.sleep(options.intervalMs)
  }
}

export type PayTone = 'succeeded' | 'closed' | 'timeout' | 'cancelled' | 'failed'

/** The patient's words for how the payment ended. */
export const PAY_RESULT_TEXT: Record<PayTone, string> = {
  succeeded: '支付成功',
  closed: '支付未完成，本次订单已关闭，可重新支付',
  timeout: '暂未收到支付结果，请稍后点击“刷新”查看；如已扣款，无需重复支付',
  cancelled: '已取消支付',
  failed: '支付未完成'
}

export function toneOf(outcome: Exclude<PollOutcome, 'STOPPED'>): PayTone {
  return outcome === 'SUCCEEDED' ? 'succeeded' : outcome === 'CLOSED' ? 'closed' : 'timeout'
}
