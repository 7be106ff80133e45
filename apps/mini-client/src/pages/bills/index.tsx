import { useRef, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useLoad, useUnload } from '@tarojs/taro'
import type { BillReply, PaymentReply } from '@clinic/contracts'
import { ChoiceChips } from '../../components/choice-chips'
import ListState, { type LoadState } from '../../components/list-state'
import Pager from '../../components/pager'
import { api, isApiError } from '../../services/api'
import { requireAccount } from '../../services/guard'
import { createIdempotentAttempts, outcomeUnknown } from '../../services/idempotency'
import { relaunch, ROUTES } from '../../services/navigation'
import { showPdf } from '../../services/platform/open-pdf'
import { HAS_PAYMENT_SHEET, requestWechatPayment } from '../../services/platform/wechat-pay'
import { wechatErrorText } from '../../services/platform/wechat-pay-outcome'
import { hasCurrentConsent } from '../../services/privacy'
import { billTitle, BILL_STATUS_LABEL } from '../../utils/billing-labels'
import { isUnpaid, sortBills, UNPAID_STATUSES } from '../../utils/bills'
import { BILLING_ERROR_TEXT, errorText, type ErrorTextOverrides } from '../../utils/error-text'
import { formatFen } from '../../utils/money'
import { formatDateTime } from '../../utils/time'
import BillDetail from './bill-detail'
import { afterPrepay, outstandingFen, PAY_POLL, PAY_RESULT_TEXT, pollPayment, toneOf, type PayTone } from './bill-pay'
import './index.scss'

const PAGE_SIZE = 20
/** An account's unpaid bills fit in one page of the largest size. */
const UNPAID_PAGE_SIZE = 100

type BillView = 'unpaid' | 'all'
type List = LoadState<{ bills: BillReply[]; total: number; page: number }>

/** Where the payment of the open bill stands. */
type Pay =
  | { phase: 'idle' }
  | { phase: 'starting' }
  | { phase: 'dev'; payment: PaymentReply }
  | { phase: 'polling' }
  | { phase: 'result'; tone: PayTone; text: string }

const VIEW_CHOICES: { value: BillView; label: string; className: string }[] = [
  { value: 'unpaid', label: '待缴费', className: 'bills-view-unpaid' },
  { value: 'all', label: '全部账单', className: 'bills-view-all' }
]

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** The billing refusals in the patient's words. */
const PATIENT_BILLING_TEXT: ErrorTextOverrides = {
  ...BILLING_ERROR_TEXT,
  NOT_FOUND: '没有找到该账单',
  'PAYMENT.ONLINE_PENDING': '上一笔微信支付尚未结束，请稍后刷新再试',
  'PAYMENT.EXCEEDS_DUE': '账单金额已变化，请刷新后再支付',
  'PAYMENT.CHANNEL_REFUSED': '微信支付暂时无法使用，请稍后重试'
}

/** 我的账单: the bills of the account's patients, unpaid first; a bill's detail, WeChat payment and receipt. */
export default function BillsPage() {
  const [view, setView] = useState<BillView>('unpaid')
  const [list, setList] = useState<List>({ status: 'loading' })
  const [names, setNames] = useState<Record<string, string>>({})
  const [chosen, setChosen] = useState<BillReply | null>(null)
  const [pay, setPay] = useState<Pay>({ phase: 'idle' })
  const attempts = useRef(createIdempotentAttempts()).current
  const alive = useRef(true)
  // Which payment run is current: opening another bill or going back ends the run (its polling stops, its
  // outcome is not shown on another bill).
  const run = useRef(0)
  const current = (mine: number) => alive.current && run.current === mine

  useUnload(() => {
    alive.current = false
  })

  function failed(e: unknown): string {
    if (isApiError(e) && e.code === 'PRIVACY.CONSENT_REQUIRED') relaunch(ROUTES.privacy)
    return errorText(e, PATIENT_BILLING_TEXT)
  }

  async function load(nextView: BillView, page = 1) {
    setList({ status: 'loading' })
    try {
      if (nextView === 'unpaid') {
        // The list filters by one status at a time: ask for each unpaid one.
        const replies = await Promise.all(UNPAID_STATUSES.map((status) => api.listMyBills({ status, page: 1, pageSize: UNPAID_PAGE_SIZE })))
        const bills = sortBills(replies.flatMap((reply) => reply.items))
        setList({ status: 'ready', bills, total: bills.length, page: 1 })
      } else {
        const reply = await api.listMyBills({ page, pageSize: PAGE_SIZE })
        setList({ status: 'ready', bills: sortBills(reply.items), total: reply.total, page: reply.page })
      }
    } catch (e) {
      setList({ status: 'error', message: failed(e) })
    }
  }

  useLoad(() => {
    const session = requireAccount()
    if (!session) return
    if (!hasCurrentConsent(session.account)) {
      relaunch(ROUTES.privacy)
      return
    }
    void load('unpaid')
    // The patients' names for the rows; without them the rows still read.
    api.listPatients({ page: 1, pageSize: 20 }).then(
      (reply) => setNames(Object.fromEntries(reply.items.map((patient) => [patient.id, patient.name]))),
      () => undefined
    )
  })

  function switchView(next: BillView) {
    setView(next)
    void load(next)
  }

  function open(bill: BillReply) {
    run.current += 1
    setChosen(bill)
    setPay({ phase: 'idle' })
    void Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined)
    void refresh(bill.id)
  }

  function back() {
    run.current += 1
    setChosen(null)
    setPay({ phase: 'idle' })
    void load(view, list.status === 'ready' ? list.page : 1)
  }

  async function refresh(id: string) {
    try {
      const fresh = await api.getMyBill(id)
      if (alive.current) setChosen((shown) => (shown?.id === fresh.id ? fresh : shown))
    } catch {
      // What is on screen stays.
    }
  }

  function finish(mine: number, tone: PayTone, text = PAY_RESULT_TEXT[tone]) {
    if (!current(mine)) return
    setPay({ phase: 'result', tone, text })
    if (tone === 'succeeded') void Taro.showToast({ title: '支付成功', icon: 'success' })
  }

  /** Asks the server for the payment's outcome every 2 s for about 30 s. */
  async function confirm(mine: number, bill: BillReply, paymentId: string) {
    setPay({ phase: 'polling' })
    try {
      const result = await pollPayment(() => api.getMyPayment(paymentId), { ...PAY_POLL, sleep, now: Date.now, stopped: () => !current(mine) })
      if (result.outcome !== 'STOPPED') finish(mine, toneOf(result.outcome))
    } catch (e) {
      finish(mine, 'failed', errorText(e, PATIENT_BILLING_TEXT))
    }
    if (current(mine)) await refresh(bill.id)
  }

  async function startPay(bill: BillReply) {
    if (pay.phase === 'starting' || pay.phase === 'polling') return
    const mine = run.current
    setPay({ phase: 'starting' })
    let reply
    try {
      // A retry after no answer sends the same key: the server answers the payment it already opened.
      reply = await attempts.run(`wechat:${bill.id}`, (key) => api.wechatPay(bill.id, key))
    } catch (e) {
      finish(mine, 'failed', `${failed(e)}${outcomeUnknown(e) ? '，请重试' : ''}`)
      if (!outcomeUnknown(e)) void refresh(bill.id)
      return
    }
    if (!current(mine)) return
    const next = afterPrepay(reply, HAS_PAYMENT_SHEET)
    if (next === 'dev') {
      setPay({ phase: 'dev', payment: reply.payment })
      return
    }
    if (next === 'sheet' && reply.requestPayment) {
      try {
        const outcome = await requestWechatPayment(reply.requestPayment)
        if (outcome === 'cancelled') {
          // The bill stays unpaid; the open WeChat order lapses on its own or is paid on the next try.
          finish(mine, 'cancelled')
          void refresh(bill.id)
          return
        }
      } catch (e) {
        finish(mine, 'failed', `支付未完成：${wechatErrorText(e)}`)
        void refresh(bill.id)
        return
      }
    }
    await confirm(mine, bill, reply.payment.id)
  }

  async function devComplete(bill: BillReply, payment: PaymentReply) {
    const mine = run.current
    setPay({ phase: 'polling' })
    try {
      await api.devCompletePayment(payment.id)
    } catch (e) {
      // With no answer the poll below still finds out whether it went through.
      if (!outcomeUnknown(e)) {
        finish(mine, 'failed', errorText(e, PATIENT_BILLING_TEXT))
        return
      }
    }
    await confirm(mine, bill, payment.id)
  }

  function receipt(bill: BillReply) {
    // Called inside the tap: on h5 the PDF's tab must open before anything is awaited.
    showPdf(api.myReceiptPdf(bill.id)).catch((e: unknown) => {
      void Taro.showModal({ title: '无法打开收据', content: errorText(e, PATIENT_BILLING_TEXT), showCancel: false })
    })
  }

  if (chosen) {
    const owed = outstandingFen(chosen)
    const busy = pay.phase === 'starting' || pay.phase === 'polling'
    return (
      <View className='page bills-page'>
        <View className='page-inner bills-inner'>
          <View className='page-header'>
            <View>
              <Text className='page-title'>账单详情</Text>
            </View>
            <View className='header-actions'>
              <Button className='secondary-button bills-refresh' onClick={() => refresh(chosen.id)}>
                刷新
              </Button>
              <Button className='secondary-button bills-back' onClick={back}>
                返回列表
              </Button>
            </View>
          </View>
          <BillDetail bill={chosen} patientName={names[chosen.patientId] ?? ''}>
            {chosen.pendingFen > 0 && pay.phase === 'idle' ? <Text className='field-hint bills-pending'>有一笔微信支付尚未完成，可继续支付</Text> : null}
            {pay.phase === 'dev' ? (
              <View className='bills-pay-state bills-pay-dev'>
                <Text className='bills-pay-text'>开发环境：未配置微信支付商户，不会真正扣款。点击“模拟支付”完成这笔支付。</Text>
                <View className='button-row'>
                  <Button className='primary-button bills-dev-pay' onClick={() => devComplete(chosen, pay.payment)}>
                    模拟支付 {formatFen(pay.payment.amountFen)}
                  </Button>
                  <Button className='secondary-button bills-dev-cancel' onClick={() => finish(run.current, 'cancelled')}>
                    取消
                  </Button>
                </View>
              </View>
            ) : null}
            {pay.phase === 'polling' ? <Text className='bills-pay-state bills-pay-polling'>正在确认支付结果…</Text> : null}
            {pay.phase === 'result' ? <Text className={`bills-pay-state bills-pay-result bills-pay-result--${pay.tone}`}>{pay.text}</Text> : null}
            <View className='button-row bills-actions'>
              {owed > 0 && pay.phase !== 'dev' ? (
                <Button className={`primary-button bills-pay ${busy ? 'is-busy' : ''}`} loading={busy} disabled={busy} onClick={() => startPay(chosen)}>
                  微信支付 {formatFen(owed)}
                </Button>
              ) : null}
              {chosen.paidFen > 0 ? (
                <Button className='secondary-button bills-receipt' onClick={() => receipt(chosen)}>
                  查看收据
                </Button>
              ) : null}
            </View>
          </BillDetail>
        </View>
      </View>
    )
  }

  return (
    <View className='page bills-page'>
      <View className='page-inner bills-inner'>
        <View className='page-header'>
          <View>
            <Text className='page-title'>我的账单</Text>
            <Text className='page-subtitle'>就诊人的挂号与门诊费用，可微信支付、查看收据</Text>
          </View>
        </View>
        <ChoiceChips className='bills-views' options={VIEW_CHOICES} value={view} onChange={switchView} />
        <ListState state={list} onRetry={() => load(view)} />
        {list.status === 'ready' && !list.bills.length ? (
          <View className='card empty-state bills-empty'>{view === 'unpaid' ? '没有待缴费的账单' : '还没有账单'}</View>
        ) : null}
        {list.status === 'ready'
          ? list.bills.map((bill) => (
              <View key={bill.id} className={`card bills-row ${isUnpaid(bill) ? 'bills-row--unpaid' : ''}`} hoverClass='bills-row--pressed' onClick={() => open(bill)}>
                <View className='bills-row-heading'>
                  <Text className='bills-row-title'>
                    {billTitle(bill)}
                    {names[bill.patientId] ? ` · ${names[bill.patientId]}` : ''}
                  </Text>
                  <Text className={`tag ${isUnpaid(bill) ? 'tag--warning' : 'tag--muted'}`}>{BILL_STATUS_LABEL[bill.status]}</Text>
                </View>
                <Text className='muted bills-row-line'>
                  {formatDateTime(bill.createdAt)} · {bill.lines.map((line) => line.name).join('、')}
                </Text>
                <Text className='bills-row-amount'>{isUnpaid(bill) ? `待付 ${formatFen(outstandingFen(bill))}` : `合计 ${formatFen(bill.totalFen)}`}</Text>
              </View>
            ))
          : null}
        {list.status === 'ready' && view === 'all' ? <Pager page={list.page} pageSize={PAGE_SIZE} total={list.total} onChange={(page) => load(view, page)} /> : null}
      </View>
    </View>
  )
}
