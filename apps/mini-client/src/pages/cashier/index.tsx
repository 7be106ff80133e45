import { useRef, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useLoad } from '@tarojs/taro'
import type { BillReply, PatientReply } from '@clinic/contracts'
import { ChoiceChips } from '../../components/choice-chips'
import { InputField } from '../../components/field'
import FormError from '../../components/form-error'
import ListState, { type LoadState } from '../../components/list-state'
import Pager from '../../components/pager'
import SearchBar from '../../components/search-bar'
import { canCollect } from '../../services/access'
import { api } from '../../services/api'
import { confirmAction } from '../../services/confirm'
import { requireStaff } from '../../services/guard'
import { BILLING_ERROR_TEXT, errorText } from '../../utils/error-text'
import { formatFen } from '../../utils/money'
import { maskPhone } from '../../utils/phone'
import { formatDateTime } from '../../utils/time'
import {
  BILL_STATUS_LABEL,
  checkPayment,
  DESK_METHOD_CHOICES,
  draftFor,
  isUnpaid,
  keyAfterFailure,
  LINE_KIND_LABEL,
  newIdempotencyKey,
  PAYMENT_METHOD_LABEL,
  paymentFailure,
  sortBills,
  UNPAID_STATUSES,
  type PaymentDraft
} from './cashier-logic'
import './index.scss'

const PATIENT_PAGE_SIZE = 20
const BILL_PAGE_SIZE = 20
/** A patient has only a handful of unpaid bills; one page of the largest size holds them all. */
const UNPAID_PAGE_SIZE = 100

type BillView = 'unpaid' | 'all'

const VIEW_CHOICES: { value: BillView; label: string; className: string }[] = [
  { value: 'unpaid', label: '待收费', className: 'cashier-view-unpaid' },
  { value: 'all', label: '全部账单（含已结清）', className: 'cashier-view-all' }
]

type Patients = LoadState<{ patients: PatientReply[]; total: number; page: number; query: string }> | { status: 'idle' }
type Bills = LoadState<{ bills: BillReply[]; total: number; page: number }>

interface Failure {
  message: string
  lines: string[]
}

export default function CashierPage() {
  const [query, setQuery] = useState('')
  const [patients, setPatients] = useState<Patients>({ status: 'idle' })
  const [patient, setPatient] = useState<PatientReply | null>(null)
  const [view, setView] = useState<BillView>('unpaid')
  const [bills, setBills] = useState<Bills>({ status: 'loading' })
  const [bill, setBill] = useState<BillReply | null>(null)
  const [draft, setDraft] = useState<PaymentDraft | null>(null)
  const [failure, setFailure] = useState<Failure | null>(null)
  const [paying, setPaying] = useState(false)
  // The open form's payment attempt. A ref, so the key a retry sends is the one the failed submit sent.
  const attempt = useRef<{ billId: string; key: string } | null>(null)
  const latestPatients = useRef(0)
  const latestBills = useRef(0)

  useLoad(() => {
    requireStaff(canCollect)
  })

  async function searchPatients(page = 1) {
    const ticket = ++latestPatients.current
    const text = query.trim()
    setPatients({ status: 'loading' })
    try {
      const reply = await api.listPatients({ query: text, page, pageSize: PATIENT_PAGE_SIZE })
      if (ticket === latestPatients.current) setPatients({ status: 'ready', patients: reply.items, total: reply.total, page: reply.page, query: text })
    } catch (e) {
      if (ticket === latestPatients.current) setPatients({ status: 'error', message: errorText(e) })
    }
  }

  async function loadBills(patientId: string, nextView: BillView, page: number, quiet = false) {
    const ticket = ++latestBills.current
    if (!quiet) setBills({ status: 'loading' })
    try {
      let next: { bills: BillReply[]; total: number; page: number }
      if (nextView === 'unpaid') {
        // The list filters by one status at a time: ask for each unpaid one.
        const replies = await Promise.all(UNPAID_STATUSES.map((status) => api.listBills({ patientId, status, page: 1, pageSize: UNPAID_PAGE_SIZE })))
        const all = replies.flatMap((reply) => reply.items)
        next = { bills: sortBills(all), total: all.length, page: 1 }
      } else {
        const reply = await api.listBills({ patientId, page, pageSize: BILL_PAGE_SIZE })
        next = { bills: sortBills(reply.items), total: reply.total, page: reply.page }
      }
      if (ticket === latestBills.current) setBills({ status: 'ready', ...next })
    } catch (e) {
      if (ticket === latestBills.current && !quiet) setBills({ status: 'error', message: errorText(e, BILLING_ERROR_TEXT) })
    }
  }

  function choosePatient(next: PatientReply) {
    setPatient(next)
    closeBill()
    void loadBills(next.id, view, 1)
  }

  function switchView(next: BillView) {
    setView(next)
    if (patient) void loadBills(patient.id, next, 1)
  }

  function closeBill() {
    setBill(null)
    setDraft(null)
    setFailure(null)
    attempt.current = null
  }

  /** Opens a bill with a new payment form, and so a new payment attempt (its own Idempotency-Key). */
  function open(next: BillReply) {
    // Tapping the open bill again keeps its form and attempt: a retry after a lost answer must reuse the key.
    if (attempt.current?.billId !== next.id) {
      setBill(next)
      attempt.current = { billId: next.id, key: newIdempotencyKey() }
      setDraft(next.dueFen > 0 ? draftFor(next) : null)
      setFailure(null)
    }
    // On a phone the detail sits above the list: bring it into view.
    void Taro.pageScrollTo({ scrollTop: 0, duration: 200 }).catch(() => undefined)
    // The row may be stale (another window may have taken a payment): read the bill afresh, and if what is due
    // has changed, start the form on the new amount.
    api.getBill(next.id).then(
      (fresh) => {
        if (attempt.current?.billId !== fresh.id) return
        setBill(fresh)
        if (fresh.dueFen !== next.dueFen) setDraft(fresh.dueFen > 0 ? draftFor(fresh) : null)
      },
      () => undefined
    )
  }

  /** Reads the open bill again and starts the form over on what is due now. */
  async function reloadBill(id: string, method: PaymentDraft['method']) {
    try {
      const fresh = await api.getBill(id)
      if (attempt.current?.billId !== id) return
      setBill(fresh)
      setDraft(fresh.dueFen > 0 ? draftFor(fresh, method) : null)
    } catch {
      // The failure already on screen says enough; the cashier can reopen the bill.
    }
  }

  async function pay(current: BillReply, form: PaymentDraft) {
    if (paying || !attempt.current || attempt.current.billId !== current.id) return
    const check = checkPayment(form, current.dueFen)
    if (!check.input) return
    const input = check.input
    const summary =
      input.method === 'CASH' && input.tenderedFen !== undefined
        ? `现金收款 ${formatFen(input.amountFen)}，实收 ${formatFen(input.tenderedFen)}，找零 ${formatFen(check.changeFen ?? 0)}`
        : `${PAYMENT_METHOD_LABEL[input.method]}收款 ${formatFen(input.amountFen)}`
    const rest = check.remainingFen ? `\n收款后仍应收 ${formatFen(check.remainingFen)}` : ''
    if (!(await confirmAction('确认收款', `${summary}${rest}`, '确认收款', false))) return

    const key = attempt.current.key
    setPaying(true)
    setFailure(null)
    try {
      const payment = await api.payBill(current.id, input, key)
      // This attempt is done: the next payment (the rest of a split bill) is a new one.
      attempt.current = { billId: current.id, key: newIdempotencyKey() }
      const change = payment.changeFen ? `，找零 ${formatFen(payment.changeFen)}` : ''
      void Taro.showToast({ title: `已收 ${formatFen(payment.amountFen)}${change}`, icon: 'none', duration: 3000 })
      await reloadBill(current.id, input.method)
      if (patient) void loadBills(patient.id, view, bills.status === 'ready' ? bills.page : 1, true)
    } catch (e) {
      const result = paymentFailure(e)
      if (attempt.current?.billId === current.id) attempt.current = { billId: current.id, key: keyAfterFailure(key, e) }
      setFailure({ message: result.message, lines: result.lines })
      if (result.reloadBill) await reloadBill(current.id, input.method)
    } finally {
      setPaying(false)
    }
  }

  const check = bill && draft ? checkPayment(draft, bill.dueFen) : null

  return (
    <View className='page cashier-page'>
      <View className='page-inner ph-inner'>
        <View className='page-header'>
          <View>
            <Text className='page-title'>收费</Text>
            <Text className='page-subtitle'>查找患者，收取挂号、诊疗与药品费用；可分次、分方式收款</Text>
          </View>
          {patient ? (
            <View className='header-actions'>
              <Button className='secondary-button cashier-refresh' onClick={() => loadBills(patient.id, view, 1)}>
                刷新
              </Button>
            </View>
          ) : null}
        </View>

        {patient ? (
          <View className='card cashier-patient'>
            <View className='cashier-patient-main'>
              <Text className='cashier-patient-name'>{patient.name}</Text>
              <Text className='ph-row-detail'>
                病历号 {patient.medicalRecordNo} · {maskPhone(patient.phone)}
              </Text>
            </View>
            <Button
              className='secondary-button cashier-change-patient'
              onClick={() => {
                setPatient(null)
                closeBill()
              }}
            >
              更换患者
            </Button>
          </View>
        ) : (
          <View className='card cashier-search-card'>
            <SearchBar
              className='cashier-search'
              submitClassName='cashier-search-submit'
              value={query}
              placeholder='姓名 / 手机号 / 病历号'
              onChange={setQuery}
              onSearch={() => searchPatients(1)}
            />
            {patients.status === 'idle' ? <View className='empty-state'>请先查找患者</View> : <ListState state={patients} onRetry={() => searchPatients(1)} />}
            {patients.status === 'ready' ? (
              <>
                {patients.patients.length === 0 ? <View className='empty-state'>没有找到匹配的患者，请换个关键词</View> : null}
                {patients.patients.map((item) => (
                  <View key={item.id} className='ph-row cashier-patient-row' hoverClass='ph-row--pressed' onClick={() => choosePatient(item)}>
                    <View className='ph-row-main'>
                      <Text className='ph-row-title'>{item.name}</Text>
                      <Text className='ph-row-detail'>病历号 {item.medicalRecordNo}</Text>
                    </View>
                    <View className='ph-row-aside'>
                      <Text>{maskPhone(item.phone)}</Text>
                    </View>
                  </View>
                ))}
                <Pager page={patients.page} pageSize={PATIENT_PAGE_SIZE} total={patients.total} onChange={(page) => searchPatients(page)} />
              </>
            ) : null}
          </View>
        )}

        {patient ? (
          <>
            <ChoiceChips className='ph-filters cashier-views' options={VIEW_CHOICES} value={view} onChange={switchView} />

            <View className='split-layout'>
              {bill ? (
                <View className='card split-side cashier-detail'>
                  <View className='cashier-detail-header'>
                    <View>
                      <Text className='cashier-detail-title'>{bill.sourceType === 'APPOINTMENT' ? '挂号费' : '门诊费用'}</Text>
                      <Text className='page-subtitle'>开单 {formatDateTime(bill.createdAt)}</Text>
                    </View>
                    <Text className={isUnpaid(bill) ? 'tag tag--warning cashier-status' : 'tag tag--muted cashier-status'}>{BILL_STATUS_LABEL[bill.status]}</Text>
                  </View>

                  <View className='ph-figures'>
                    <View className='ph-figure'>
                      <Text className='ph-figure-label'>总额</Text>
                      <Text className='ph-figure-value'>{formatFen(bill.totalFen)}</Text>
                    </View>
                    <View className='ph-figure'>
                      <Text className='ph-figure-label'>已收</Text>
                      <Text className='ph-figure-value'>{formatFen(bill.paidFen)}</Text>
                    </View>
                    <View className='ph-figure'>
                      <Text className='ph-figure-label'>应收</Text>
                      <Text className='ph-figure-value cashier-due'>{formatFen(bill.dueFen)}</Text>
                    </View>
                  </View>

                  <Text className='ph-section-title'>明细</Text>
                  {bill.lines.map((line) => (
                    <View key={line.id} className='cashier-line'>
                      <View className='cashier-line-main'>
                        <Text className='cashier-line-name'>{line.name}</Text>
                        <Text className='ph-row-detail'>
                          {LINE_KIND_LABEL[line.kind]} · {formatFen(line.unitPriceFen)} × {line.quantity}
                        </Text>
                      </View>
                      <Text className='ph-num cashier-line-amount'>{formatFen(line.amountFen)}</Text>
                    </View>
                  ))}

                  {bill.payments.length ? (
                    <>
                      <Text className='ph-section-title'>收款记录</Text>
                      {bill.payments.map((payment) => (
                        <View key={payment.id} className='cashier-line cashier-payment'>
                          <View className='cashier-line-main'>
                            <Text className='cashier-line-name'>{PAYMENT_METHOD_LABEL[payment.method]}</Text>
                            <Text className='ph-row-detail'>
                              {formatDateTime(payment.createdAt)}
                              {payment.tenderedFen !== null ? ` · 实收 ${formatFen(payment.tenderedFen)} · 找零 ${formatFen(payment.changeFen ?? 0)}` : ''}
                            </Text>
                          </View>
                          <Text className='ph-num cashier-line-amount'>{formatFen(payment.amountFen)}</Text>
                        </View>
                      ))}
                    </>
                  ) : null}

                  {draft && check ? (
                    <View className='ph-subform cashier-form'>
                      <Text className='ph-section-title cashier-form-title'>收款</Text>
                      <ChoiceChips
                        className='cashier-methods'
                        options={DESK_METHOD_CHOICES.map((choice) => ({ ...choice, className: `cashier-method-${choice.value.toLowerCase()}` }))}
                        value={draft.method}
                        onChange={(method) => setDraft({ ...draft, method })}
                      />
                      <View className='ph-field-row'>
                        <InputField
                          className='cashier-amount'
                          label='本次收款（元）'
                          type='digit'
                          value={draft.amount}
                          maxlength={10}
                          placeholder='0.00'
                          error={draft.amount ? check.amountError : undefined}
                          note={check.remainingFen ? <Text className='field-hint cashier-remaining'>分次收款：收后仍应收 {formatFen(check.remainingFen)}</Text> : undefined}
                          onValue={(amount) => setDraft({ ...draft, amount })}
                        />
                        {draft.method === 'CASH' ? (
                          <InputField
                            className='cashier-tendered'
                            label='实收现金（元）'
                            type='digit'
                            value={draft.tendered}
                            maxlength={10}
                            placeholder='不填即为收款金额'
                            error={check.tenderedError}
                            onValue={(tendered) => setDraft({ ...draft, tendered })}
                          />
                        ) : null}
                      </View>
                      {draft.method === 'CASH' && check.changeFen !== null ? (
                        <View className='cashier-change'>
                          <Text className='cashier-change-label'>找零</Text>
                          <Text className='cashier-change-value'>{formatFen(check.changeFen)}</Text>
                        </View>
                      ) : null}
                      <FormError className='cashier-error' message={failure?.message} lines={failure?.lines} />
                      <Button
                        className={`primary-button cashier-submit ${paying ? 'is-busy' : ''}`}
                        loading={paying}
                        disabled={!check.input || paying}
                        onClick={() => pay(bill, draft)}
                      >
                        收款 {check.input ? formatFen(check.input.amountFen) : ''}
                      </Button>
                    </View>
                  ) : (
                    <>
                      <FormError className='cashier-error' message={failure?.message} lines={failure?.lines} />
                      {bill.dueFen === 0 ? <Text className='field-hint cashier-settled'>本账单已无应收金额</Text> : null}
                    </>
                  )}
                </View>
              ) : null}

              <View className='split-main'>
                <View className='card cashier-bills'>
                  <ListState state={bills} onRetry={() => loadBills(patient.id, view, 1)} />
                  {bills.status === 'ready' ? (
                    <>
                      <Text className='list-count muted'>{view === 'unpaid' ? `待收费 ${bills.total} 张账单` : `共 ${bills.total} 张账单`}</Text>
                      {bills.bills.length === 0 ? <View className='empty-state'>{view === 'unpaid' ? '该患者没有待收费的账单' : '该患者还没有账单'}</View> : null}
                      {bills.bills.map((item) => (
                        <View
                          key={item.id}
                          className={`ph-row cashier-bill-row ${isUnpaid(item) ? '' : 'ph-row--muted'} ${bill?.id === item.id ? 'ph-row--chosen' : ''}`}
                          hoverClass='ph-row--pressed'
                          onClick={() => open(item)}
                        >
                          <View className='ph-row-main'>
                            <View className='ph-row-heading'>
                              <Text className='ph-row-title'>{item.sourceType === 'APPOINTMENT' ? '挂号费' : '门诊费用'}</Text>
                              <Text className={isUnpaid(item) ? 'tag tag--warning' : 'tag tag--muted'}>{BILL_STATUS_LABEL[item.status]}</Text>
                            </View>
                            <Text className='ph-row-detail'>
                              {formatDateTime(item.createdAt)} · {item.lines.map((line) => line.name).join('、')}
                            </Text>
                          </View>
                          <View className='ph-row-aside'>
                            <Text>{isUnpaid(item) ? `应收 ${formatFen(item.dueFen)}` : formatFen(item.totalFen)}</Text>
                            {isUnpaid(item) && item.paidFen ? <Text className='muted cashier-row-paid'>已收 {formatFen(item.paidFen)}</Text> : null}
                          </View>
                        </View>
                      ))}
                      {view === 'all' ? <Pager page={bills.page} pageSize={BILL_PAGE_SIZE} total={bills.total} onChange={(page) => loadBills(patient.id, view, page)} /> : null}
                    </>
                  ) : null}
                </View>
              </View>
            </View>
          </>
        ) : null}
      </View>
    </View>
  )
}
