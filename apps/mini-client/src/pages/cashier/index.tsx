import { useRef, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useLoad } from '@tarojs/taro'
import type { BillReply, PatientReply } from '@clinic/contracts'
import { ChoiceChips } from '../../components/choice-chips'
import ListState, { type LoadState } from '../../components/list-state'
import Pager from '../../components/pager'
import SearchBar from '../../components/search-bar'
import { canCollect } from '../../services/access'
import { api } from '../../services/api'
import { requireStaff } from '../../services/guard'
import { billTitle } from '../../utils/billing-labels'
import { BILLING_ERROR_TEXT, errorText } from '../../utils/error-text'
import { formatFen } from '../../utils/money'
import { maskPhone } from '../../utils/phone'
import { formatDateTime } from '../../utils/time'
import BillPanel from './bill-panel'
import { BILL_STATUS_LABEL, isUnpaid, sortBills, UNPAID_STATUSES } from './cashier-logic'
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

export default function CashierPage() {
  const [query, setQuery] = useState('')
  const [patients, setPatients] = useState<Patients>({ status: 'idle' })
  const [patient, setPatient] = useState<PatientReply | null>(null)
  const [view, setView] = useState<BillView>('unpaid')
  const [bills, setBills] = useState<Bills>({ status: 'loading' })
  const [bill, setBill] = useState<BillReply | null>(null)
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
  }

  /** Opens a bill; its panel holds the payment form and the attempts (their Idempotency-Keys) for this bill. */
  function open(next: BillReply) {
    // Tapping the open bill again keeps its panel, and so its attempts: a retry after a lost answer reuses the key.
    if (bill?.id !== next.id) setBill(next)
    // On a phone the detail sits above the list: bring it into view.
    void Taro.pageScrollTo({ scrollTop: 0, duration: 200 }).catch(() => undefined)
    // The row may be stale (another window may have taken a payment): read the bill afresh.
    void reloadBill(next.id)
  }

  /** Reads the open bill again (the panel starts its form over when what is due has changed). */
  async function reloadBill(id: string) {
    try {
      const fresh = await api.getBill(id)
      setBill((current) => (current?.id === fresh.id ? fresh : current))
    } catch {
      // What is on screen stays; the cashier can reopen the bill.
    }
  }

  /** After money moved: the bill and, quietly, the list. */
  async function billChanged(id: string) {
    await reloadBill(id)
    if (patient) void loadBills(patient.id, view, bills.status === 'ready' ? bills.page : 1, true)
  }

  return (
    <View className='page cashier-page'>
      <View className='page-inner ph-inner'>
        <View className='page-header'>
          <View>
            <Text className='page-title'>收费</Text>
            <Text className='page-subtitle'>查找患者，收取挂号、诊疗与药品费用；可分次、分方式（含医保）收款，退费、冲正与打印收据</Text>
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
              {bill ? <BillPanel key={bill.id} bill={bill} onReload={() => billChanged(bill.id)} /> : null}

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
                              <Text className='ph-row-title'>{billTitle(item)}</Text>
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
