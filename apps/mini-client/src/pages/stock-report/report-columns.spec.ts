import { describe, expect, it } from '@jest/globals'
import type { DaysLeftRow, UsageRow } from '@clinic/contracts'
import { toCsv } from '../../utils/csv'
import { cellText, DAYS_LEFT_COLUMNS, monthRange, MOVEMENT_COLUMNS, periodProblem, rankUsage, reportCsv, sortDaysLeft, USAGE_COLUMNS, VALUATION_COLUMNS } from './report-columns'

const drug = (name: string) => ({ drugId: name, drugName: name, spec: '0.25g*24粒', unit: '盒' })

describe('cells', () => {
  it('shows money as ¥ on screen and as plain yuan in the file', () => {
    const row = { ...drug('阿莫西林胶囊'), quantity: 12, costFen: 11400, retailFen: 22200 }
    expect(VALUATION_COLUMNS.map((column) => cellText(column, row, 0, 'screen'))).toEqual(['阿莫西林胶囊', '0.25g*24粒', '盒', '12', '¥114.00', '¥222.00'])
    expect(VALUATION_COLUMNS.map((column) => cellText(column, row, 0, 'csv'))).toEqual(['阿莫西林胶囊', '0.25g*24粒', '盒', '12', '114.00', '222.00'])
  })

  it('signs adjustments and writes days with one decimal, or says nobody used the drug', () => {
    const movement = { ...drug('a'), opening: 10, received: 5, dispensed: 3, returned: 1, adjusted: 2, expired: 0, closing: 15 }
    expect(MOVEMENT_COLUMNS.map((column) => cellText(column, movement, 0, 'screen')).slice(3)).toEqual(['10', '5', '3', '1', '+2', '0', '15'])
    const idle: DaysLeftRow = { ...drug('b'), available: 30, used30d: 0, daysLeft: null }
    expect(cellText(DAYS_LEFT_COLUMNS[5], idle, 0, 'screen')).toBe('无用量')
    expect(cellText(DAYS_LEFT_COLUMNS[5], idle, 0, 'csv')).toBe('')
    expect(cellText(DAYS_LEFT_COLUMNS[5], { ...idle, daysLeft: 7 }, 0, 'screen')).toBe('7.0')
    expect(cellText(DAYS_LEFT_COLUMNS[5], { ...idle, daysLeft: 2.46 }, 0, 'screen')).toBe('2.5')
    expect(cellText(DAYS_LEFT_COLUMNS[5], { ...idle, daysLeft: 0.04 }, 0, 'screen')).toBe('0.0')
    expect(cellText(DAYS_LEFT_COLUMNS[5], { ...idle, daysLeft: 1234.5 }, 0, 'csv')).toBe('1234.5')
  })

  it('ranks usage from 1', () => {
    const rows: UsageRow[] = [{ ...drug('a'), quantity: 5, amountFen: 100 }]
    expect(cellText(USAGE_COLUMNS[0], rows[0], 0, 'screen')).toBe('1')
  })
})

describe('CSV', () => {
  it('starts with a byte-order mark for Excel, quotes what needs it and ends lines with CRLF', () => {
    expect(toCsv(['药品', '规格'], [['阿莫西林, 胶囊', '说"明"'], ['a\nb', 'x']])).toBe('\ufeff药品,规格\r\n"阿莫西林, 胶囊","说""明"""\r\n"a\nb",x\r\n')
  })

  it('writes the report with yuan columns marked and a totals line', () => {
    const rows = [{ ...drug('阿莫西林胶囊'), quantity: 12, costFen: 11400, retailFen: 22200 }]
    const text = reportCsv(VALUATION_COLUMNS, rows, ['合计', '', '', '', '114.00', '222.00'])
    expect(text.split('\r\n')).toEqual(['\ufeff药品,规格,单位,数量,成本金额（元）,零售金额（元）', '阿莫西林胶囊,0.25g*24粒,盒,12,114.00,222.00', '合计,,,,114.00,222.00', ''])
  })
})

describe('ordering', () => {
  it('ranks the most used first, ties by amount', () => {
    const rows: UsageRow[] = [
      { ...drug('a'), quantity: 5, amountFen: 100 },
      { ...drug('b'), quantity: 9, amountFen: 50 },
      { ...drug('c'), quantity: 5, amountFen: 300 }
    ]
    expect(rankUsage(rows).map((row) => row.drugName)).toEqual(['b', 'c', 'a'])
  })

  it('puts the fewest days first and the unused last', () => {
    const rows: DaysLeftRow[] = [
      { ...drug('idle'), available: 3, used30d: 0, daysLeft: null },
      { ...drug('slow'), available: 90, used30d: 30, daysLeft: 90 },
      { ...drug('fast'), available: 2, used30d: 30, daysLeft: 2 }
    ]
    expect(sortDaysLeft(rows).map((row) => row.drugName)).toEqual(['fast', 'slow', 'idle'])
  })
})

describe('periods', () => {
  it('defaults to the calendar month, and knows the one before', () => {
    expect(monthRange('2026-11-26')).toEqual({ from: '2026-11-01', to: '2026-11-30' })
    expect(monthRange('2026-02-10')).toEqual({ from: '2026-02-01', to: '2026-02-28' })
    expect(monthRange('2028-02-10')).toEqual({ from: '2028-02-01', to: '2028-02-29' })
    expect(monthRange('2027-01-15', -1)).toEqual({ from: '2026-12-01', to: '2026-12-31' })
  })

  it('refuses dates that are not dates and a range that runs backwards', () => {
    expect(periodProblem('2026-11-01', '2026-11-30')).toBeNull()
    expect(periodProblem('2026-11-31', '2026-12-01')).toBe('开始日期格式应为 YYYY-MM-DD')
    expect(periodProblem('2026-11-01', '')).toBe('结束日期格式应为 YYYY-MM-DD')
    expect(periodProblem('2026-11-02', '2026-11-01')).toBe('结束日期不能早于开始日期')
  })
})
