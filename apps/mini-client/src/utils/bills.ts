import type { BillReply, BillStatus } from '@clinic/contracts'

// Which bills still want money, and in what order they are listed: the cashier's list and the patient's 我的账单.

/** The statuses with money still to take. */
export const UNPAID_STATUSES: readonly BillStatus[] = ['OPEN', 'PARTIALLY_PAID']

export function isUnpaid(bill: Pick<BillReply, 'status'>): boolean {
  return UNPAID_STATUSES.includes(bill.status)
}

/** Unpaid bills first, then newest first; a stable copy. */
export function sortBills<B extends Pick<BillReply, 'status' | 'createdAt'>>(bills: readonly B[]): B[] {
  return [...bills].sort((a, b) => Number(isUnpaid(b)) - Number(isUnpaid(a)) || b.createdAt.localeCompare(a.createdAt))
}
