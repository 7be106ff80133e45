import { ScrollView, Text, View } from '@tarojs/components'
import { labelEvery, percentText, ringBackground, scaleToMax, showsLabel } from './scale'

// The dashboard's charts, drawn from Views (see scale.ts for why). Every bar writes its figure as text as well, so
// the numbers can be read (and found by a test) without the drawing.

export interface ChartItem {
  /** Stable key; also what a tap hands back. */
  key: string
  /** Under the bar, or left of a ranking row. */
  label: string
  value: number
  /** The figure written on the bar (e.g. "¥12.50", "1.2万"); the value itself when absent. */
  valueText?: string
  /** A second line under a ranking row (e.g. "上期 12 · ↑ 25.0%"). */
  detail?: string
}

interface BarChartProps {
  items: readonly ChartItem[]
  /** Hook classes, e.g. `dash-chart-visits-by-day`. */
  className?: string
  /** How many labels fit under the bars on a phone; the rest are thinned out. */
  labelRoom?: number
  onSelect?: (item: ChartItem) => void
  /** The key of the bar to draw as chosen. */
  chosen?: string
  empty?: string
}

/** Vertical bars (by day, by hour). A phone scrolls a long series sideways; a tablet shows it whole. */
export function BarChart({ items, className, labelRoom = 8, onSelect, chosen, empty = '没有数据' }: BarChartProps) {
  if (!items.length || items.every((item) => item.value === 0)) return <View className='chart-empty'>{empty}</View>
  const heights = scaleToMax(items.map((item) => item.value))
  const every = labelEvery(items.length, labelRoom)
  return (
    <ScrollView className={`chart-scroll ${className ?? ''}`} scrollX>
      <View className='chart-bars'>
        {items.map((item, index) => (
          <View
            key={item.key}
            className={`chart-col ${onSelect ? 'chart-col--tappable' : ''} ${chosen === item.key ? 'chart-col--chosen' : ''}`}
            onClick={onSelect ? () => onSelect(item) : undefined}
          >
            <Text className='chart-value'>{item.valueText ?? String(item.value)}</Text>
            <View className='chart-track'>
              <View className={`chart-bar chart-bar-${index}`} style={{ height: `${heights[index]}%` }} />
            </View>
            <Text className='chart-label'>{showsLabel(index, items.length, every) ? item.label : ''}</Text>
          </View>
        ))}
      </View>
    </ScrollView>
  )
}

interface RankBarsProps {
  items: readonly ChartItem[]
  className?: string
  onSelect?: (item: ChartItem) => void
  empty?: string
}

/** A ranking: one row per item, its bar as long as its share of the largest, the figure at the end. */
export function RankBars({ items, className, onSelect, empty = '没有数据' }: RankBarsProps) {
  if (!items.length) return <View className='chart-empty'>{empty}</View>
  const widths = scaleToMax(items.map((item) => item.value))
  return (
    <View className={`chart-rank ${className ?? ''}`}>
      {items.map((item, index) => (
        <View
          key={item.key}
          className={`chart-rank-row ${onSelect ? 'chart-rank-row--tappable' : ''}`}
          hoverClass={onSelect ? 'chart-rank-row--pressed' : 'none'}
          onClick={onSelect ? () => onSelect(item) : undefined}
        >
          <View className='chart-rank-head'>
            <Text className='chart-rank-label'>{item.label}</Text>
            <Text className='chart-rank-value'>{item.valueText ?? String(item.value)}</Text>
          </View>
          <View className='chart-rank-track'>
            <View className='chart-rank-bar' style={{ width: `${widths[index]}%` }} />
          </View>
          {item.detail ? <Text className='chart-rank-detail'>{item.detail}</Text> : null}
        </View>
      ))}
    </View>
  )
}

interface RingProps {
  /** 0..1 */
  ratio: number
  label: string
  /** Under the label, e.g. "3 / 40". */
  detail?: string
  className?: string
}

const RING_FILL = '#0f766e'
const RING_TRACK = '#e6f4f1'

/** A rate as a ring with its percentage written in the middle. */
export function Ring({ ratio, label, detail, className }: RingProps) {
  return (
    <View className={`chart-ring-box ${className ?? ''}`}>
      <View className='chart-ring' style={{ background: ringBackground(ratio, RING_FILL, RING_TRACK) }}>
        <View className='chart-ring-hole'>
          <Text className='chart-ring-value'>{percentText(ratio)}</Text>
        </View>
      </View>
      <Text className='chart-ring-label'>{label}</Text>
      {detail ? <Text className='chart-ring-detail'>{detail}</Text> : null}
    </View>
  )
}
