import { Text, View } from '@tarojs/components'
import { RELATIONSHIP_OPTIONS } from '../../utils/labels'

export interface ChoiceOption<T extends string> {
  value: T
  label: string
  /** Extra classes on this chip, e.g. a test hook. */
  className?: string
}

interface ChoiceChipsProps<T extends string> {
  options: ChoiceOption<T>[]
  value: T
  onChange: (value: T) => void
  /** Extra classes on the row. */
  className?: string
}

/** A row of chips of which one is chosen (gender, relationship, a filter with "全部"). */
export function ChoiceChips<T extends string>({ options, value, onChange, className }: ChoiceChipsProps<T>) {
  return (
    <View className={className ? `chip-row ${className}` : 'chip-row'}>
      {options.map((option) => (
        <View
          key={option.value}
          className={['chip', option.className, option.value === value ? 'chip--active' : ''].filter(Boolean).join(' ')}
          onClick={() => onChange(option.value)}
        >
          <Text>{option.label}</Text>
        </View>
      ))}
    </View>
  )
}

/** The options of a label map, optionally after a first "none" or "all" choice whose value is ''. */
export function choicesOf<K extends string>(labels: Record<K, string>, keys: readonly K[], first?: string): ChoiceOption<K | ''>[] {
  const options: ChoiceOption<K | ''>[] = keys.map((key) => ({ value: key, label: labels[key] }))
  return first ? [{ value: '', label: first }, ...options] : options
}

const RELATIONSHIP_CHOICES: ChoiceOption<string>[] = RELATIONSHIP_OPTIONS.map((relationship) => ({ value: relationship, label: relationship }))

/** How a family member is related to the account holder (the add, edit and link forms). */
export function RelationshipChips({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  return <ChoiceChips options={RELATIONSHIP_CHOICES} value={value} onChange={onChange} />
}
