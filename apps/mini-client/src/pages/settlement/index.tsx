import { useRef, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useLoad, useRouter } from '@tarojs/taro'
import type { DailySettlementReply } from '@clinic/contracts'
import DateField from '../../components/date-field'
import { InputField, TextareaField } from '../../components/field'
import FormError from '../../components/form-error'
import ListState, { type LoadState } from '../../components/list-state'
import { canCloseDay, canReadSettlements } from '../../services/access'
import { isApiError } from '../../services/api'
import { billingApi } from '../../services/api-billing'
import { confirmAction } from '../../services/confirm'
import { requireStaff } from '../../services/guard'
import { PAYMENT_METHOD_LABEL } from '../../utils/billing-labels'
import { errorText } from '../../utils/error-text'
import { SETTLEMENT_ERROR_TEXT } from '../../utils/staff-billing-text'
import { formatFen } from '../../utils/money'
import { addDays } from '../../utils/schedule'
import { clinicToday, formatDateTime } from '../../utils/time'
import {
  cashDifference,
  closeConfirmText,
  closedByText,
  countedCashCheck,
  dateProblem,
  differenceOf,
  methodRows,
  NOTE_MAX,
  outflowText,
  recentPeriod
} from './settlement-logic'
import './index.scss'

type Day = LoadState<{ value: DailySettlementReply }> | { status: 'idle' }
type Recent = LoadState<{ value: DailySettlementReply[] }>

const COLUMNS = ['支付方式', '收款', '笔数', '退款', '冲正', '净额']

/** The figures of one day by method, as a table with the day's totals. */
function MethodTable({ day }: { day: DailySettlementReply }) {
  const rows = methodRows(day.methods)
  const totals = day.totals
  const cells = (values: string[]) =>
    values.map((value, index) => (
      <Text key={COLUMNS[index]} className={`rp-td ${index === 0 ? 'rp-td--text' : 'rp-td--num'}`}>
        {value}
      </Text>
    ))
  return (
    <View className='rp-table settlement-table'>
      <View className='rp-tr rp-th'>{cells(COLUMNS)}</View>
      {rows.map((row) => (
        <View key={row.method} className={`rp-tr rp-row settlement-row settlement-row-${row.method.toLowerCase()}`}>
          {cells([
            PAYMENT_METHOD_LABEL[row.method] ?? row.method,
            formatFen(row.paymentsFen),
            String(row.paymentCount),
            outflowText(row.refundsFen, row.refundCount),
            outflowText(row.reversalsFen, row.reversalCount),
            formatFen(row.netFen)
          ])}
        </View>
      ))}
      <View className='rp-tr rp-total settlement-total'>
        {cells([
          '合计',
          formatFen(totals.paymentsFen),
          String(totals.paymentCount),
          outflowText(totals.refundsFen, totals.refundCount),
          outflowText(totals.reversalsFen, totals.reversalCount),
          formatFen(totals.netFen)
        ])}
      </View>
    </View>
  )
}

/** 日结: the day's money by method, the cash counted against the cash expected, and the close that locks the day. */
export default function SettlementPage() {
  const router = useRouter()
  const [date, setDate] = useState(() => clinicToday())
  const [dateError, setDateError] = useState('')
  const [day, setDay] = useState<Day>({ status: 'idle' })
  const [recent, setRecent] = useState<Recent>({ status: 'loading' })
  const [counted, setCounted] = useState('')
  const [note, setNote] = useState('')
  const [tried, setTried] = useState(false)
  const [closing, setClosing] = useState(false)
  const [failure, setFailure] = useState('')
  const [mayClose, setMayClose] = useState(false)
  const [me, setMe] = useState<{ id: string; name: string } | null>(null)
  const latest = useRef(0)

  async function load(next: string) {
    const problem = dateProblem(next, clinicToday())
    setDateError(problem ?? '')
    if (problem) return
    const ticket = ++latest.current
    setDay({ status: 'loading' })
    setFailure('')
    setTried(false)
    setCounted('')
    setNote('')
    try {
      const value = await billingApi.dailySettlement(next.trim())
      if (ticket === latest.current) setDay({ status: 'ready', value })
    } catch (e) {
      if (ticket === latest.current) setDay({ status: 'error', message: errorText(e, SETTLEMENT_ERROR_TEXT) })
    }
  }

  async function loadRecent() {
    const period = recentPeriod(clinicToday())
    try {
      // Newest first, as the server lists them; 30 days hold at most 30 closed days.
      setRecent({ status: 'ready', value: (await billingApi.listSettlements(period.from, period.to, 30)).items })
    } catch (e) {
      setRecent({ status: 'error', message: errorText(e, SETTLEMENT_ERROR_TEXT) })
    }
  }

  useLoad(() => {
    const session = requireStaff(canReadSettlements)
    if (!session) return
    setMayClose(canCloseDay(session.user.roles))
    setMe({ id: session.user.id, name: session.user.name })
    const asked = router.params.date ? decodeURIComponent(router.params.date) : ''
    const first = asked && !dateProblem(asked, clinicToday()) ? asked : clinicToday()
    setDate(first)
    void load(first)
    void loadRecent()
  })

  function pick(next: string) {
    setDate(next)
    void load(next)
  }

  async function close(current: DailySettlementReply) {
    setTried(true)
    const cash = countedCashCheck(counted)
    if (closing || cash.fen === undefined || note.length > NOTE_MAX) return
    const countedFen = cash.fen
    if (!(await confirmAction('确认日结', closeConfirmText(current.date, current.expectedCashFen, countedFen), '确认日结'))) return
    setClosing(true)
    setFailure('')
    try {
      const closed = await billingApi.closeDay({ date: current.date, countedCashFen: countedFen, ...(note.trim() ? { note: note.trim() } : {}) })
      setDay({ status: 'ready', value: closed })
      void Taro.showToast({ title: `${closed.date} 已日结`, icon: 'none' })
      void loadRecent()
    } catch (e) {
      setFailure(errorText(e, SETTLEMENT_ERROR_TEXT))
      // Closed meanwhile (another window) or its figures moved: show the day as it is now.
      if (isApiError(e) && e.code === 'SETTLEMENT.DAY_CLOSED') {
        try {
          setDay({ status: 'ready', value: await billingApi.dailySettlement(current.date) })
        } catch {
          // The message above says enough.
        }
      }
    } finally {
      setClosing(false)
    }
  }

  const today = clinicToday()
  const current = day.status === 'ready' ? day.value : null
  const cash = countedCashCheck(counted)
  const live = current && cash.fen !== undefined ? cashDifference(current.expectedCashFen, cash.fen) : null
  const closedDiff = current?.status === 'CLOSED' && current.differenceFen !== null ? differenceOf(current.differenceFen) : null
  const closer = current ? closedByText(current.closedBy, me) : null

  return (
    <View className='page settlement-page'>
      <View className='page-inner ph-inner'>
        <View className='page-header'>
          <View>
            <Text className='page-title'>日结</Text>
            <Text className='page-subtitle'>按支付方式汇总当日收退款，清点现金后结账；日结后当日账目锁定</Text>
          </View>
        </View>

        <View className='card ph-card settlement-date-card'>
          <DateField className='settlement-date' label='营业日' value={date} error={dateError} end={today} onChange={setDate} />
          <View className='button-row rp-period-actions'>
            <Text className='link-text rp-month settlement-today' onClick={() => pick(today)}>
              今天
            </Text>
            <Text className='link-text rp-month settlement-prev' onClick={() => pick(addDays(dateProblem(date, today) ? today : date.trim(), -1))}>
              前一天
            </Text>
            <Button className='primary-button settlement-query' onClick={() => load(date)}>
              查询
            </Button>
          </View>
        </View>

        <View className='card ph-card settlement-day'>
          <ListState state={day} onRetry={() => load(date)} />
          {current ? (
            <>
              <View className='settlement-day-header'>
                <Text className='section-title settlement-day-title'>{current.date}</Text>
                <Text className={`tag ${current.status === 'CLOSED' ? 'tag--muted settlement-status--closed' : 'tag--warning settlement-status--open'} settlement-status`}>
                  {current.status === 'CLOSED' ? '已日结' : '未日结'}
                </Text>
              </View>

              <MethodTable day={current} />

              <View className='ph-figures settlement-cash'>
                <View className='ph-figure'>
                  <Text className='ph-figure-label'>应有现金</Text>
                  <Text className='ph-figure-value settlement-expected'>{formatFen(current.expectedCashFen)}</Text>
                </View>
                {current.status === 'CLOSED' ? (
                  <>
                    <View className='ph-figure'>
                      <Text className='ph-figure-label'>实点现金</Text>
                      <Text className='ph-figure-value settlement-counted-value'>{current.countedCashFen === null ? '—' : formatFen(current.countedCashFen)}</Text>
                    </View>
                    <View className='ph-figure'>
                      <Text className='ph-figure-label'>差额</Text>
                      <Text className={`ph-figure-value settlement-difference settlement-difference--${closedDiff?.kind ?? 'even'}`}>{closedDiff ? closedDiff.text : '—'}</Text>
                    </View>
                  </>
                ) : null}
              </View>

              {current.status === 'CLOSED' ? (
                <View className='settlement-closed'>
                  <Text className='settlement-closed-text'>
                    已日结{current.closedAt ? ` · ${formatDateTime(current.closedAt)}` : ''}
                    {closer ? ` · 结账人 ${closer}` : ''}
                  </Text>
                  {current.note ? <Text className='settlement-closed-note'>备注：{current.note}</Text> : null}
                  <Text className='field-hint'>当日账目已锁定；之后的收退款与冲正记入下一营业日。</Text>
                </View>
              ) : mayClose ? (
                <View className='ph-subform settlement-form'>
                  <InputField
                    className='settlement-counted'
                    label='实点现金（元）'
                    type='digit'
                    value={counted}
                    maxlength={10}
                    placeholder='清点钱箱后填写'
                    error={tried || counted ? cash.error : undefined}
                    onValue={setCounted}
                  />
                  <View className={`settlement-live settlement-difference settlement-difference--${live?.kind ?? 'none'}`}>
                    <Text className='settlement-live-label'>差额</Text>
                    <Text className='settlement-live-value'>{live ? live.text : '—'}</Text>
                  </View>
                  <TextareaField
                    className='settlement-note'
                    label='备注（选填）'
                    value={note}
                    maxlength={NOTE_MAX}
                    placeholder='如有长短款，请说明原因'
                    onValue={setNote}
                  />
                  <FormError className='settlement-error' message={failure} />
                  <Button className={`primary-button settlement-close ${closing ? 'is-busy' : ''}`} loading={closing} disabled={closing} onClick={() => close(current)}>
                    日结
                  </Button>
                </View>
              ) : (
                <Text className='field-hint settlement-readonly'>仅收费员可以日结；此处只能查看。</Text>
              )}
            </>
          ) : null}
        </View>

        <View className='card ph-card settlement-history'>
          <Text className='section-title'>近 30 天已日结</Text>
          <ListState state={recent} onRetry={loadRecent} />
          {recent.status === 'ready' && !recent.value.length ? <View className='empty-state'>近 30 天没有已日结的营业日</View> : null}
          {recent.status === 'ready'
            ? recent.value.map((item) => {
                const diff = item.differenceFen === null ? null : differenceOf(item.differenceFen)
                return (
                  <View key={item.date} className={`ph-row settlement-history-row ${current?.date === item.date ? 'ph-row--chosen' : ''}`} hoverClass='ph-row--pressed' onClick={() => pick(item.date)}>
                    <View className='ph-row-main'>
                      <Text className='ph-row-title'>{item.date}</Text>
                      <Text className='ph-row-detail'>{item.closedAt ? `日结于 ${formatDateTime(item.closedAt)}` : '已日结'}</Text>
                    </View>
                    <View className='ph-row-aside'>
                      <Text>净收入 {formatFen(item.totals.netFen)}</Text>
                      {diff ? <Text className={diff.kind === 'even' ? 'muted' : 'ph-loss'}>{diff.text}</Text> : null}
                    </View>
                  </View>
                )
              })
            : null}
        </View>
      </View>
    </View>
  )
}
