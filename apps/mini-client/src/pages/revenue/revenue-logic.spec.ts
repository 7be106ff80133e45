import { describe, expect, it } from '@jest/globals'
import type { ReconciliationItemReply, ReconciliationReply, RevenueRow } from '@clinic/contracts'
import {
  csvLineCount,
  exportFileName,
  latestReconciliation,
  reconClean,
  reconTotals,
  reconWechatId,
  RECON_RESULT_LABEL,
  rowKey,
  rowLabel,
  sideAmount,
  sortReconItems,
  sortRows,
  tradeBillProblem,
  TRADE_BILL_MAX_CHARS
} from './revenue-logic'

const row = (key: string | null, netFen: number, label = ''): RevenueRow => ({ key, label, receivedFen: netFen, refundedFen: 0, reversedFen: 0, netFen, payments: 1 })

describe('the revenue report', () => {
  it('labels rows with the server\'s words, or ours for methods and categories', () => {
    expect(rowLabel('department', row('dep-1', 0, '内科'))).toBe('内科')
    expect(rowLabel('method', row('WECHAT', 0))).toBe('微信支付')
    expect(rowLabel('method', row('INSURANCE', 0))).toBe('医保')
    expect(rowLabel('category', row('DRUG', 0))).toBe('药品')
    expect(rowLabel('category', row('LAB', 0))).toBe('化验费')
    expect(rowLabel('doctor', row(null, 0))).toBe('未指定医生')
    expect(rowLabel('department', row(null, 0))).toBe('未指定科室')
    expect(rowLabel('doctor', row('', 0))).toBe('未归类')
  })

  it('lists days in order and everything else by net revenue, money without a key last', () => {
    expect(sortRows('day', [row('2026-11-02', 1), row('2026-11-01', 9)]).map((r) => r.key)).toEqual(['2026-11-01', '2026-11-02'])
    expect(sortRows('doctor', [row(null, 99), row('a', 1), row('b', 9), row('c', 9)]).map((r) => r.key)).toEqual(['b', 'c', 'a', null])
    expect([row('d-1', 0), row(null, 0)].map(rowKey)).toEqual(['d-1', '(none)'])
  })

  it('names the export after the report', () => {
    expect(exportFileName({ from: '2026-11-01', to: '2026-11-30', groupBy: 'department' }, 'xlsx')).toBe('收入报表-按科室-2026-11-01至2026-11-30.xlsx')
    expect(exportFileName({ from: '2026-11-26', to: '2026-11-26', groupBy: 'day' }, 'csv')).toBe('收入报表-按日-2026-11-26至2026-11-26.csv')
  })
})

describe('对账', () => {
  const item = (result: ReconciliationItemReply['result'], outNo: string, systemAmountFen: number | null, wechatAmountFen: number | null): ReconciliationItemReply => ({
    id: `i-${outNo}`,
    result,
    type: 'PAYMENT',
    outNo,
    wechatId: null,
    systemWechatId: null,
    wechatAmountFen,
    systemAmountFen,
    paymentId: null,
    refundLegId: null,
    billId: null,
    lineNo: null,
    tradedAt: null,
    note: null
  })

  const reply = (counts: Partial<ReconciliationReply> = {}): ReconciliationReply => ({
    id: 'r-1',
    date: '2026-11-25',
    fileSha256: 'f'.repeat(64),
    matched: 3,
    missingInSystem: 0,
    missingInWechat: 0,
    amountMismatch: 0,
    txnIdMismatch: 0,
    wechatPayments: 4,
    wechatPaymentsFen: 12000,
    wechatRefunds: 1,
    wechatRefundsFen: 1000,
    wechatFeeFen: 72,
    systemPayments: 4,
    systemPaymentsFen: 12000,
    systemRefunds: 1,
    systemRefundsFen: 1000,
    createdBy: 'u-1',
    createdAt: '2026-11-26T02:00:00Z',
    ...counts
  })

  it('shows the findings in Chinese, mismatches first', () => {
    expect(RECON_RESULT_LABEL).toEqual({ MISSING_IN_SYSTEM: '系统缺少', MISSING_IN_WECHAT: '微信缺少', AMOUNT_MISMATCH: '金额不符', TXN_ID_MISMATCH: '交易号不符' })
    const sorted = sortReconItems([
      item('MISSING_IN_WECHAT', 'T3', 100, null),
      item('MISSING_IN_SYSTEM', 'T2', null, 100),
      item('TXN_ID_MISMATCH', 'T4', 100, 100),
      item('AMOUNT_MISMATCH', 'T1', 100, 90)
    ])
    expect(sorted.map((i) => RECON_RESULT_LABEL[i.result])).toEqual(['金额不符', '交易号不符', '系统缺少', '微信缺少'])
    expect(sideAmount(null)).toBe('—')
    expect(sideAmount(2900)).toBe('¥29.00')
  })

  it('shows both transaction ids when ours differs from WeChat\'s', () => {
    expect(reconWechatId({ wechatId: '4200001', systemWechatId: '4200009' })).toBe('4200001（系统 4200009）')
    expect(reconWechatId({ wechatId: '4200001', systemWechatId: '4200001' })).toBe('4200001')
    expect(reconWechatId({ wechatId: null, systemWechatId: null })).toBe('—')
  })

  it('knows a clean day, the latest run of a day, and both sides\' totals', () => {
    expect(reconClean(reply())).toBe(true)
    expect(reconClean(reply({ missingInWechat: 1 }))).toBe(false)
    expect(reconClean(reply({ txnIdMismatch: 1 }))).toBe(false)
    expect(latestReconciliation([])).toBeNull()
    // The server lists a day's reconciliations newest first.
    expect(latestReconciliation([reply({ id: 'r-2' }), reply({ id: 'r-1' })])?.id).toBe('r-2')
    expect(reconTotals(reply())).toEqual({
      wechat: '微信账单：收款 4 笔 ¥120.00，退款 1 笔 ¥10.00，手续费 ¥0.72',
      system: '系统记录：收款 4 笔 ¥120.00，退款 1 笔 ¥10.00'
    })
  })

  it('refuses a file that cannot be a trade bill before sending it', () => {
    expect(tradeBillProblem('')).toBe('文件是空的')
    expect(tradeBillProblem('just words')).toBe('这不是 CSV 文件：请上传微信支付商户平台下载的交易账单')
    expect(tradeBillProblem(`a,b\n${'x'.repeat(TRADE_BILL_MAX_CHARS)}`)).toBe('文件过大：请上传单日的交易账单')
    const bill = '交易时间,公众账号ID,商户号\r\n`2026-11-26 10:00:00,`wx1,`190\r\n`2026-11-26 11:00:00,`wx1,`190\r\n'
    expect(tradeBillProblem(bill)).toBeNull()
    expect(csvLineCount(bill)).toBe(2)
  })
})
