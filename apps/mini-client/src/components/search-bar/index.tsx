import { Button, Input, View } from '@tarojs/components'

interface SearchBarProps {
  /** The hook on the box around the input (tests reach the input as `.<className> input`). */
  className: string
  /** The hook on the search button. */
  submitClassName: string
  value: string
  placeholder: string
  onChange: (value: string) => void
  /** Run by the button and by the keyboard's search key. */
  onSearch: () => void
}

const QUERY_MAX = 50

/** A search box with its button, as above the patient and staff lists. */
export default function SearchBar(props: SearchBarProps) {
  const search = () => props.onSearch()
  return (
    <View className='search-bar'>
      <View className={`search-field ${props.className}`}>
        <Input
          className='field-input'
          type='text'
          value={props.value}
          maxlength={QUERY_MAX}
          confirmType='search'
          placeholder={props.placeholder}
          onInput={(e) => props.onChange(e.detail.value)}
          onConfirm={search}
        />
      </View>
      <Button className={`secondary-button ${props.submitClassName}`} onClick={search}>
        搜索
      </Button>
    </View>
  )
}
