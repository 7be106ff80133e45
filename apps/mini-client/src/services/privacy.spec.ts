import { describe, expect, it } from '@jest/globals'
import type { AccountReply } from '@clinic/contracts'
import { ROUTES } from './navigation'
import { hasCurrentConsent, patientStartPage, PRIVACY_POLICY_VERSION } from './privacy'

const account = (privacyVersion: string | null): AccountReply => ({
  id: 'acc-1',
  currentPrivacyVersion: '2026-11', privacyVersion,
  privacyConsentedAt: privacyVersion ? '2026-11-26T08:00:00Z' : null,
  createdAt: '2026-11-26T00:00:00Z'
})

describe('privacy consent', () => {
  it('matches the server constant PRIVACY_POLICY_VERSION', () => {
    expect(PRIVACY_POLICY_VERSION).toBe('2026-11')
  })

  it('sends a new patient, or one who agreed to an older version, to the agreement first', () => {
    expect(patientStartPage(account(null))).toBe(ROUTES.privacy)
    expect(patientStartPage(account('2025-01'))).toBe(ROUTES.privacy)
    expect(hasCurrentConsent(account('2025-01'))).toBe(false)
  })

  it('sends a patient who agreed to the current version to the family list', () => {
    expect(patientStartPage(account(PRIVACY_POLICY_VERSION))).toBe(ROUTES.family)
  })
})
