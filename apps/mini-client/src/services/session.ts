import Taro from '@tarojs/taro'
import type { StaffUserReply, TokenPairReply } from '@clinic/contracts'

/** What the client remembers between launches about the signed-in staff member. */
export interface Session {
  accessToken: string
  refreshToken: string
  user: StaffUserReply
}

export interface SessionStore {
  get(): Session | null
  save(session: Session): void
  /** Replaces the token pair after a refresh, keeping the user. */
  updateTokens(tokens: TokenPairReply): void
  clear(): void
}

const STORAGE_KEY = 'clinic.session'

function isSession(value: unknown): value is Session {
  if (typeof value !== 'object' || value === null) return false
  const candidate = value as Partial<Session>
  return (
    typeof candidate.accessToken === 'string' &&
    typeof candidate.refreshToken === 'string' &&
    typeof candidate.user === 'object' &&
    candidate.user !== null
  )
}

/** Keeps the session in the platform's key-value storage (wx storage on weapp, localStorage on h5). */
export function createStorageSessionStore(key = STORAGE_KEY): SessionStore {
  const store: SessionStore = {
    get() {
      // Storage written by an older build, or tampered with, is treated as signed out.
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
