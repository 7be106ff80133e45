import type { SubscribeOutcome } from './subscribe-ids'

/** A browser has no WeChat subscription messages: the reminder settings alone decide. */
export const CAN_SUBSCRIBE = false

export async function requestSubscription(): Promise<SubscribeOutcome> {
  return 'unavailable'
}
