import { describe, expect, it } from '@jest/globals'
import { ApiError } from './api'
import { createIdempotentAttempts, newIdempotencyKey } from './idempotency'

const networkDown = new ApiError(0, { code: 'NETWORK.FAILED', message: '网络连接失败，请稍后重试' })
const badGateway = new ApiError(502, { code: 'UPSTREAM.UNAVAILABLE', message: 'down' })
const refused = new ApiError(409, { code: 'REFUND.NOT_RETURNED', message: 'return first' })

/** Keys "<target>#1", "<target>#2", … so a test can tell a new key from a kept one. */
function counting() {
  let n = 0
  return (target: string) => `${target}#${++n}`
}

describe('newIdempotencyKey', () => {
  it('names what the key was for', () => {
    expect(newIdempotencyKey(() => 0, 0, 'refund')).toBe('refund-0-0000000000000000')
    expect(newIdempotencyKey(() => 0, 0)).toMatch(/^pay-/)
  })

  it('makes keys the server takes (8 to 64 printable characters) from the default targets', async () => {
    const attempts = createIdempotentAttempts()
    const seen: string[] = []
    for (const target of ['pay:3f2504e0-4f89-41d3-9a0c-0305e82c3301', 'refund:b-1', 'reverse:p-1', 'wechat:b-1']) {
      await attempts.run(target, async (key) => seen.push(key))
    }
    for (const key of seen) expect(key).toMatch(/^[\x21-\x7e]{8,64}$/)
    expect(seen.map((key) => key.split('-')[0])).toEqual(['pay', 'refund', 'reverse', 'wechat'])
  })
})

describe('an attempt\'s key', () => {
  it('is renewed once the server has answered, so the next payment of a split bill is a new one', async () => {
    const attempts = createIdempotentAttempts(counting())
    const sent: string[] = []
    await attempts.run('pay:b-1', async (key) => sent.push(key))
    await attempts.run('pay:b-1', async (key) => sent.push(key))
    expect(sent).toEqual(['pay:b-1#1', 'pay:b-1#2'])
  })

  it('is kept for the retry while the outcome is unknown (no answer, or a gateway failure)', async () => {
    const attempts = createIdempotentAttempts(counting())
    const sent: string[] = []
    for (const error of [networkDown, badGateway, new Error('bug')]) {
      await expect(
        attempts.run('refund:b-1', async (key) => {
          sent.push(key)
          throw error
        })
      ).rejects.toBe(error)
    }
    await attempts.run('refund:b-1', async (key) => sent.push(key))
    expect(sent).toEqual(['refund:b-1#1', 'refund:b-1#1', 'refund:b-1#1', 'refund:b-1#1'])
  })

  it('is renewed after a refusal, which moved no money', async () => {
    const attempts = createIdempotentAttempts(counting())
    await expect(attempts.run('refund:b-1', async () => Promise.reject(refused))).rejects.toBe(refused)
    expect(attempts.keyFor('refund:b-1')).toBe('refund:b-1#2')
  })

  it('belongs to its target: a refund does not borrow the payment\'s key, nor one bill another\'s', async () => {
    const attempts = createIdempotentAttempts(counting())
    await expect(attempts.run('pay:b-1', async () => Promise.reject(networkDown))).rejects.toBe(networkDown)
    expect(attempts.keyFor('refund:b-1')).toBe('refund:b-1#2')
    expect(attempts.keyFor('pay:b-2')).toBe('pay:b-2#3')
    expect(attempts.keyFor('pay:b-1')).toBe('pay:b-1#1')
    attempts.forget('pay:b-1')
    expect(attempts.keyFor('pay:b-1')).toBe('pay:b-1#4')
  })
})
