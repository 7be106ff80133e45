import type { ReactNode } from 'react'
import { Input, Text, Textarea, View } from '@tarojs/components'
import type { InputProps } from '@tarojs/components/types/Input'
import type { TextareaProps } from '@tarojs/components/types/Textarea'

export function FieldError({ message }: { message?: string }) {
  return message ? <Text className='field-error'>{message}</Text> : null
}

interface FieldProps {
  label: ReactNode
  /** Extra classes on the wrapper, e.g. the hook `reg-name` that tests reach the input by (`.reg-name input`). */
  className?: string
  /** The validation message; while there is one, `note` is not shown. */
  error?: string
  /** Live feedback under the control (e.g. the ID card check), shown when there is no error. */
  note?: ReactNode
  /** A standing hint, last. */
  hint?: ReactNode
  children: ReactNode
}

/** A labelled form field: label, the control(s), then the error or a note, then a hint. */
export function Field({ label, className, error, note, hint, children }: FieldProps) {
  return (
    <View className={className ? `field ${className}` : 'field'}>
      <Text className='field-label'>{label}</Text>
      {children}
      {error ? <FieldError message={error} /> : note ?? null}
      {hint ?? null}
    </View>
  )
}

type FieldFrame = Omit<FieldProps, 'children'>

type InputFieldProps = FieldFrame &
  Omit<InputProps, 'className' | 'onInput'> & {
    /** Called with the typed text. */
    onValue: (value: string) => void
  }

/** A labelled single-line input (the common case of Field). */
export function InputField({ label, className, error, note, hint, onValue, ...input }: InputFieldProps) {
  return (
    <Field label={label} className={className} error={error} note={note} hint={hint}>
      <Input className='field-input' {...input} onInput={(e) => onValue(e.detail.value)} />
    </Field>
  )
}

type TextareaFieldProps = FieldFrame &
  Omit<TextareaProps, 'className' | 'onInput'> & {
    onValue: (value: string) => void
  }

/** A labelled multi-line input. */
export function TextareaField({ label, className, error, note, hint, onValue, ...textarea }: TextareaFieldProps) {
  return (
    <Field label={label} className={className} error={error} note={note} hint={hint}>
      <Textarea className='field-textarea' {...textarea} onInput={(e) => onValue(e.detail.value)} />
    </Field>
  )
}
