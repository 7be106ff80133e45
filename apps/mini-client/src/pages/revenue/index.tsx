import { useRef, useState } from 'react'
import { Button, ScrollView, Text, View } from '@tarojs/components'
import Taro, { useLoad } from '@tarojs/taro'
import type { ExportFormat, RevenueFigures, RevenueGroupBy, RevenueQuery, RevenueReply, RevenueRow } from '@clinic/contracts'
import { ChoiceChips } from '../../components/choice-chips'
import DateField from '../../components/date-field'
import ListState, { type LoadState } from '../../components/list-state'
import { canReadRevenue } from '../../services/access'
import { billingApi } from '../../services/api-billing'
import { requireStaff } from '../../services/guard'
import { saveFile } from '../../services/platform/file-download'
import { errorText } from '../../utils/error-text'
import { REPORT_ERROR_TEXT } from '../../utils/staff-billing-text'
import { formatFen, formatOutFen } from '../../utils/money'
import { monthRange, periodProblem } from '../../utils/period'
import { clinicToday } from '../../utils/time'
import ReconcilePanel from './reconcile-panel'
import { exportFileName, groupTab, GROUP_TABS, rowKey, rowLabel, sortRows } from './revenue-logic'
import './index.scss'

type Tab = 'report' | 'reconcile'
type Report = LoadState<{ reply: RevenueReply; query: RevenueQuery }>

const TABS: { value: Tab; label: string; className: string }[] = [
  { value: 'report', label: '收入报表', className: 'revenue-tab-report' },
  { value: 'reconcile', label: '微信对账', className: 'revenue-tab-reconcile' }
]

const FIGURE_TITLES = ['收款', '退款', '冲正', '净收入', '笔数']
/** By category the figures are what bills charged (and refunded) per line, and the count is of bills. */
const CATEGORY_FIGURE_TITLES = ['收费', '退费', '冲正', '净收入', '账单数']

function figures(values: RevenueFigures): string[] {
  return [formatFen(values.receivedFen), formatOutFen(values.refundedFen), formatOutFen(values.reversedFen), formatFen(values.netFen), String(values.payments)]
}

function RevenueTable({ groupBy, rows, totals }: { groupBy: RevenueGroupBy; rows: RevenueRow[]; totals: RevenueFigures }) {
  const titles = [groupTab(groupBy).keyTitle, ...(groupBy === 'category' ? CATEGORY_FIGURE_TITLES : FIGURE_TITLES)]
  const cells = (values: string[]) =>
    values.map((value, index) => (
      <Text key={titles[index]} className={`rp-td ${index === 0 ? 'rp-td--wide' : 'rp-td--num'}`}>
        {value}
      </Text>
    ))
  return (
    <ScrollView className='rp-scroll' scrollX>
      <View className='rp-table revenue-table'>
        <View className='rp-tr rp-th'>{cells(titles)}</View>
        {rows.map((row) => (
          <View key={rowKey(row)} className='rp-tr rp-row revenue-row'>
            {cells([rowLabel(groupBy, row), ...figures(row)])}
          </View>
        ))}
        <View className='rp-tr rp-total revenue-total'>{cells(['合计', ...figures(totals)])}</View>
      </View>
    </ScrollView>
  )
}

/** 收入报表: revenue by day, department, doctor, method or category over a period, its export, and 微信对账. */
export default function RevenuePage() {
  const [tab, setTab] = useState<Tab>('report')
  const [groupBy, setGroupBy] = useState<RevenueGroupBy>('day')
  const [from, setFrom] = useState(() => monthRange(clinicToday()).from)
  const [to, setTo] = useState(() => clinicToday())
  const [periodError, setPeriodError] = useState('')
  const [report, setReport] = useState<Report>({ status: 'loading' })
  const [exporting, setExporting] = useState<ExportFormat | ''>('')
  const latest = useRef(0)

  async function load(nextGroup = groupBy, period = { from, to }) {
    const problem = periodProblem(period.from, period.to)
    setPeriodError(problem ?? '')
    if (problem) return
    const query: RevenueQuery = { from: period.from.trim(), to: period.to.trim(), groupBy: nextGroup }
    const ticket = ++latest.current
    setReport({ status: 'loading' })
    try {
      const reply = await billingApi.revenue(query)
      if (ticket === latest.current) setReport({ status: 'ready', reply, query })
    } catch (e) {
      if (ticket === latest.current) setReport({ status: 'error', message: errorText(e, REPORT_ERROR_TEXT) })
    }
  }

  useLoad(() => {
    if (requireStaff(canReadRevenue)) void load()
  })

  function switchGroup(next: RevenueGroupBy) {
    setGroupBy(next)
    void load(next)
  }

  function pickPeriod(period: { from: string; to: string }) {
    setFrom(period.from)
    setTo(period.to)
    void load(groupBy, period)
  }

  async function exportAs(format: ExportFormat) {
    // The file is of the report on screen (its period and grouping), not of what is typed but not yet asked for.
    if (report.status !== 'ready' || exporting) return
    setExporting(format)
    try {
      const message = await saveFile(billingApi.revenueExport(report.query, format), exportFileName(report.query, format))
      void Taro.showToast({ title: message, icon: 'none' })
    } catch (e) {
      void Taro.showModal({ title: '导出失败', content: errorText(e, REPORT_ERROR_TEXT), showCancel: false })
    } finally {
      setExporting('')
    }
  }

  const today = clinicToday()
  const ready = report.status === 'ready' ? report : null

  return (
    <View className='page revenue-page'>
      <View className='page-inner ph-inner'>
        <View className='page-header'>
          <View>
            <Text className='page-title'>收入报表</Text>
            <Text className='page-subtitle'>按营业日统计的收款、退款与冲正；与微信支付账单逐笔对账</Text>
          </View>
          {tab === 'report' ? (
            <View className='header-actions'>
              <Button className={`secondary-button revenue-export-xlsx ${ready ? '' : 'is-disabled'} ${exporting === 'xlsx' ? 'is-busy' : ''}`} onClick={() => exportAs('xlsx')}>
                导出 Excel
              </Button>
              <Button className={`secondary-button revenue-export-csv ${ready ? '' : 'is-disabled'} ${exporting === 'csv' ? 'is-busy' : ''}`} onClick={() => exportAs('csv')}>
                导出 CSV
              </Button>
            </View>
          ) : null}
        </View>

        <ChoiceChips className='ph-filters revenue-tabs' options={TABS} value={tab} onChange={setTab} />

        {tab === 'reconcile' ? (
          <ReconcilePanel />
        ) : (
          <>
            <View className='card ph-card rp-period revenue-period'>
              <View className='rp-period-fields'>
                <DateField className='revenue-from' label='开始日期' value={from} end={today} onChange={setFrom} />
                <DateField className='revenue-to' label='结束日期' value={to} end={today} error={periodError} onChange={setTo} />
              </View>
              <View className='button-row rp-period-actions'>
                <Text className='link-text rp-month revenue-today' onClick={() => pickPeriod({ from: today, to: today })}>
                  今天
                </Text>
                <Text className='link-text rp-month revenue-this-month' onClick={() => pickPeriod(monthRange(today))}>
                  本月
                </Text>
                <Text className='link-text rp-month revenue-last-month' onClick={() => pickPeriod(monthRange(today, -1))}>
                  上月
                </Text>
                <Button className='primary-button revenue-query' onClick={() => load()}>
                  查询
                </Button>
              </View>
            </View>

            <ChoiceChips
              className='ph-filters revenue-groups'
              options={GROUP_TABS.map((item) => ({ value: item.value, label: item.label, className: `revenue-group-${item.value}` }))}
              value={groupBy}
              onChange={switchGroup}
            />

            <View className='card ph-card revenue-report'>
              <ListState state={report} onRetry={() => load()} />
              {ready ? (
                <>
                  <View className='ph-figures'>
                    <View className='ph-figure'>
                      <Text className='ph-figure-label'>净收入</Text>
                      <Text className='ph-figure-value revenue-net'>{formatFen(ready.reply.totals.netFen)}</Text>
                    </View>
                    <View className='ph-figure'>
                      <Text className='ph-figure-label'>收款</Text>
                      <Text className='ph-figure-value'>{formatFen(ready.reply.totals.receivedFen)}</Text>
                    </View>
                    <View className='ph-figure'>
                      <Text className='ph-figure-label'>退款与冲正</Text>
                      <Text className='ph-figure-value'>{formatOutFen(ready.reply.totals.refundedFen + ready.reply.totals.reversedFen)}</Text>
                    </View>
                    <View className='ph-figure'>
                      <Text className='ph-figure-label'>收款笔数</Text>
                      <Text className='ph-figure-value'>{ready.reply.totals.payments}</Text>
                    </View>
                  </View>
                  <Text className='field-hint'>
                    {ready.reply.from} 至 {ready.reply.to} · {groupTab(ready.reply.groupBy).label}；
                    {ready.reply.groupBy === 'category' ? '按账单结清日统计所收项目金额（退费按完成日扣减）' : '按款项记入的营业日统计'}（时区 {ready.reply.timeZone}），净收入 = 收款 − 退款 − 冲正。
                  </Text>
                  {ready.reply.rows.length ? (
                    <RevenueTable groupBy={ready.reply.groupBy} rows={sortRows(ready.reply.groupBy, ready.reply.rows)} totals={ready.reply.totals} />
                  ) : (
                    <View className='empty-state'>该期间没有收入</View>
                  )}
                </>
              ) : null}
            </View>
          </>
        )}
      </View>
    </View>
  )
}
