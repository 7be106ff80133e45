// Refreshing a screen on a timer: one tick at a time, stopped while the page is hidden.

export interface Timers {
  setInterval(handler: () => void, ms: number): unknown
  clearInterval(handle: unknown): void
}

const defaultTimers: Timers = {
  setInterval: (handler, ms) => setInterval(handler, ms),
  clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>)
}

export interface Poller {
  /** Starts ticking every interval (no immediate tick); a second start does nothing. */
  start(): void
  stop(): void
  readonly running: boolean
}

/** The page refresh intervals, in one place. */
export const REFRESH_MS = {
  /** The patient's queue position. */
  queuePosition: 15_000,
  /** The waiting-room screen. */
  queueDisplay: 5_000,
  /** The doctor's and the desk's queue views. */
  staffQueue: 10_000,
  /** Paid prescriptions waiting at the pharmacy window. */
  dispensary: 10_000
} as const

/**
 * Calls `tick` every `intervalMs` while started. A tick that is still waiting for its answer when the next one
 * is due makes that one skip, so a slow network never piles requests up.
 */
export function createPoller(tick: () => Promise<unknown> | unknown, intervalMs: number, timers: Timers = defaultTimers): Poller {
  let handle: unknown = null
  let busy = false

  async function run() {
    if (busy) return
    busy = true
    try {
      await tick()
    } catch {
      // A failed refresh keeps what is on screen; the next tick tries again.
    } finally {
      busy = false
    }
  }

  return {
    start() {
      if (handle !== null) return
      handle = timers.setInterval(() => void run(), intervalMs)
    },
    stop() {
      if (handle === null) return
      timers.clearInterval(handle)
      handle = null
    },
    get running() {
      return handle !== null
    }
  }
}
