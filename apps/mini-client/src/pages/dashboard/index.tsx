import { useRef, useState, type ReactNode } from 'react'
import { Button, ScrollView, Text, View } from '@tarojs/components'
import Taro, { useLoad } from '@tarojs/taro'
import type { DashboardReply, FlowStats, MoneyStats, StatsPart } from '@clinic/contracts'
import { ChoiceChips } from '../../components/choice-chips'
import DateField from '../../components/date-field'
import ListState, { type LoadState } from '../../components/list-state'
import { canReadStats } from '../../services/access'
import { statsApi, type StatsPeriod } from '../../services/api-stats'
import { requireStaff } from '../../services/guard'
import { saveFile } from '../../services/platform/file-download'
import { reorderUrl } from '../../services/stock-in-draft'
import { errorText } from '../../utils/error-text'
import { formatFen, formatOutFen } from '../../utils/money'
import { REPORT_ERROR_TEXT } from '../../utils/staff-billing-text'
import { clinicToday } from '../../utils/time'
import { BarChart, RankBars, Ring, type ChartItem } from './charts'
import { percentText } from './charts/scale'
import {
  changeClass,
  channelItems,
  dashboardPeriodProblem,
  DAYS_LEFT_WARNING,
  dayItems,
  daysLeftText,
  exportFileName,
  headlines,
  hourItems,
  methodItems,
  minutesText,
  PERIOD_PRESETS,
  presetRange,
  rankItems,
  rateText,
  soonestOut,
  trendItems,
  usageItems,
  type PeriodPreset
} from './dashboard-logic'
import './index.scss'

type Board = LoadState<{ reply: DashboardReply; period: StatsPeriod }>
type DayFigures = LoadState<{ flow: FlowStats; money: MoneyStats }>

/** What a tap opened: one day's figures (fetched for that day), or a whole ranking. */
type Drill = { kind: 'day'; date: string; figures: DayFigures } | { kind: 'list'; title: string; items: ChartItem[] }

/** How many rows a ranking shows on the board; a tap opens all of them. */
const TOP = 8

function Section({ part, title, exporting, onExport, children }: { part: StatsPart; title: string; exporting: string; onExport: (part: StatsPart) => void; children: ReactNode }) {
  return (
    <View className={`card ph-card dash-section dash-section-${part}`}>
      <View className='dash-section-head'>
        <Text className='section-title'>{title}</Text>
        <Button className={`secondary-button dash-export dash-export-${part} ${exporting === part ? 'is-busy' : ''}`} onClick={() => onExport(part)}>
          导出 Excel
        </Button>
      </View>
      {children}
    </View>
  )
}

function Block({ title, className, children }: { title: string; className?: string; children: ReactNode }) {
  return (
    <View className={`dash-block ${className ?? ''}`}>
      <Text className='dash-block-title'>{title}</Text>
      {children}
    </View>
  )
}

function Figure({ label, value, className }: { label: string; value: string; className?: string }) {
  return (
    <View className='ph-figure'>
      <Text className='ph-figure-label'>{label}</Text>
      <Text className={`ph-figure-value ${className ?? ''}`}>{value}</Text>
    </View>
  )
}

/** 经营看板: the owner's figures for a period against the previous one, with drill-down and XLSX per part. */
export default function DashboardPage() {
  const today = clinicToday()
  const [preset, setPreset] = useState<PeriodPreset>('this-month')
  const [from, setFrom] = useState(() => presetRange('this-month', today)?.from ?? today)
  const [to, setTo] = useState(today)
  const [periodError, setPeriodError] = useState('')
  const [board, setBoard] = useState<Board>({ status: 'loading' })
  const [drill, setDrill] = useState<Drill | null>(null)
  const [exporting, setExporting] = useState<StatsPart | ''>('')
  const latest = useRef(0)
  const dayTicket = useRef(0)

  async function load(period: StatsPeriod = { from, to }) {
    const problem = dashboardPeriodProblem(period.from, period.to)
    setPeriodError(problem ?? '')
    if (problem) return
    const asked = { from: period.from.trim(), to: period.to.trim() }
    const ticket = ++latest.current
    setBoard({ status: 'loading' })
    try {
      const reply = await statsApi.dashboard(asked)
      if (ticket === latest.current) setBoard({ status: 'ready', reply, period: asked })
    } catch (e) {
      if (ticket === latest.current) setBoard({ status: 'error', message: errorText(e, REPORT_ERROR_TEXT) })
    }
  }

  useLoad(() => {
    if (requireStaff(canReadStats)) void load()
  })

  function pickPreset(next: PeriodPreset) {
    setPreset(next)
    const range = presetRange(next, clinicToday())
    if (!range) return
    setFrom(range.from)
    setTo(range.to)
    void load(range)
  }

  async function openDay(date: string) {
    const ticket = ++dayTicket.current
    setDrill({ kind: 'day', date, figures: { status: 'loading' } })
    try {
      const day = { from: date, to: date }
      const [flow, money] = await Promise.all([statsApi.flow(day), statsApi.money(day)])
      if (ticket === dayTicket.current) setDrill({ kind: 'day', date, figures: { status: 'ready', flow, money } })
    } catch (e) {
      if (ticket === dayTicket.current) setDrill({ kind: 'day', date, figures: { status: 'error', message: errorText(e, REPORT_ERROR_TEXT) } })
    }
  }

  const openList = (title: string, items: ChartItem[]) => () => setDrill({ kind: 'list', title, items })

  async function exportPart(part: StatsPart) {
    // The file is of the period on screen, not of dates typed but not yet asked for.
    if (board.status !== 'ready' || exporting) return
    setExporting(part)
    try {
      const message = await saveFile(statsApi.exportPart(part, board.period), exportFileName(part, board.period))
      void Taro.showToast({ title: message, icon: 'none' })
    } catch (e) {
      void Taro.showModal({ title: '导出失败', content: errorText(e, REPORT_ERROR_TEXT), showCancel: false })
    } finally {
      setExporting('')
    }
  }

  const ready = board.status === 'ready' ? board.reply : null
  const drilledDay = drill?.kind === 'day' ? drill.date : undefined

  return (
    <View className='page dashboard-page'>
      <View className='page-inner ph-inner'>
        <View className='page-header'>
          <View>
            <Text className='page-title'>经营看板</Text>
            <Text className='page-subtitle'>就诊流量、临床、药房与收入，按诊所营业日（北京时间）统计，并与上一期对比</Text>
          </View>
        </View>

        <View className='card ph-card dash-period'>
          <ChoiceChips
            className='dash-presets'
            options={PERIOD_PRESETS.map((item) => ({ value: item.value, label: item.label, className: `dash-preset dash-preset-${item.value}` }))}
            value={preset}
            onChange={pickPreset}
          />
          {preset === 'custom' ? (
            <>
              <View className='rp-period-fields'>
                <DateField className='dash-from' label='开始日期' value={from} end={today} onChange={setFrom} />
                <DateField className='dash-to' label='结束日期' value={to} end={today} error={periodError} onChange={setTo} />
              </View>
              <View className='button-row rp-period-actions'>
                <Button className='primary-button dash-query' onClick={() => load()}>
                  查询
                </Button>
              </View>
            </>
          ) : null}
          {ready ? (
            <Text className='field-hint dash-period-text'>
              {ready.from} 至 {ready.to}，对比上一期 {ready.previousFrom} 至 {ready.previousTo}
            </Text>
          ) : null}
        </View>

        <ListState className='card' state={board} onRetry={() => load()} />

        {ready ? (
          <>
            <View className='dash-headlines'>
              {headlines(ready).map((item) => (
                <View key={item.key} className={`card dash-headline dash-headline-${item.key}`}>
                  <Text className='dash-headline-label'>{item.label}</Text>
                  <Text className='dash-headline-value'>{item.value}</Text>
                  <Text className={changeClass(item)}>{item.change.text}</Text>
                  <Text className='dash-headline-previous'>上期 {item.previous}</Text>
                </View>
              ))}
            </View>

            <Section part='flow' title='就诊流量' exporting={exporting} onExport={exportPart}>
              <Block title='每日就诊（点击查看当日）' className='dash-visits-by-day'>
                <BarChart className='dash-chart-visits-by-day' items={dayItems(ready.flow.visitsByDay)} chosen={drilledDay} onSelect={(item) => openDay(item.key)} />
              </Block>
              <Block title='分时段就诊' className='dash-visits-by-hour'>
                <BarChart className='dash-chart-visits-by-hour' items={hourItems(ready.flow.visitsByHour)} labelRoom={8} />
              </Block>
              <View className='dash-rings'>
                <Ring
                  className='dash-ring-new'
                  ratio={ready.flow.newPatients + ready.flow.returningPatients ? ready.flow.newPatients / (ready.flow.newPatients + ready.flow.returningPatients) : 0}
                  label='新患者占比'
                  detail={`新 ${ready.flow.newPatients} · 复诊 ${ready.flow.returningPatients}`}
                />
                <Ring className='dash-ring-no-show' ratio={ready.flow.noShowRate.ratio} label='爽约率' detail={rateText(ready.flow.noShowRate)} />
              </View>
              <View className='ph-figures'>
                <Figure label='候诊时长' value={minutesText(ready.flow.waitMinutes)} className='dash-wait' />
                <Figure label='接诊时长' value={minutesText(ready.flow.consultationMinutes)} className='dash-consultation' />
              </View>
              <Block title='预约渠道' className='dash-channel'>
                <RankBars items={channelItems(ready.flow.bookingChannel)} />
              </Block>
              <Block title='科室就诊' className='dash-flow-departments'>
                <RankBars
                  items={rankItems(ready.flow.byDepartment, 'count', 'department').slice(0, TOP)}
                  onSelect={openList('科室就诊', rankItems(ready.flow.byDepartment, 'count', 'department'))}
                />
              </Block>
              <Block title='医生接诊' className='dash-flow-doctors'>
                <RankBars items={rankItems(ready.flow.byDoctor, 'count', 'doctor').slice(0, TOP)} onSelect={openList('医生接诊', rankItems(ready.flow.byDoctor, 'count', 'doctor'))} />
              </Block>
            </Section>

            <Section part='clinical' title='临床' exporting={exporting} onExport={exportPart}>
              <View className='ph-figures'>
                <Figure label='就诊' value={String(ready.clinical.encounters)} />
                <Figure label='处方' value={String(ready.clinical.prescriptions)} />
                <Figure label='每次就诊处方数' value={(ready.clinical.prescriptionsPerVisit.ratio).toFixed(2)} />
                <Figure label='平均处方金额' value={formatFen(ready.clinical.averagePrescriptionFen)} />
              </View>
              <Block title={`常见诊断（上期 ${ready.clinical.previousFrom} 至 ${ready.clinical.previousTo}）`} className='dash-diagnoses'>
                {(() => {
                  const items = trendItems(ready.clinical.topDiagnoses.map((row) => ({ key: row.code, label: `${row.name}（${row.code}）`, count: row.count, previousCount: row.previousCount })))
                  return <RankBars items={items.slice(0, TOP)} onSelect={openList('常见诊断', items)} empty='该期间没有诊断' />
                })()}
              </Block>
              <Block title='疾病章节' className='dash-chapters'>
                {(() => {
                  const items = trendItems(ready.clinical.topChapters.map((row) => ({ key: row.chapter, label: `${row.chapter} ${row.title}`, count: row.count, previousCount: row.previousCount })))
                  return <RankBars items={items.slice(0, TOP)} onSelect={openList('疾病章节', items)} empty='该期间没有诊断' />
                })()}
              </Block>
            </Section>

            <Section part='pharmacy' title='药房' exporting={exporting} onExport={exportPart}>
              <View className='ph-figures'>
                <Figure label='库存成本金额' value={formatFen(ready.pharmacy.stockValue.costFen)} className='dash-stock-cost' />
                <Figure label='库存零售金额' value={formatFen(ready.pharmacy.stockValue.retailFen)} />
                <Figure label='待补货品种' value={String(ready.pharmacy.reorder.length)} />
              </View>
              <Block title='用量排行（按金额）' className='dash-usage'>
                <RankBars items={usageItems(ready.pharmacy.usage).slice(0, TOP)} onSelect={openList('用量排行', usageItems(ready.pharmacy.usage))} empty='该期间没有用药' />
              </Block>
              <Block title='可用天数（最先用完的在前）' className='dash-days-left'>
                {ready.pharmacy.daysLeft.length ? (
                  soonestOut(ready.pharmacy.daysLeft)
                    .slice(0, TOP)
                    .map((row) => (
                      <View key={row.drugId} className={`ph-row dash-days-left-row ${row.daysLeft !== null && row.daysLeft < DAYS_LEFT_WARNING ? 'rp-row--flag' : ''}`}>
                        <View className='ph-row-main'>
                          <Text className='ph-row-title'>{row.name}</Text>
                          <Text className='ph-row-detail'>
                            可用 {row.available} · 日均 {row.dailyUse}
                          </Text>
                        </View>
                        <View className='ph-row-aside'>
                          <Text>{daysLeftText(row.daysLeft)}</Text>
                        </View>
                      </View>
                    ))
                ) : (
                  <View className='chart-empty'>没有数据</View>
                )}
              </Block>
              <Button className='secondary-button dash-reorder-link' onClick={() => Taro.navigateTo({ url: reorderUrl(ready.pharmacy.coverDays) })}>
                补货建议（{ready.pharmacy.reorder.length}）
              </Button>
            </Section>

            <Section part='money' title='收入' exporting={exporting} onExport={exportPart}>
              <View className='ph-figures'>
                <Figure label='收款' value={formatFen(ready.money.receivedFen)} />
                <Figure label='退款' value={formatOutFen(ready.money.refundedFen)} className='dash-refunded' />
                <Figure label='净收入' value={formatFen(ready.money.netFen)} />
                <Figure label='客单价' value={formatFen(ready.money.averageBillFen)} className='dash-average-bill' />
                <Figure label='结清账单' value={String(ready.money.bills)} />
              </View>
              <Block title='每日收入（元，点击查看当日）' className='dash-money-by-day'>
                <BarChart className='dash-chart-money-by-day' items={dayItems(ready.money.byDay, true)} chosen={drilledDay} onSelect={(item) => openDay(item.key)} />
              </Block>
              <View className='dash-rings'>
                <Ring className='dash-ring-insurance' ratio={ready.money.insuranceShare.ratio} label='医保占比' detail={`${formatFen(ready.money.insuranceShare.numerator)} / ${formatFen(ready.money.insuranceShare.denominator)}`} />
              </View>
              <Block title='支付方式' className='dash-money-methods'>
                <RankBars items={methodItems(ready.money.byMethod)} onSelect={openList('支付方式', methodItems(ready.money.byMethod))} />
              </Block>
              <Block title='科室收入' className='dash-money-departments'>
                <RankBars
                  items={rankItems(ready.money.byDepartment, 'money', 'department').slice(0, TOP)}
                  onSelect={openList('科室收入', rankItems(ready.money.byDepartment, 'money', 'department'))}
                />
              </Block>
              <Block title='医生收入' className='dash-money-doctors'>
                <RankBars items={rankItems(ready.money.byDoctor, 'money', 'doctor').slice(0, TOP)} onSelect={openList('医生收入', rankItems(ready.money.byDoctor, 'money', 'doctor'))} />
              </Block>
            </Section>
          </>
        ) : null}
      </View>

      {drill ? (
        <View className='dash-drill-mask' onClick={() => setDrill(null)}>
          <View className='card dash-drill' onClick={(e) => e.stopPropagation()}>
            <View className='dash-section-head'>
              <Text className='section-title dash-drill-title'>{drill.kind === 'day' ? `${drill.date} 当日` : drill.title}</Text>
              <Text className='link-text dash-drill-close' onClick={() => setDrill(null)}>
                关闭
              </Text>
            </View>
            <ScrollView className='dash-drill-body' scrollY>
              {drill.kind === 'list' ? <RankBars className='dash-drill-list' items={drill.items} /> : null}
              {drill.kind === 'day' ? <ListState state={drill.figures} onRetry={() => openDay(drill.date)} /> : null}
              {drill.kind === 'day' && drill.figures.status === 'ready' ? (
                <View className='dash-drill-day'>
                  <View className='ph-figures'>
                    <Figure label='就诊人次' value={String(drill.figures.flow.visits)} className='dash-drill-visits' />
                    <Figure label='新患者' value={String(drill.figures.flow.newPatients)} />
                    <Figure label='爽约率' value={percentText(drill.figures.flow.noShowRate.ratio)} />
                    <Figure label='净收入' value={formatFen(drill.figures.money.netFen)} className='dash-drill-net' />
                    <Figure label='收款' value={formatFen(drill.figures.money.receivedFen)} />
                    <Figure label='退款' value={formatOutFen(drill.figures.money.refundedFen)} />
                  </View>
                  <Block title='分时段就诊'>
                    <BarChart items={hourItems(drill.figures.flow.visitsByHour)} />
                  </Block>
                  <Block title='科室就诊'>
                    <RankBars items={rankItems(drill.figures.flow.byDepartment, 'count', 'department')} />
                  </Block>
                  <Block title='支付方式'>
                    <RankBars items={methodItems(drill.figures.money.byMethod)} />
                  </Block>
                  <Block title='医生收入'>
                    <RankBars items={rankItems(drill.figures.money.byDoctor, 'money', 'doctor')} />
                  </Block>
                </View>
              ) : null}
            </ScrollView>
          </View>
        </View>
      ) : null}
    </View>
  )
}
