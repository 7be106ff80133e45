import { isApiError } from './api'

// One Idempotency-Key names one attempt at a money call (a payment, a refund, a reversal, a WeChat prepay). A retry
// after no answer must send the same key, so that a call the server carried out before the connection dropped is
// not carried out twice. A new key only once the attempt is settled: answered, or refused by the server (a refusal
// moves no money).

const KEY_ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz'

/** A new key: prefix + "-" + time + "-" + 16 random characters (printable, within the server's 8–64). */
export function newIdempotencyKey(random: () => number = Math.random, now: number = Date.now(), prefix = 'pay'): string {
  let tail = ''
  for (let i = 0; i < 16; i += 1) tail += KEY_ALPHABET[Math.floor(random() * KEY_ALPHABET.length) % KEY_ALPHABET.length]
  return `${prefix}-${now.toString(36)}-${tail}`
}

/** Whether the server may have carried out a call it never answered for: no response, or a gateway/server failure. */
export function outcomeUnknown(error: unknown): boolean {
  if (!isApiError(error)) return true
  return error.status === 0 || error.status >= 500
}

/** The key for the next submit of the same attempt after `error`: the same one while the outcome is unknown. */
export function keyAfterFailure(key: string, error: unknown, make: () => string = newIdempotencyKey): string {
  return outcomeUnknown(error) ? key : make()
}

/**
 * The keys of a screen's attempts, one per target ("pay:<billId>", "refund:<billId>", "reverse:<paymentId>").
 * `run` sends the call under the target's key and decides the next key from the outcome; `forget` starts the
 * target over (the form was closed, so the next submit is a new attempt).
 */
export interface IdempotentAttempts {
  /** The key the next call for `target` will send. */
  keyFor(target: string): string
  run<T>(target: string, call: (key: string) => Promise<T>): Promise<T>
  forget(target?: string): void
}

export function createIdempotentAttempts(make: (target: string) => string = (target) => newIdempotencyKey(Math.random, Date.now(), prefixOf(target))): IdempotentAttempts {
  const keys = new Map<string, string>()

  function keyFor(target: string): string {
    let key = keys.get(target)
    if (!key) {
      key = make(target)
      keys.set(target, key)
    }
    return key
  }

  return {
    keyFor,
    async run<T>(target: string, call: (key: string) => Promise<T>): Promise<T> {
      const key = keyFor(target)
      try {
        const result = await call(key)
        // Settled: the next call for this target (e.g. the rest of a split bill) is a new attempt.
        keys.delete(target)
        return result
      } catch (error) {
        if (!outcomeUnknown(error)) keys.delete(target)
        throw error
      }
    },
    forget(target?: string) {
      if (target === undefined) keys.clear()
      else keys.delete(target)
    }
  }
}

/** "refund:3f25…" → "refund": the key says what it was for, which helps when reading the server's rows. */
function prefixOf(target: string): string {
  const head = /^[a-z]{1,12}/.exec(target)
  return head ? head[0] : 'pay'
}
