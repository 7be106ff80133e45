import { Button, Text, View } from '@tarojs/components'

/** Something a page fetches: loading, failed with a message in Chinese, or ready with what `Ready` holds. */
export type LoadState<Ready extends object> = { status: 'loading' } | { status: 'error'; message: string } | ({ status: 'ready' } & Ready)

/** A fetched value under `value`, e.g. `Loaded<ScheduleReply[]>`. */
export type Loaded<T> = LoadState<{ value: T }>

interface ListStateProps {
  /** The page's load state; 'idle' (nothing asked for yet) shows as loading, 'ready' shows nothing. */
  state: { status: 'idle' | 'loading' | 'ready' } | { status: 'error'; message: string }
  /** Shows a 重试 button under the error. Without one, the error is a single line of text. */
  onRetry?: () => void
  /** More classes for the loading and error box, e.g. `card`. */
  className?: string
}

/** What a list shows before its rows arrive: 正在加载…, or why it failed and 重试. */
export default function ListState({ state, onRetry, className }: ListStateProps) {
  const boxClass = className ? `${className} empty-state` : 'empty-state'
  if (state.status === 'idle' || state.status === 'loading') return <View className={boxClass}>正在加载…</View>
  if (state.status !== 'error') return null
  if (!onRetry) return <Text className='list-error'>{state.message}</Text>
  return (
    <View className={boxClass}>
      <Text className='list-error'>{state.message}</Text>
      <Button className='secondary-button' onClick={() => onRetry()}>
        重试
      </Button>
    </View>
  )
}
