import { useEffect, useRef } from 'react'
import { useDidHide, useDidShow } from '@tarojs/taro'
import { createPoller, type Poller } from './polling'

/**
 * Runs `tick` every `intervalMs` while the page is shown and `enabled`; pauses when it is hidden (another page on
 * top, the app in the background) and stops on unmount. The latest `tick` is used, so it may read fresh state.
 */
export function usePolling(tick: () => Promise<unknown> | unknown, intervalMs: number, enabled = true): void {
  const latest = useRef(tick)
  latest.current = tick
  const poller = useRef<Poller | null>(null)
  const shown = useRef(true)

  if (!poller.current) poller.current = createPoller(() => latest.current(), intervalMs)

  useEffect(() => {
    const current = poller.current as Poller
    if (enabled && shown.current) current.start()
    else current.stop()
    return () => current.stop()
  }, [enabled])

  useDidShow(() => {
    shown.current = true
    if (enabled) poller.current?.start()
  })

  useDidHide(() => {
    shown.current = false
    poller.current?.stop()
  })
}
