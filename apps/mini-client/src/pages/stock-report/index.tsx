import { useRef, useState } from 'react'
import { Button, ScrollView, Text, View } from '@tarojs/components'
import Taro, { useLoad } from '@tarojs/taro'
import type { DaysLeftRow, MovementRow, StockValuationReply, UsageRow } from '@clinic/contracts'
import { ChoiceChips } from '../../components/choice-chips'
import DateField from '../../components/date-field'
import ListState, { type LoadState } from '../../components/list-state'
import { canManagePharmacy } from '../../services/access'
import { api } from '../../services/api'
import { requireStaff } from '../../services/guard'
import { CSV_EXPORT_LABEL, offerExport } from '../../services/platform/export-file'
import { errorText } from '../../utils/error-text'
import { formatFen, fenToYuanText } from '../../utils/money'
import { PHARMACY_ERROR_TEXT } from '../../utils/pharmacy'
import { today } from '../../utils/schedule'
import {
  cellText,
  DAYS_LEFT_COLUMNS,
  DAYS_LEFT_WARNING,
  monthRange,
  MOVEMENT_COLUMNS,
  periodProblem,
  rankUsage,
  reportCsv,
  REPORT_TABS,
  sortDaysLeft,
  USAGE_COLUMNS,
  VALUATION_COLUMNS,
  type Column,
  type ReportTab
} from './report-columns'
import './index.scss'

type Report =
  | { tab: 'valuation'; reply: StockValuationReply }
  | { tab: 'movements'; rows: MovementRow[] }
  | { tab: 'usage'; rows: UsageRow[] }
  | { tab: 'days-left'; rows: DaysLeftRow[] }

type State = LoadState<{ report: Report; period: string }>

interface TableProps<R> {
  columns: readonly Column<R>[]
  rows: readonly R[]
  /** One text per column, drawn bold under the rows. */
  totals?: readonly string[]
  /** Extra classes for a row that needs attention. */
  flag?: (row: R) => boolean
}

/** The report as a table: phones scroll it sideways, tablets see it whole. */
function ReportTable<R>({ columns, rows, totals, flag }: TableProps<R>) {
  const cellClass = (column: Column<R>) => `rp-td ${column.wide ? 'rp-td--wide' : column.kind === 'text' ? 'rp-td--text' : 'rp-td--num'}`
  return (
    <ScrollView className='rp-scroll' scrollX>
      <View className='rp-table'>
        <View className='rp-tr rp-th'>
          {columns.map((column) => (
            <Text key={column.title} className={cellClass(column)}>
              {column.title}
            </Text>
          ))}
        </View>
        {rows.map((row, index) => (
          <View key={index} className={`rp-tr rp-row ${flag?.(row) ? 'rp-row--flag' : ''}`}>
            {columns.map((column) => (
              <Text key={column.title} className={cellClass(column)}>
                {cellText(column, row, index, 'screen')}
              </Text>
            ))}
          </View>
        ))}
        {totals ? (
          <View className='rp-tr rp-total'>
            {columns.map((column, index) => (
              <Text key={column.title} className={cellClass(column)}>
                {totals[index] ?? ''}
              </Text>
            ))}
          </View>
        ) : null}
      </View>
    </ScrollView>
  )
}

/** A totals line laid out under the columns: the label first, the amounts under their money columns. */
function totalsLine<R>(columns: readonly Column<R>[], amounts: Record<string, number>, target: 'screen' | 'csv'): string[] {
  return columns.map((column, index) => {
    if (index === 0) return '合计'
    const fen = amounts[column.title]
    if (fen === undefined) return ''
    return target === 'screen' ? formatFen(fen) : fenToYuanText(fen)
  })
}

export default function StockReportPage() {
  const [tab, setTab] = useState<ReportTab>('valuation')
  const [from, setFrom] = useState(() => monthRange(today()).from)
  const [to, setTo] = useState(() => monthRange(today()).to)
  const [periodError, setPeriodError] = useState('')
  const [state, setState] = useState<State>({ status: 'loading' })
  const latest = useRef(0)

  async function load(next: ReportTab, period = { from, to }) {
    const withPeriod = REPORT_TABS.find((item) => item.value === next)?.period ?? false
    if (withPeriod) {
      const problem = periodProblem(period.from, period.to)
      setPeriodError(problem ?? '')
      if (problem) return
    }
    const ticket = ++latest.current
    setState({ status: 'loading' })
    const range = { from: period.from.trim(), to: period.to.trim() }
    try {
      let report: Report
      if (next === 'valuation') report = { tab: next, reply: await api.stockValuation() }
      else if (next === 'movements') report = { tab: next, rows: await api.stockMovements(range) }
      else if (next === 'usage') report = { tab: next, rows: rankUsage(await api.drugUsage(range)) }
      else report = { tab: next, rows: sortDaysLeft(await api.daysLeft()) }
      if (ticket === latest.current) setState({ status: 'ready', report, period: withPeriod ? `${range.from}至${range.to}` : today() })
    } catch (e) {
      if (ticket === latest.current) setState({ status: 'error', message: errorText(e, PHARMACY_ERROR_TEXT) })
    }
  }

  useLoad(() => {
    if (requireStaff(canManagePharmacy)) void load(tab)
  })

  function switchTab(next: ReportTab) {
    setTab(next)
    void load(next)
  }

  function pickMonth(offset: number) {
    const range = monthRange(today(), offset)
    setFrom(range.from)
    setTo(range.to)
    void load(tab, range)
  }

  async function exportCsv() {
    if (state.status !== 'ready') return
    const { report, period } = state
    const title = REPORT_TABS.find((item) => item.value === report.tab)?.label ?? '报表'
    let text: string
    if (report.tab === 'valuation') {
      const totals = totalsLine(VALUATION_COLUMNS, { 成本金额: report.reply.totalCostFen, 零售金额: report.reply.totalRetailFen }, 'csv')
      text = reportCsv(VALUATION_COLUMNS, report.reply.rows, totals)
    } else if (report.tab === 'movements') text = reportCsv(MOVEMENT_COLUMNS, report.rows)
    else if (report.tab === 'usage') text = reportCsv(USAGE_COLUMNS, report.rows)
    else text = reportCsv(DAYS_LEFT_COLUMNS, report.rows)
    try {
      const message = await offerExport(text, `${title}-${period}.csv`, 'text/csv')
      void Taro.showToast({ title: message, icon: 'none' })
    } catch {
      void Taro.showToast({ title: '导出失败，请重试', icon: 'none' })
    }
  }

  const current = REPORT_TABS.find((item) => item.value === tab) ?? REPORT_TABS[0]
  const report = state.status === 'ready' ? state.report : null

  return (
    <View className='page stock-report-page'>
      <View className='page-inner ph-inner'>
        <View className='page-header'>
          <View>
            <Text className='page-title'>库存报表</Text>
            <Text className='page-subtitle'>库存金额、进销存、用量排行与可用天数</Text>
          </View>
          <View className='header-actions'>
            <Button className={`secondary-button rp-export ${report ? '' : 'is-disabled'}`} onClick={exportCsv}>
              {CSV_EXPORT_LABEL}
            </Button>
          </View>
        </View>

        <ChoiceChips
          className='ph-filters rp-tabs'
          options={REPORT_TABS.map((item) => ({ value: item.value, label: item.label, className: `rp-tab-${item.value}` }))}
          value={tab}
          onChange={switchTab}
        />

        {current.period ? (
          <View className='card ph-card rp-period'>
            <View className='rp-period-fields'>
              <DateField className='rp-from' label='开始日期' value={from} onChange={setFrom} />
              <DateField className='rp-to' label='结束日期' value={to} error={periodError} onChange={setTo} />
            </View>
            <View className='button-row rp-period-actions'>
              <Text className='link-text rp-month' onClick={() => pickMonth(0)}>
                本月
              </Text>
              <Text className='link-text rp-month' onClick={() => pickMonth(-1)}>
                上月
              </Text>
              <Button className='primary-button rp-query' onClick={() => load(tab)}>
                查询
              </Button>
            </View>
          </View>
        ) : null}

        <View className='card ph-card rp-report'>
          <ListState state={state} onRetry={() => load(tab)} />

          {report?.tab === 'valuation' ? (
            <>
              <View className='ph-figures'>
                <View className='ph-figure'>
                  <Text className='ph-figure-label'>库存成本金额</Text>
                  <Text className='ph-figure-value rp-total-cost'>{formatFen(report.reply.totalCostFen)}</Text>
                </View>
                <View className='ph-figure'>
                  <Text className='ph-figure-label'>库存零售金额</Text>
                  <Text className='ph-figure-value'>{formatFen(report.reply.totalRetailFen)}</Text>
                </View>
                <View className='ph-figure'>
                  <Text className='ph-figure-label'>品种数</Text>
                  <Text className='ph-figure-value'>{report.reply.rows.length}</Text>
                </View>
              </View>
              <ReportTable
                columns={VALUATION_COLUMNS}
                rows={report.reply.rows}
                totals={totalsLine(VALUATION_COLUMNS, { 成本金额: report.reply.totalCostFen, 零售金额: report.reply.totalRetailFen }, 'screen')}
              />
            </>
          ) : null}
          {report?.tab === 'movements' ? (
            <>
              <Text className='field-hint'>期初 + 入库 + 退药 − 发药 ± 盘点调整 − 过期 = 期末（单位为各药品的单位）</Text>
              <ReportTable columns={MOVEMENT_COLUMNS} rows={report.rows} />
            </>
          ) : null}
          {report?.tab === 'usage' ? (
            <ReportTable columns={USAGE_COLUMNS} rows={report.rows} totals={totalsLine(USAGE_COLUMNS, { 金额: report.rows.reduce((sum, row) => sum + row.amountFen, 0) }, 'screen')} />
          ) : null}
          {report?.tab === 'days-left' ? (
            <>
              <Text className='field-hint'>按近 30 天的日均用量估算；少于 {DAYS_LEFT_WARNING} 天的标为待补货。</Text>
              <ReportTable columns={DAYS_LEFT_COLUMNS} rows={report.rows} flag={(row) => row.daysLeft !== null && row.daysLeft < DAYS_LEFT_WARNING} />
            </>
          ) : null}
          {report && (report.tab === 'valuation' ? !report.reply.rows.length : !report.rows.length) ? <View className='empty-state'>没有数据</View> : null}
        </View>
      </View>
    </View>
  )
}
