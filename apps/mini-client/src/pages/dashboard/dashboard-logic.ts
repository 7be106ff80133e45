import type { DashboardReply, FlowStats, Keyed, Minutes, MoneyStats, PaymentMethod, PharmacyStats, Rate, StatsPart } from '@clinic/contracts'
import { PAYMENT_METHOD_LABEL } from '../../utils/billing-labels'
import { formatFen, formatOutFen } from '../../utils/money'
import { monthRange, periodProblem } from '../../utils/period'
import type { ChartItem } from './charts'
import { compactNumber, percentText, shareOf } from './charts/scale'

// 经营看板 as plain data: the periods, the comparison with the previous period, and the figures as chart items.

// --- Periods -------------------------------------------------------------------------------------------------------

export type PeriodPreset = 'this-month' | 'last-month' | 'this-year' | 'custom'

export const PERIOD_PRESETS: { value: PeriodPreset; label: string }[] = [
  { value: 'this-month', label: '本月' },
  { value: 'last-month', label: '上月' },
  { value: 'this-year', label: '今年' },
  { value: 'custom', label: '自定义' }
]

/**
 * The clinic days of a preset, `today` being the clinic's date (clinicToday): 本月 and 今年 run to today, so the
 * previous period the server compares with is as long (the first days of last month, not all of it). Custom: null.
 */
export function presetRange(preset: PeriodPreset, today: string): { from: string; to: string } | null {
  switch (preset) {
    case 'this-month':
      return { from: monthRange(today).from, to: today }
    case 'last-month':
      return monthRange(today, -1)
    case 'this-year':
      return { from: `${today.slice(0, 4)}-01-01`, to: today }
    case 'custom':
      return null
  }
}

/** The server answers at most three years at a time. */
export const MAX_PERIOD_YEARS = 3

/** Why a period cannot be asked for; null when it can. */
export function dashboardPeriodProblem(from: string, to: string): string | null {
  const problem = periodProblem(from, to)
  if (problem) return problem
  const start = from.trim()
  const limit = `${Number(start.slice(0, 4)) + MAX_PERIOD_YEARS}${start.slice(4)}`
  return to.trim() >= limit ? `统计期间最长 ${MAX_PERIOD_YEARS} 年` : null
}

// --- Comparison ----------------------------------------------------------------------------------------------------

export type FigureKind = 'count' | 'money' | 'minutes' | 'rate'
export type Direction = 'up' | 'down' | 'flat'

export interface Change {
  direction: Direction
  /** "↑ 12.5%", "↓ 2.0 个百分点", "持平", "↑ 上期为 0". */
  text: string
}

/**
 * This period against the previous: a percentage of the previous value, except for rates, which move in percentage
 * points. With nothing in the previous period there is no percentage to give; the arrow alone says which way.
 */
export function compare(current: number | null, previous: number | null, kind: FigureKind = 'count'): Change {
  if (current === null || previous === null) return { direction: 'flat', text: '—' }
  if (current === previous) return { direction: 'flat', text: '持平' }
  const direction: Direction = current > previous ? 'up' : 'down'
  const arrow = direction === 'up' ? '↑' : '↓'
  if (kind === 'rate') return { direction, text: `${arrow} ${(Math.abs(current - previous) * 100).toFixed(1)} 个百分点` }
  if (previous === 0) return { direction, text: `${arrow} 上期为 0` }
  const percent = (Math.abs(current - previous) / Math.abs(previous)) * 100
  return { direction, text: `${arrow} ${percent.toFixed(1)}%` }
}

export function figureText(value: number | null, kind: FigureKind): string {
  if (value === null) return '—'
  switch (kind) {
    case 'count':
      return String(value)
    case 'money':
      return formatFen(value)
    case 'minutes':
      return `${value} 分钟`
    case 'rate':
      return percentText(value)
  }
}

export interface Headline {
  /** Also the hook class `dash-headline-<key>`. */
  key: string
  label: string
  value: string
  previous: string
  change: Change
  /** Whether more is better: 爽约率, 候诊 and 退款 going up is bad news. */
  upIsGood: boolean
}

interface HeadlineSpec {
  key: string
  label: string
  kind: FigureKind
  upIsGood: boolean
  pick: (flow: FlowStats, money: MoneyStats) => number | null
}

const HEADLINES: HeadlineSpec[] = [
  { key: 'visits', label: '就诊人次', kind: 'count', upIsGood: true, pick: (flow) => flow.visits },
  { key: 'new-patients', label: '新患者', kind: 'count', upIsGood: true, pick: (flow) => flow.newPatients },
  { key: 'no-show', label: '爽约率', kind: 'rate', upIsGood: false, pick: (flow) => flow.noShowRate.ratio },
  { key: 'wait', label: '平均候诊', kind: 'minutes', upIsGood: false, pick: (flow) => flow.waitMinutes.avg },
  { key: 'net', label: '净收入', kind: 'money', upIsGood: true, pick: (_flow, money) => money.netFen },
  { key: 'received', label: '收款', kind: 'money', upIsGood: true, pick: (_flow, money) => money.receivedFen },
  { key: 'refunded', label: '退款', kind: 'money', upIsGood: false, pick: (_flow, money) => money.refundedFen },
  { key: 'average-bill', label: '客单价', kind: 'money', upIsGood: true, pick: (_flow, money) => money.averageBillFen },
  { key: 'insurance', label: '医保占比', kind: 'rate', upIsGood: true, pick: (_flow, money) => money.insuranceShare.ratio }
]

/** The headline numbers, each with its value in the previous period and the change. */
export function headlines(reply: Pick<DashboardReply, 'flow' | 'money' | 'previous'>): Headline[] {
  return HEADLINES.map((spec) => {
    const current = spec.pick(reply.flow, reply.money)
    const previous = spec.pick(reply.previous.flow, reply.previous.money)
    const value = spec.key === 'refunded' && current !== null ? formatOutFen(current) : figureText(current, spec.kind)
    const before = spec.key === 'refunded' && previous !== null ? formatOutFen(previous) : figureText(previous, spec.kind)
    return { key: spec.key, label: spec.label, value, previous: before, change: compare(current, previous, spec.kind), upIsGood: spec.upIsGood }
  })
}

/** The class of a change: good news, bad news or neither (a test hook too). */
export function changeClass(headline: Pick<Headline, 'change' | 'upIsGood'>): string {
  const { direction } = headline.change
  if (direction === 'flat') return 'dash-change dash-change--flat'
  const good = (direction === 'up') === headline.upIsGood
  return `dash-change dash-change--${direction} ${good ? 'dash-change--good' : 'dash-change--bad'}`
}

// --- Figures as chart items ----------------------------------------------------------------------------------------

/** The key of a row that has none (no department, no doctor). */
export const NO_KEY = '(none)'

/** "11/5" for 2026-11-05: short enough to sit under a bar. */
export function dayLabel(date: string): string {
  return `${Number(date.slice(5, 7))}/${Number(date.slice(8, 10))}`
}

export function dayItems(rows: readonly Keyed[], money = false): ChartItem[] {
  return rows.map((row) => ({
    key: row.key ?? NO_KEY,
    label: row.key ? dayLabel(row.key) : row.label,
    value: row.value,
    // Whole yuan on the narrow bars; the full amount is in the day's figures.
    valueText: money ? compactNumber(row.value / 100) : compactNumber(row.value)
  }))
}

export function hourItems(rows: readonly Keyed[]): ChartItem[] {
  return rows.map((row) => ({ key: row.key ?? NO_KEY, label: `${row.key ?? row.label}时`, value: row.value, valueText: String(row.value) }))
}

const NO_KEY_LABEL = { department: '未指定科室', doctor: '未指定医生', method: '其他' } as const

/** A ranking, largest first, the row without a key last; money rows written as money. */
export function rankItems(rows: readonly Keyed[], kind: 'count' | 'money', noKey: keyof typeof NO_KEY_LABEL): ChartItem[] {
  const total = rows.reduce((sum, row) => sum + Math.max(0, row.value), 0)
  return [...rows]
    .sort((a, b) => Number(a.key === null) - Number(b.key === null) || b.value - a.value)
    .map((row) => ({
      key: row.key ?? NO_KEY,
      label: row.label || (row.key === null ? NO_KEY_LABEL[noKey] : row.key),
      value: row.value,
      valueText: kind === 'money' ? formatFen(row.value) : String(row.value),
      detail: `占 ${percentText(shareOf(Math.max(0, row.value), total))}`
    }))
}

/** By payment method: the server's label, else ours. */
export function methodItems(rows: readonly Keyed[]): ChartItem[] {
  return rankItems(
    rows.map((row) => ({ ...row, label: row.label || (row.key && row.key in PAYMENT_METHOD_LABEL ? PAYMENT_METHOD_LABEL[row.key as PaymentMethod] : '') })),
    'money',
    'method'
  )
}

export function channelItems(channel: FlowStats['bookingChannel']): ChartItem[] {
  const total = channel.wechat + channel.desk + channel.walkIn
  return [
    { key: 'wechat', label: '微信预约', value: channel.wechat },
    { key: 'desk', label: '前台预约', value: channel.desk },
    { key: 'walk-in', label: '现场挂号', value: channel.walkIn }
  ].map((item) => ({ ...item, valueText: String(item.value), detail: `占 ${percentText(shareOf(item.value, total))}` }))
}

/** Top diagnoses or chapters with their trend against the previous period. */
export function trendItems(rows: readonly { key: string; label: string; count: number; previousCount: number }[]): ChartItem[] {
  return rows.map((row) => ({
    key: row.key,
    label: row.label,
    value: row.count,
    valueText: String(row.count),
    detail: `上期 ${row.previousCount} · ${compare(row.count, row.previousCount).text}`
  }))
}

/** Drugs by what they were dispensed for (units differ from drug to drug, money does not). */
export function usageItems(usage: PharmacyStats['usage']): ChartItem[] {
  return [...usage]
    .sort((a, b) => b.amountFen - a.amountFen || b.quantity - a.quantity)
    .map((row) => ({ key: row.drugId, label: row.name, value: row.amountFen, valueText: formatFen(row.amountFen), detail: `${row.spec} · ${row.quantity} ${row.unit}` }))
}

/** Fewer days left than this is flagged. */
export const DAYS_LEFT_WARNING = 7

/** The drugs that run out soonest first; those not used (no estimate) last. */
export function soonestOut(rows: PharmacyStats['daysLeft']): PharmacyStats['daysLeft'] {
  return [...rows].sort((a, b) => (a.daysLeft ?? Infinity) - (b.daysLeft ?? Infinity) || a.name.localeCompare(b.name))
}

export function daysLeftText(days: number | null): string {
  return days === null ? '近期未用' : `${Math.floor(days)} 天`
}

export function minutesText(minutes: Minutes): string {
  if (minutes.avg === null) return '暂无记录'
  return `平均 ${minutes.avg} 分钟 · P90 ${minutes.p90 ?? '—'} 分钟（${minutes.count} 次）`
}

export function rateText(rate: Rate): string {
  return `${rate.numerator} / ${rate.denominator}`
}

// --- Export --------------------------------------------------------------------------------------------------------

export const PART_LABEL: Record<StatsPart, string> = { flow: '就诊流量', clinical: '临床', pharmacy: '药房', money: '收入' }

export function exportFileName(part: StatsPart, period: { from: string; to: string }): string {
  return `经营看板-${PART_LABEL[part]}-${period.from}至${period.to}.xlsx`
}
