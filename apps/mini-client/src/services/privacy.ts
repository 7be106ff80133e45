import type { AccountReply } from '@clinic/contracts'
import { ROUTES } from './navigation'

/**
 * The privacy agreement version the text in pages/privacy describes. Must equal the server's
 * PRIVACY_POLICY_VERSION (libs/contracts auth.dto.ts): the contracts are type-only here, so it is copied,
 * and changing the policy text means bumping both.
 */
export const PRIVACY_POLICY_VERSION = '2026-11'

export function hasCurrentConsent(account: AccountReply): boolean {
  return account.privacyVersion === PRIVACY_POLICY_VERSION && account.privacyConsentedAt !== null
}

/** Where a signed-in patient goes first: the agreement until they accept the current one, then their family list. */
export function patientStartPage(account: AccountReply): typeof ROUTES.privacy | typeof ROUTES.family {
  return hasCurrentConsent(account) ? ROUTES.family : ROUTES.privacy
}
