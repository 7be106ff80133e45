import { describe, expect, it } from '@jest/globals'
import type { FlowStats, MoneyStats } from '@clinic/contracts'
import {
  changeClass,
  channelItems,
  compare,
  dashboardPeriodProblem,
  dayItems,
  exportFileName,
  headlines,
  methodItems,
  presetRange,
  rankItems,
  soonestOut,
  trendItems,
  usageItems
} from './dashboard-logic'

const rate = (numerator: number, denominator: number) => ({ numerator, denominator, ratio: denominator ? Math.round((numerator / denominator) * 10_000) / 10_000 : 0 })

function flow(overrides: Partial<FlowStats> = {}): FlowStats {
  return {
    from: '2026-11-01',
    to: '2026-11-26',
    visits: 0,
    visitsByDay: [],
    visitsByHour: [],
    newPatients: 0,
    returningPatients: 0,
    byDepartment: [],
    byDoctor: [],
    bookingChannel: { wechat: 0, desk: 0, walkIn: 0 },
    noShowRate: rate(0, 0),
    waitMinutes: { avg: null, p90: null, count: 0 },
    consultationMinutes: { avg: null, p90: null, count: 0 },
    ...overrides
  }
}

function money(overrides: Partial<MoneyStats> = {}): MoneyStats {
  return {
    from: '2026-11-01',
    to: '2026-11-26',
    receivedFen: 0,
    refundedFen: 0,
    netFen: 0,
    byDay: [],
    byMethod: [],
    byDepartment: [],
    byDoctor: [],
    insuranceShare: rate(0, 0),
    averageBillFen: 0,
    bills: 0,
    ...overrides
  }
}

describe('period presets (clinic days)', () => {
  it('本月 and 今年 run to today; 上月 is the whole of last month', () => {
    expect(presetRange('this-month', '2026-11-26')).toEqual({ from: '2026-11-01', to: '2026-11-26' })
    expect(presetRange('last-month', '2026-11-26')).toEqual({ from: '2026-10-01', to: '2026-10-31' })
    expect(presetRange('this-year', '2026-11-26')).toEqual({ from: '2026-01-01', to: '2026-11-26' })
    expect(presetRange('custom', '2026-11-26')).toBeNull()
  })

  it('crosses the year and knows February', () => {
    expect(presetRange('last-month', '2026-01-15')).toEqual({ from: '2025-12-01', to: '2025-12-31' })
    expect(presetRange('last-month', '2028-03-01')).toEqual({ from: '2028-02-01', to: '2028-02-29' })
    expect(presetRange('this-month', '2026-01-01')).toEqual({ from: '2026-01-01', to: '2026-01-01' })
  })

  it('refuses a reversed, malformed or longer than three years period', () => {
    expect(dashboardPeriodProblem('2026-11-01', '2026-11-26')).toBeNull()
    expect(dashboardPeriodProblem('2026-11-26', '2026-11-01')).toBe('结束日期不能早于开始日期')
    expect(dashboardPeriodProblem('2026-11', '2026-11-26')).toBe('开始日期格式应为 YYYY-MM-DD')
    expect(dashboardPeriodProblem('2023-11-27', '2026-11-26')).toBeNull()
    expect(dashboardPeriodProblem('2023-11-26', '2026-11-26')).toBe('统计期间最长 3 年')
  })
})

describe('compare with the previous period', () => {
  it('gives the change as a percentage of the previous value', () => {
    expect(compare(125, 100)).toEqual({ direction: 'up', text: '↑ 25.0%' })
    expect(compare(97, 100)).toEqual({ direction: 'down', text: '↓ 3.0%' })
    expect(compare(1, 3)).toEqual({ direction: 'down', text: '↓ 66.7%' })
    expect(compare(40, 40)).toEqual({ direction: 'flat', text: '持平' })
  })

  it('gives no percentage when the previous period had nothing', () => {
    expect(compare(12, 0)).toEqual({ direction: 'up', text: '↑ 上期为 0' })
    expect(compare(0, 0)).toEqual({ direction: 'flat', text: '持平' })
    expect(compare(-500, 0)).toEqual({ direction: 'down', text: '↓ 上期为 0' })
  })

  it('measures from a negative previous value by its size', () => {
    expect(compare(100, -100)).toEqual({ direction: 'up', text: '↑ 200.0%' })
  })

  it('moves rates in percentage points, and says nothing about unmeasured figures', () => {
    expect(compare(0.125, 0.1, 'rate')).toEqual({ direction: 'up', text: '↑ 2.5 个百分点' })
    expect(compare(0.1, 0, 'rate')).toEqual({ direction: 'up', text: '↑ 10.0 个百分点' })
    expect(compare(12, null, 'minutes')).toEqual({ direction: 'flat', text: '—' })
  })
})

describe('headlines', () => {
  const reply = {
    flow: flow({ visits: 120, newPatients: 30, noShowRate: rate(3, 60), waitMinutes: { avg: 14, p90: 30, count: 100 } }),
    money: money({ receivedFen: 1_200_000, refundedFen: 20_000, netFen: 1_180_000, averageBillFen: 9_833, bills: 120, insuranceShare: rate(600_000, 1_200_000) }),
    previous: {
      flow: flow({ visits: 100, newPatients: 0, noShowRate: rate(2, 50), waitMinutes: { avg: null, p90: null, count: 0 } }),
      money: money({ receivedFen: 1_000_000, refundedFen: 40_000, netFen: 960_000, averageBillFen: 10_000, bills: 100, insuranceShare: rate(400_000, 1_000_000) })
    }
  }

  it('shows each figure with the previous value and the change', () => {
    const byKey = Object.fromEntries(headlines(reply).map((item) => [item.key, item]))
    expect(byKey.visits).toMatchObject({ value: '120', previous: '100', change: { direction: 'up', text: '↑ 20.0%' } })
    expect(byKey['new-patients']).toMatchObject({ value: '30', previous: '0', change: { text: '↑ 上期为 0' } })
    expect(byKey['no-show']).toMatchObject({ value: '5.0%', previous: '4.0%', change: { text: '↑ 1.0 个百分点' } })
    expect(byKey.wait).toMatchObject({ value: '14 分钟', previous: '—', change: { text: '—' } })
    expect(byKey.net).toMatchObject({ value: '¥11800.00', previous: '¥9600.00', change: { text: '↑ 22.9%' } })
    expect(byKey.refunded).toMatchObject({ value: '-¥200.00', previous: '-¥400.00', change: { direction: 'down', text: '↓ 50.0%' } })
    expect(byKey['average-bill']).toMatchObject({ value: '¥98.33', change: { text: '↓ 1.7%' } })
    expect(byKey.insurance).toMatchObject({ value: '50.0%', previous: '40.0%', change: { text: '↑ 10.0 个百分点' } })
  })

  it('colours a change by whether it is good news', () => {
    const byKey = Object.fromEntries(headlines(reply).map((item) => [item.key, item]))
    expect(changeClass(byKey.visits)).toBe('dash-change dash-change--up dash-change--good')
    expect(changeClass(byKey['no-show'])).toBe('dash-change dash-change--up dash-change--bad')
    expect(changeClass(byKey.refunded)).toBe('dash-change dash-change--down dash-change--good')
    expect(changeClass(byKey.wait)).toBe('dash-change dash-change--flat')
  })
})

describe('figures as chart items', () => {
  it('labels days short and writes money bars in whole yuan', () => {
    expect(dayItems([{ key: '2026-11-05', label: '2026-11-05', value: 1_234_500 }], true)).toEqual([{ key: '2026-11-05', label: '11/5', value: 1_234_500, valueText: '1.2万' }])
    expect(dayItems([{ key: '2026-11-05', label: '', value: 7 }])[0]).toMatchObject({ label: '11/5', valueText: '7' })
  })

  it('ranks largest first with the share of the total, the row without a key last', () => {
    const items = rankItems(
      [
        { key: null, label: '', value: 500 },
        { key: 'd-1', label: '内科', value: 300 },
        { key: 'd-2', label: '儿科', value: 1_200 }
      ],
      'money',
      'department'
    )
    expect(items.map((item) => [item.key, item.label, item.valueText, item.detail])).toEqual([
      ['d-2', '儿科', '¥12.00', '占 60.0%'],
      ['d-1', '内科', '¥3.00', '占 15.0%'],
      ['(none)', '未指定科室', '¥5.00', '占 25.0%']
    ])
  })

  it('names payment methods the server left unlabelled', () => {
    expect(methodItems([{ key: 'INSURANCE', label: '', value: 100 }])[0].label).toBe('医保')
  })

  it('splits booking channels', () => {
    expect(channelItems({ wechat: 6, desk: 3, walkIn: 1 }).map((item) => [item.label, item.detail])).toEqual([
      ['微信预约', '占 60.0%'],
      ['前台预约', '占 30.0%'],
      ['现场挂号', '占 10.0%']
    ])
  })

  it('gives diagnoses their trend', () => {
    expect(trendItems([{ key: 'J06.9', label: '上呼吸道感染', count: 30, previousCount: 20 }])[0].detail).toBe('上期 20 · ↑ 50.0%')
    expect(trendItems([{ key: 'J06.9', label: '上呼吸道感染', count: 3, previousCount: 0 }])[0].detail).toBe('上期 0 · ↑ 上期为 0')
  })

  it('ranks drugs by money (their units differ) and lists the soonest to run out first', () => {
    const usage = [
      { drugId: 'a', name: '甲', spec: '10mg', unit: '盒', quantity: 100, amountFen: 1_000 },
      { drugId: 'b', name: '乙', spec: '5ml', unit: '支', quantity: 3, amountFen: 9_000 }
    ]
    expect(usageItems(usage).map((item) => [item.key, item.detail])).toEqual([
      ['b', '5ml · 3 支'],
      ['a', '10mg · 100 盒']
    ])
    const days = [
      { drugId: 'x', name: '丙', available: 10, dailyUse: 0, daysLeft: null },
      { drugId: 'y', name: '丁', available: 10, dailyUse: 2, daysLeft: 5 },
      { drugId: 'z', name: '戊', available: 1, dailyUse: 1, daysLeft: 1 }
    ]
    expect(soonestOut(days).map((row) => row.drugId)).toEqual(['z', 'y', 'x'])
  })

  it('names the export file by part and period', () => {
    expect(exportFileName('money', { from: '2026-11-01', to: '2026-11-26' })).toBe('经营看板-收入-2026-11-01至2026-11-26.xlsx')
  })
})
