import { Button, Text, View } from '@tarojs/components'

interface PagerProps {
  page: number
  pageSize: number
  total: number
  busy?: boolean
  onChange: (page: number) => void
}

export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / Math.max(1, pageSize)))
}

/** 上一页 / 第 n / m 页 / 下一页; hidden when everything fits on one page. */
export default function Pager({ page, pageSize, total, busy, onChange }: PagerProps) {
  const pages = pageCount(total, pageSize)
  if (pages <= 1) return null
  const canBack = page > 1 && !busy
  const canForward = page < pages && !busy
  return (
    <View className='pager'>
      <Button className={`secondary-button pager-prev ${canBack ? '' : 'is-disabled'}`} onClick={() => canBack && onChange(page - 1)}>
        上一页
      </Button>
      <Text className='pager-text'>
        第 {page} / {pages} 页
      </Text>
      <Button className={`secondary-button pager-next ${canForward ? '' : 'is-disabled'}`} onClick={() => canForward && onChange(page + 1)}>
        下一页
      </Button>
    </View>
  )
}
