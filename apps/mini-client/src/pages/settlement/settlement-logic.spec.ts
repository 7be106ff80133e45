import { describe, expect, it } from '@jest/globals'
import type { DailySettlementReply } from '../../services/billing-types'
import {
  cashDifference,
  closeConfirmText,
  closedByText,
  countedCashCheck,
  dateProblem,
  methodRows,
  methodTotals,
  recentPeriod,
  sortClosedDays
} from './settlement-logic'

const cash = { method: 'CASH' as const, receivedFen: 12000, refundedFen: 1000, reversedFen: 500, netFen: 10500, count: 5 }
const wechat = { method: 'WECHAT' as const, receivedFen: 8000, refundedFen: 0, reversedFen: 0, netFen: 8000, count: 2 }

describe('the day by method', () => {
  it('lists every method in a fixed order, with zeros where nothing moved', () => {
    expect(methodRows([wechat, cash]).map((row) => [row.method, row.netFen])).toEqual([
      ['CASH', 10500],
      ['CARD', 0],
      ['WECHAT', 8000],
      ['INSURANCE', 0]
    ])
  })

  it('adds the methods up', () => {
    expect(methodTotals(methodRows([cash, wechat]))).toEqual({ receivedFen: 20000, refundedFen: 1000, reversedFen: 500, netFen: 18500, count: 7 })
  })
})

describe('the counted cash', () => {
  it('reads yuan as fen, and an empty drawer as zero', () => {
    expect(countedCashCheck('105')).toEqual({ fen: 10500 })
    expect(countedCashCheck('104.99')).toEqual({ fen: 10499 })
    expect(countedCashCheck('0')).toEqual({ fen: 0 })
    expect(countedCashCheck('')).toEqual({ error: '请输入实点现金' })
    expect(countedCashCheck('1.005')).toEqual({ error: '请输入正确的金额，最多两位小数' })
    expect(countedCashCheck('-3')).toEqual({ error: '请输入正确的金额，最多两位小数' })
  })

  it('is compared with the cash expected: 长款 over, 短款 short', () => {
    expect(cashDifference(10500, 10500)).toEqual({ fen: 0, kind: 'even', text: '相符' })
    expect(cashDifference(10500, 10600)).toEqual({ fen: 100, kind: 'over', text: '长款 ¥1.00' })
    expect(cashDifference(10500, 10499)).toEqual({ fen: -1, kind: 'short', text: '短款 ¥0.01' })
  })

  it('goes into the confirm text with what closing means', () => {
    expect(closeConfirmText('2026-11-26', 10500, 10499)).toBe(
      '2026-11-26 应有现金 ¥105.00，实点现金 ¥104.99，短款 ¥0.01。\n日结后当日账目锁定，之后的收退款记入下一营业日。'
    )
  })
})

describe('which day', () => {
  it('refuses a bad date and a day that has not begun', () => {
    expect(dateProblem('2026-11-26', '2026-11-26')).toBeNull()
    expect(dateProblem('2026-11-25', '2026-11-26')).toBeNull()
    expect(dateProblem('2026-11-27', '2026-11-26')).toBe('不能查看或日结未来的日期')
    expect(dateProblem('2026-02-30', '2026-11-26')).toBe('日期格式应为 YYYY-MM-DD')
  })

  it('lists the closed days of the last 30 days, newest first', () => {
    expect(recentPeriod('2026-11-26')).toEqual({ from: '2026-10-28', to: '2026-11-26' })
    const day = (date: string) => ({ date }) as DailySettlementReply
    expect(sortClosedDays([day('2026-11-20'), day('2026-11-25'), day('2026-11-01')]).map((item) => item.date)).toEqual(['2026-11-25', '2026-11-20', '2026-11-01'])
  })

  it('names who closed the day only when the reply gives a name, not an id', () => {
    expect(closedByText('周收费')).toBe('周收费')
    expect(closedByText('3f2504e0-4f89-41d3-9a0c-0305e82c3301')).toBeNull()
    expect(closedByText(null)).toBeNull()
  })
})
