import { PRIVACY_POLICY_VERSION, type AccountReply } from '@clinic/contracts';
import type { Account } from './account.entity';

export function toAccountReply(a: Account): AccountReply {
  return { id: a.id, currentPrivacyVersion: PRIVACY_POLICY_VERSION, privacyVersion: a.privacyVersion, privacyConsentedAt: a.privacyConsentedAt?.toISOString() ?? null, createdAt: a.createdAt.toISOString() };
}
