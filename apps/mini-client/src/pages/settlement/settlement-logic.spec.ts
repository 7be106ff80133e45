import { describe, expect, it } from '@jest/globals'
import type { SettlementMethodTotals } from '@clinic/contracts'
import { cashDifference, closeConfirmText, closedByText, countedCashCheck, dateProblem, differenceOf, methodRows, outflowText, recentPeriod } from './settlement-logic'

// Rows as DailySettlementReply.methods has them: money out is positive, net = payments − refunds − reversals.
const cash: SettlementMethodTotals = { method: 'CASH', paymentsFen: 12000, paymentCount: 5, refundsFen: 1000, refundCount: 1, reversalsFen: 500, reversalCount: 1, netFen: 10500 }
const wechat: SettlementMethodTotals = { method: 'WECHAT', paymentsFen: 8000, paymentCount: 2, refundsFen: 0, refundCount: 0, reversalsFen: 0, reversalCount: 0, netFen: 8000 }

describe('the day by method', () => {
  it('lists every method in a fixed order, with zeros where nothing moved', () => {
    expect(methodRows([wechat, cash]).map((row) => [row.method, row.netFen])).toEqual([
      ['CASH', 10500],
      ['CARD', 0],
      ['WECHAT', 8000],
      ['INSURANCE', 0]
    ])
  })

  it('fills a missing method with zeros', () => {
    expect(methodRows([cash])[1]).toEqual({ method: 'CARD', paymentsFen: 0, paymentCount: 0, refundsFen: 0, refundCount: 0, reversalsFen: 0, reversalCount: 0, netFen: 0 })
  })

  it('shows money out as negative, with how many movements', () => {
    expect(outflowText(cash.refundsFen, cash.refundCount)).toBe('-¥10.00 (1笔)')
    expect(outflowText(0, 0)).toBe('¥0.00')
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
    // A closed day's differenceFen reads the same way.
    expect(differenceOf(-100)).toEqual({ fen: -100, kind: 'short', text: '短款 ¥1.00' })
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
  })

  it('names who closed the day when it was the signed-in cashier (the reply has the staff id only)', () => {
    const me = { id: '3f2504e0-4f89-41d3-9a0c-0305e82c3301', name: '周收费' }
    expect(closedByText(me.id, me)).toBe('周收费')
    expect(closedByText('9b2c1f4e-1a2b-4c3d-8e9f-0a1b2c3d4e5f', me)).toBeNull()
    expect(closedByText(null, me)).toBeNull()
    expect(closedByText(me.id, null)).toBeNull()
  })
})
