import Taro from '@tarojs/taro'
import { templateIdsOf, type SubscribeOutcome } from './subscribe-ids'

// Written out in full: Taro substitutes the literal `process.env.TARO_APP_SUBSCRIBE_TEMPLATE_IDS` at build time.
const TEMPLATE_IDS = templateIdsOf(process.env.TARO_APP_SUBSCRIBE_TEMPLATE_IDS)

/** The mini-program can ask WeChat for the patient's consent to subscription messages. */
export const CAN_SUBSCRIBE = TEMPLATE_IDS.length > 0

/**
 * WeChat's one-time subscription prompt for the clinic's message templates. It must run inside the tap that asked
 * for it; WeChat shows at most 3 templates at a time.
 */
export async function requestSubscription(): Promise<SubscribeOutcome> {
  if (!TEMPLATE_IDS.length) return 'unavailable'
  try {
    const result = (await Taro.requestSubscribeMessage({ tmplIds: TEMPLATE_IDS.slice(0, 3) } as Taro.requestSubscribeMessage.Option)) as Record<string, unknown>
    return TEMPLATE_IDS.some((id) => result[id] === 'accept') ? 'accepted' : 'rejected'
  } catch {
    return 'rejected'
  }
}
