import { describe, expect, it } from '@jest/globals'
import { createPoller, REFRESH_MS, type Timers } from './polling'

/** Timers the test moves by hand. */
function manualTimers() {
  const handlers = new Map<number, () => void>()
  let next = 1
  const timers: Timers = {
    setInterval(handler) {
      handlers.set(next, handler)
      return next++
    },
    clearInterval(handle) {
      handlers.delete(handle as number)
    }
  }
  return { timers, fire: () => [...handlers.values()].forEach((handler) => handler()), active: () => handlers.size }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('createPoller', () => {
  it('ticks only while started, and a second start does not double the ticks', async () => {
    const clock = manualTimers()
    let ticks = 0
    const poller = createPoller(() => ticks++, 15_000, clock.timers)
    clock.fire()
    expect(ticks).toBe(0)
    poller.start()
    poller.start()
    expect(clock.active()).toBe(1)
    clock.fire()
    await settle()
    clock.fire()
    await settle()
    expect(ticks).toBe(2)
    poller.stop()
    expect(poller.running).toBe(false)
    clock.fire()
    expect(ticks).toBe(2)
  })

  it('skips a tick while the previous refresh is still waiting for its answer', async () => {
    const clock = manualTimers()
    let calls = 0
    let answer: () => void = () => undefined
    const poller = createPoller(
      () =>
        new Promise<void>((resolve) => {
          calls++
          answer = resolve
        }),
      5_000,
      clock.timers
    )
    poller.start()
    clock.fire()
    clock.fire()
    clock.fire()
    expect(calls).toBe(1)
    answer()
    await settle()
    clock.fire()
    expect(calls).toBe(2)
  })

  it('keeps ticking after a failed refresh', async () => {
    const clock = manualTimers()
    let calls = 0
    const poller = createPoller(() => {
      calls++
      return Promise.reject(new Error('offline'))
    }, 5_000, clock.timers)
    poller.start()
    clock.fire()
    await settle()
    clock.fire()
    await settle()
    expect(calls).toBe(2)
  })

  it('refreshes the waiting-room screen every 5 s and the patient position every 15 s', () => {
    expect(REFRESH_MS.queueDisplay).toBe(5_000)
    expect(REFRESH_MS.queuePosition).toBe(15_000)
  })
})
