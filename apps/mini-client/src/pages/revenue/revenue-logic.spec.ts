import { describe, expect, it } from '@jest/globals'
import type { ReconciliationItem, RevenueRow } from '../../services/billing-types'
import { csvLineCount, exportFileName, latestReconciliation, reconClean, RECON_KIND_LABEL, rowLabel, sideAmount, sortReconItems, sortRows, tradeBillProblem } from './revenue-logic'

const row = (key: string, netFen: number, label = ''): RevenueRow => ({ key, label, receivedFen: netFen, refundedFen: 0, reversedFen: 0, netFen, payments: 1 })

describe('the revenue report', () => {
  it('labels rows with the server\'s words, or ours for methods and line kinds', () => {
    expect(rowLabel('department', row('dep-1', 0, '内科'))).toBe('内科')
    expect(rowLabel('method', row('WECHAT', 0))).toBe('微信支付')
    expect(rowLabel('method', row('INSURANCE', 0))).toBe('医保')
    expect(rowLabel('category', row('DRUG', 0))).toBe('药品')
    expect(rowLabel('doctor', row('', 0))).toBe('未归类')
  })

  it('lists days in order and everything else by net revenue', () => {
    expect(sortRows('day', [row('2026-11-02', 1), row('2026-11-01', 9)]).map((r) => r.key)).toEqual(['2026-11-01', '2026-11-02'])
    expect(sortRows('doctor', [row('a', 1), row('b', 9), row('c', 9)]).map((r) => r.key)).toEqual(['b', 'c', 'a'])
  })

  it('names the export after the report', () => {
    expect(exportFileName({ from: '2026-11-01', to: '2026-11-30', groupBy: 'department' }, 'xlsx')).toBe('收入报表-按科室-2026-11-01至2026-11-30.xlsx')
    expect(exportFileName({ from: '2026-11-26', to: '2026-11-26', groupBy: 'day' }, 'csv')).toBe('收入报表-按日-2026-11-26至2026-11-26.csv')
  })
})

describe('对账', () => {
  const item = (kind: ReconciliationItem['kind'], outTradeNo: string, systemFen: number | null, wechatFen: number | null): ReconciliationItem => ({
    kind,
    type: 'PAYMENT',
    outTradeNo,
    transactionId: null,
    systemFen,
    wechatFen
  })

  it('shows the findings in Chinese, mismatches first', () => {
    expect(RECON_KIND_LABEL).toEqual({ MISSING_IN_SYSTEM: '系统缺少', MISSING_IN_WECHAT: '微信缺少', AMOUNT_MISMATCH: '金额不符' })
    const sorted = sortReconItems([item('MISSING_IN_WECHAT', 'T3', 100, null), item('MISSING_IN_SYSTEM', 'T2', null, 100), item('AMOUNT_MISMATCH', 'T1', 100, 90)])
    expect(sorted.map((i) => RECON_KIND_LABEL[i.kind])).toEqual(['金额不符', '系统缺少', '微信缺少'])
    expect(sideAmount(null)).toBe('—')
    expect(sideAmount(2900)).toBe('¥29.00')
  })

  it('knows a clean day and the latest run of a day', () => {
    expect(reconClean({ missingInSystem: 0, missingInWechat: 0, amountMismatch: 0 })).toBe(true)
    expect(reconClean({ missingInSystem: 0, missingInWechat: 1, amountMismatch: 0 })).toBe(false)
    expect(latestReconciliation([])).toBeNull()
    expect(latestReconciliation([{ id: 'r-1' }, { id: 'r-2' }] as never)).toEqual({ id: 'r-2' })
  })

  it('refuses a file that cannot be a trade bill before sending it', () => {
    expect(tradeBillProblem('')).toBe('文件是空的')
    expect(tradeBillProblem('just words')).toBe('这不是 CSV 文件：请上传微信支付商户平台下载的交易账单')
    const bill = '交易时间,公众账号ID,商户号\r\n`2026-11-26 10:00:00,`wx1,`190\r\n`2026-11-26 11:00:00,`wx1,`190\r\n'
    expect(tradeBillProblem(bill)).toBeNull()
    expect(csvLineCount(bill)).toBe(2)
  })
})
