import type { DaysLeftRow, MovementRow, StockValuationReply, UsageRow } from '@clinic/contracts'
import { toCsv } from '../../utils/csv'
import { fenToYuanText, formatFen } from '../../utils/money'

// The four reports as columns, one definition for the table on screen and for the CSV file.

export type ReportTab = 'valuation' | 'movements' | 'usage' | 'days-left'

export const REPORT_TABS: { value: ReportTab; label: string; period: boolean }[] = [
  { value: 'valuation', label: '库存金额', period: false },
  { value: 'movements', label: '进销存', period: true },
  { value: 'usage', label: '用量排行', period: true },
  { value: 'days-left', label: '可用天数', period: false }
]

/** text: as is; count: whole units; signed: units with + for a gain; money: fen; days: one decimal or none. */
export type CellKind = 'text' | 'count' | 'signed' | 'money' | 'days'

export interface Column<R> {
  title: string
  kind: CellKind
  value: (row: R, index: number) => string | number | null
  /** The drug's name: the wide column. */
  wide?: boolean
}

interface Drugish {
  drugName: string
  spec: string
  unit: string
}

const DRUG_COLUMNS: Column<Drugish>[] = [
  { title: '药品', kind: 'text', value: (row) => row.drugName, wide: true },
  { title: '规格', kind: 'text', value: (row) => row.spec },
  { title: '单位', kind: 'text', value: (row) => row.unit }
]

export const VALUATION_COLUMNS: Column<StockValuationReply['rows'][number]>[] = [
  ...DRUG_COLUMNS,
  { title: '数量', kind: 'count', value: (row) => row.quantity },
  { title: '成本金额', kind: 'money', value: (row) => row.costFen },
  { title: '零售金额', kind: 'money', value: (row) => row.retailFen }
]

export const MOVEMENT_COLUMNS: Column<MovementRow>[] = [
  ...DRUG_COLUMNS,
  { title: '期初', kind: 'count', value: (row) => row.opening },
  { title: '入库', kind: 'count', value: (row) => row.received },
  { title: '发药', kind: 'count', value: (row) => row.dispensed },
  { title: '退药', kind: 'count', value: (row) => row.returned },
  { title: '盘点调整', kind: 'signed', value: (row) => row.adjusted },
  { title: '过期', kind: 'count', value: (row) => row.expired },
  { title: '期末', kind: 'count', value: (row) => row.closing }
]

export const USAGE_COLUMNS: Column<UsageRow>[] = [
  { title: '排名', kind: 'count', value: (_row, index) => index + 1 },
  ...DRUG_COLUMNS,
  { title: '用量', kind: 'count', value: (row) => row.quantity },
  { title: '金额', kind: 'money', value: (row) => row.amountFen }
]

export const DAYS_LEFT_COLUMNS: Column<DaysLeftRow>[] = [
  ...DRUG_COLUMNS,
  { title: '可用', kind: 'count', value: (row) => row.available },
  { title: '近 30 天用量', kind: 'count', value: (row) => row.used30d },
  { title: '可用天数', kind: 'days', value: (row) => row.daysLeft }
]

/** Days to one decimal: 7 → "7.0", 2.46 → "2.5". Whole tenths as digits, like the money helpers; no digit grouping, so the CSV cell stays a number. */
function oneDecimal(value: number): string {
  const tenths = Math.round(Math.abs(value) * 10)
  const sign = value < 0 && tenths > 0 ? '-' : ''
  return `${sign}${Math.floor(tenths / 10)}.${tenths % 10}`
}

/** A cell as shown (¥12.50) or as written to the CSV (12.50, which spreadsheets read as a number). */
export function cellText<R>(column: Column<R>, row: R, index: number, target: 'screen' | 'csv'): string {
  const value = column.value(row, index)
  if (value === null) return column.kind === 'days' ? (target === 'screen' ? '无用量' : '') : ''
  if (typeof value === 'string') return value
  switch (column.kind) {
    case 'money':
      return target === 'screen' ? formatFen(value) : fenToYuanText(value)
    case 'signed':
      return value > 0 ? `+${value}` : String(value)
    case 'days':
      return oneDecimal(value)
    default:
      return String(value)
  }
}

/** The column titles, money columns marked as yuan in the file. */
function csvHeader<R>(columns: readonly Column<R>[]): string[] {
  return columns.map((column) => (column.kind === 'money' ? `${column.title}（元）` : column.title))
}

/** The report as a CSV document, optionally with a totals line under it. */
export function reportCsv<R>(columns: readonly Column<R>[], rows: readonly R[], totals?: readonly string[]): string {
  const body = rows.map((row, index) => columns.map((column) => cellText(column, row, index, 'csv')))
  return toCsv(csvHeader(columns), totals ? [...body, [...totals]] : body)
}

/** Most used first; ties by amount, then by name so the order is stable. */
export function rankUsage(rows: readonly UsageRow[]): UsageRow[] {
  return [...rows].sort((a, b) => b.quantity - a.quantity || b.amountFen - a.amountFen || a.drugName.localeCompare(b.drugName))
}

/** Fewest days first; drugs nobody used (null) last. */
export function sortDaysLeft(rows: readonly DaysLeftRow[]): DaysLeftRow[] {
  return [...rows].sort((a, b) => {
    if (a.daysLeft === null || b.daysLeft === null) return a.daysLeft === null ? (b.daysLeft === null ? 0 : 1) : -1
    return a.daysLeft - b.daysLeft
  })
}

/** Days of stock under which a drug is flagged: about a week's reorder lead time. */
export const DAYS_LEFT_WARNING = 7

// The period helpers moved to utils/period (the revenue report uses them too).
export { monthRange, periodProblem } from '../../utils/period'
