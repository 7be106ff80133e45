import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'

interface DialogProps {
  /** The hook for this dialog (`cashier-refund-dialog`), on the panel. */
  className: string
  title: string
  onClose: () => void
  children: ReactNode
}

/** A panel over the page with a dimmed backdrop; tapping the backdrop or 关闭 closes it (nothing is sent). */
export default function Dialog({ className, title, onClose, children }: DialogProps) {
  return (
    <View className='cashier-dialog-mask' catchMove onClick={onClose}>
      <View className={`cashier-dialog ${className}`} onClick={(e) => e.stopPropagation()}>
        <View className='cashier-dialog-header'>
          <Text className='cashier-dialog-title'>{title}</Text>
          <Text className='link-text cashier-dialog-close' onClick={onClose}>
            关闭
          </Text>
        </View>
        <View className='cashier-dialog-body'>{children}</View>
      </View>
    </View>
  )
}
