import type { ReactNode } from 'react'
import { Button, Input, Picker, View } from '@tarojs/components'
import { Field } from '../field'
import { formatLocalDate, parseLocalDate } from '../../utils/time'
import './index.scss'

interface DateFieldProps {
  label: ReactNode
  /** The hook on the wrapper (tests type into `.<className> input`). */
  className?: string
  /** YYYY-MM-DD, or whatever has been typed so far. */
  value: string
  error?: string
  hint?: ReactNode
  /** The picker's range, YYYY-MM-DD. */
  start?: string
  end?: string
  onChange: (value: string) => void
}

/** A calendar date: typed as YYYY-MM-DD (quick with a keyboard) or chosen in the platform's date picker. */
export default function DateField({ label, className, value, error, hint, start, end, onChange }: DateFieldProps) {
  // The picker needs a real date to open on; until one is typed it opens on today.
  const pickerValue = parseLocalDate(value) ? value : formatLocalDate(new Date())
  return (
    <Field label={label} className={className} error={error} hint={hint}>
      <View className='date-field'>
        <Input className='field-input' type='text' value={value} maxlength={10} placeholder='YYYY-MM-DD' onInput={(e) => onChange(e.detail.value)} />
        <Picker mode='date' value={pickerValue} start={start} end={end} onChange={(e) => onChange(e.detail.value)}>
          <Button className='secondary-button date-field-pick'>选择</Button>
        </Picker>
      </View>
    </Field>
  )
}
