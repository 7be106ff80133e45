import type { AccountReply } from '@clinic/contracts'
import { ROUTES } from './navigation'

/**
 * The privacy agreement version the text in pages/privacy describes. The server accepts consent only to the
 * version in force (AccountReply.currentPrivacyVersion), so a build with stale text cannot record consent.
 */
export const PRIVACY_POLICY_VERSION = '2026-11'

/** Whether the account accepted the agreement the server has in force (it may be newer than this build's text). */
export function hasCurrentConsent(account: AccountReply): boolean {
  return account.privacyVersion === account.currentPrivacyVersion && account.privacyConsentedAt !== null
}

/** Where a signed-in patient goes first: the agreement until they accept the current one, then their family list. */
export function patientStartPage(account: AccountReply): typeof ROUTES.privacy | typeof ROUTES.family {
  return hasCurrentConsent(account) ? ROUTES.family : ROUTES.privacy
}
