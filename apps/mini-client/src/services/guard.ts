import type { Role } from '@clinic/contracts'
import { relaunchToHome, relaunchToLogin, relaunchToPatientLogin } from './navigation'
import { accountSession, sessionStore, staffSession, type AccountSession, type SessionStore, type StaffSession } from './session'

/**
 * For a staff page's useLoad: the staff session, or null after sending the visitor to the staff login
 * (or home, when signed in but without a role this page is for).
 */
export function requireStaff(allowed?: (roles: readonly Role[]) => boolean, store: SessionStore = sessionStore): StaffSession | null {
  const session = staffSession(store)
  if (!session) {
    relaunchToLogin()
    return null
  }
  if (allowed && !allowed(session.user.roles)) {
    relaunchToHome()
    return null
  }
  return session
}

/** For a patient page's useLoad: the account session, or null after sending the visitor to the patient login. */
export function requireAccount(store: SessionStore = sessionStore): AccountSession | null {
  const session = accountSession(store)
  if (!session) relaunchToPatientLogin()
  return session
}
