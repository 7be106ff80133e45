import type { BillStatus } from '@clinic/contracts';
import { DomainError } from '@clinic/platform';

/** What a client may send as an Idempotency-Key: printable, at most 64 characters. */
const KEY = /^[\x21-\x7e]{8,64}$/;

/** Every payment and refund request carries its Idempotency-Key: 8-64 printable characters. */
export function requireKey(key: string | undefined): asserts key is string {
  if (!key || !KEY.test(key)) {
    throw new DomainError('PAYMENT.IDEMPOTENCY_KEY_REQUIRED', 'Send an Idempotency-Key header (8-64 printable characters) with every payment, refund and reversal', [
      { field: 'Idempotency-Key', errors: ['Idempotency-Key header must be 8-64 printable characters'] },
    ]);
  }
}

/** Refunds name the status once there are any: all of what was paid back, or part of it. */
export function statusOf(totalFen: number, paidFen: number, refundedFen: number): BillStatus {
  if (refundedFen > 0) return refundedFen >= paidFen ? 'REFUNDED' : 'PARTIALLY_REFUNDED';
  if (paidFen === 0) return 'OPEN';
  return paidFen < totalFen ? 'PARTIALLY_PAID' : 'PAID';
}
