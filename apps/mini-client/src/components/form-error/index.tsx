import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'

interface FormErrorProps {
  /** The hook for this form's error box, e.g. `reg-error`. */
  className: string
  /** The server's answer, already in Chinese; nothing is shown without one. */
  message?: string
  /** One line per refused field. */
  lines?: string[]
  /** Shown under the lines, e.g. a "link instead" button. */
  children?: ReactNode
}

/** The box under a form that says why the server refused the last submit. */
export default function FormError({ className, message, lines, children }: FormErrorProps) {
  if (!message) return null
  return (
    <View className={`form-error ${className}`}>
      <Text className='form-error-title'>{message}</Text>
      {(lines ?? []).map((line) => (
        <Text key={line} className='form-error-line'>
          {line}
        </Text>
      ))}
      {children}
    </View>
  )
}
