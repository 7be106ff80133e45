import Taro from '@tarojs/taro'
import type { AccountReply, StaffUserReply, TokenPairReply } from '@clinic/contracts'

interface SessionTokens {
  accessToken: string
  refreshToken: string
}

/** A staff member signed in with a username and password. */
export interface StaffSession extends SessionTokens {
  kind: 'staff'
  user: StaffUserReply
}

/** A patient signed in through WeChat (on h5, a development code). */
export interface AccountSession extends SessionTokens {
  kind: 'account'
  account: AccountReply
}

/** What the client remembers between launches about whoever is signed in. */
export type Session = StaffSession | AccountSession
export type SessionKind = Session['kind']

export interface SessionStore {
  get(): Session | null
  save(session: Session): void
  /** Replaces the token pair after a refresh, keeping the user or account. */
  updateTokens(tokens: TokenPairReply): void
  clear(): void
}

const STORAGE_KEY = 'clinic.session'

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null
}

function isSession(value: unknown): value is Session {
  if (!isObject(value)) return false
  if (typeof value.accessToken !== 'string' || typeof value.refreshToken !== 'string') return false
  if (value.kind === 'staff') return isObject(value.user)
  if (value.kind === 'account') return isObject(value.account)
  return false
}

/** Keeps the session in the platform's key-value storage (wx storage on weapp, localStorage on h5). */
export function createStorageSessionStore(key = STORAGE_KEY): SessionStore {
  const store: SessionStore = {
    get() {
      // Storage written by an older build (no `kind`), or tampered with, is treated as signed out.
      const value: unknown = Taro.getStorageSync(key)
      return isSession(value) ? value : null
    },
    save(session) {
      Taro.setStorageSync(key, session)
    },
    updateTokens(tokens) {
      const current = store.get()
      if (!current) return
      store.save({ ...current, accessToken: tokens.accessToken, refreshToken: tokens.refreshToken })
    },
    clear() {
      Taro.removeStorageSync(key)
    }
  }
  return store
}

export const sessionStore: SessionStore = createStorageSessionStore()

export function staffSession(store: SessionStore = sessionStore): StaffSession | null {
  const session = store.get()
  return session?.kind === 'staff' ? session : null
}

export function accountSession(store: SessionStore = sessionStore): AccountSession | null {
  const session = store.get()
  return session?.kind === 'account' ? session : null
}
