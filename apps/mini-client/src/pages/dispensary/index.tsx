import { useRef, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useLoad } from '@tarojs/taro'
import type { DispensingReply, PharmacyOrderStatus } from '@clinic/contracts'
import { ChoiceChips } from '../../components/choice-chips'
import { InputField } from '../../components/field'
import FormError from '../../components/form-error'
import ListState, { type LoadState } from '../../components/list-state'
import Pager from '../../components/pager'
import { canDispense } from '../../services/access'
import { api } from '../../services/api'
import { confirmAction } from '../../services/confirm'
import { requireStaff } from '../../services/guard'
import { showPdf } from '../../services/platform/open-pdf'
import { REFRESH_MS } from '../../services/polling'
import { usePolling } from '../../services/use-polling'
import { errorText } from '../../utils/error-text'
import { formatFen } from '../../utils/money'
import { batchText, PHARMACY_ERROR_TEXT, shortageLines } from '../../utils/pharmacy'
import { orderStatusLabel } from '../../utils/pharmacy-labels'
import { formatDateTime } from '../../utils/time'
import { canReturn, checkReturn, DISPENSARY_TABS, returnable, RETURN_REASON_MAX, shortRef, usageText, type ReturnDraft } from './dispensing-logic'
import './index.scss'

const PAGE_SIZE = 30

type List = LoadState<{ orders: DispensingReply[]; total: number; page: number }>

interface Failure {
  message: string
  lines: string[]
}

export default function DispensaryPage() {
  const [tab, setTab] = useState<PharmacyOrderStatus>('READY')
  const [list, setList] = useState<List>({ status: 'loading' })
  const [order, setOrder] = useState<DispensingReply | null>(null)
  const [failure, setFailure] = useState<Failure | null>(null)
  const [returning, setReturning] = useState<ReturnDraft | null>(null)
  const [busy, setBusy] = useState('')
  const latest = useRef(0)

  async function load(status: PharmacyOrderStatus, page: number, quiet = false) {
    const ticket = ++latest.current
    if (!quiet) setList({ status: 'loading' })
    try {
      const reply = await api.listDispensing({ status, page, pageSize: PAGE_SIZE })
      if (ticket === latest.current) setList({ status: 'ready', orders: reply.items, total: reply.total, page: reply.page })
    } catch (e) {
      if (ticket === latest.current && !quiet) setList({ status: 'error', message: errorText(e, PHARMACY_ERROR_TEXT) })
    }
  }

  useLoad(() => {
    if (requireStaff(canDispense)) void load(tab, 1)
  })

  // Prescriptions become READY as patients pay at the cashier: keep the window's list current.
  usePolling(() => load(tab, list.status === 'ready' ? list.page : 1, true), REFRESH_MS.dispensary, tab === 'READY')

  function switchTab(next: PharmacyOrderStatus) {
    setTab(next)
    void load(next, 1)
  }

  function open(next: DispensingReply) {
    setOrder(next)
    setFailure(null)
    setReturning(null)
    // On a phone the detail sits above the list: bring it into view.
    void Taro.pageScrollTo({ scrollTop: 0, duration: 200 }).catch(() => undefined)
    // The row may be a poll old; the detail is read afresh.
    api.getDispensing(next.prescriptionId).then(
      (fresh) => setOrder((current) => (current?.prescriptionId === fresh.prescriptionId ? fresh : current)),
      () => undefined
    )
  }

  async function run(key: string, action: () => Promise<void>) {
    if (busy) return
    setBusy(key)
    setFailure(null)
    try {
      await action()
    } catch (e) {
      setFailure({ message: errorText(e, PHARMACY_ERROR_TEXT), lines: shortageLines(e) })
    } finally {
      setBusy('')
    }
  }

  function dispense(current: DispensingReply) {
    void run('dispense', async () => {
      const done = await api.dispense(current.prescriptionId)
      setOrder(done)
      void Taro.showToast({ title: '发药完成', icon: 'success' })
      void load(tab, 1, true)
    })
  }

  function printLabel(current: DispensingReply) {
    void run('label', () => showPdf(api.labelPdf(current.prescriptionId)))
  }

  async function submitReturn(current: DispensingReply, draft: ReturnDraft) {
    const check = checkReturn(current, draft)
    if (!check.input) {
      setFailure({ message: check.problem ?? '', lines: [] })
      return
    }
    const input = check.input
    const confirmed = await confirmAction('退药', `退回 ${input.items.length} 种药品，退款 ${formatFen(check.amountFen)}，药品将回到原批次库存。确定退药吗？`, '确定退药')
    if (!confirmed) return
    void run('return', async () => {
      const reply = await api.returnDrugs(current.prescriptionId, input)
      setReturning(null)
      setOrder(await api.getDispensing(current.prescriptionId))
      void Taro.showToast({ title: `已退药 ${formatFen(reply.amountFen)}`, icon: 'none' })
    })
  }

  const check = order && returning ? checkReturn(order, returning) : null

  return (
    <View className='page dispensary-page'>
      <View className='page-inner ph-inner'>
        <View className='page-header'>
          <View>
            <Text className='page-title'>发药</Text>
            <Text className='page-subtitle'>已缴费的处方在此调配、发药，打印用药标签</Text>
          </View>
          <View className='header-actions'>
            <Button className='secondary-button disp-refresh' onClick={() => load(tab, 1)}>
              刷新
            </Button>
          </View>
        </View>

        <ChoiceChips
          className='ph-filters disp-tabs'
          options={DISPENSARY_TABS.map((item) => ({ value: item.status, label: item.label, className: `disp-tab-${item.status.toLowerCase()}` }))}
          value={tab}
          onChange={switchTab}
        />

        <View className='split-layout'>
          {order ? (
            <View className='card split-side disp-detail'>
              <View className='disp-detail-header'>
                <View>
                  <Text className='disp-detail-patient'>{order.patientName}</Text>
                  <Text className='page-subtitle'>
                    处方 {shortRef(order.prescriptionId)}
                    {order.doctorName ? ` · ${order.doctorName}` : ''}
                  </Text>
                </View>
                <Text className={order.status === 'READY' ? 'tag disp-status' : 'tag tag--muted disp-status'}>{orderStatusLabel(order.status)}</Text>
              </View>

              <View className='ph-figures'>
                <View className='ph-figure'>
                  <Text className='ph-figure-label'>金额</Text>
                  <Text className='ph-figure-value'>{formatFen(order.totalFen)}</Text>
                </View>
                <View className='ph-figure'>
                  <Text className='ph-figure-label'>{order.dispensedAt ? '发药时间' : order.paidAt ? '缴费时间' : '开方时间'}</Text>
                  <Text className='disp-figure-time'>{formatDateTime(order.dispensedAt ?? order.paidAt ?? order.reservedAt)}</Text>
                </View>
                <View className='ph-figure'>
                  <Text className='ph-figure-label'>处方有效期至</Text>
                  <Text className='disp-figure-time'>{formatDateTime(order.validUntil)}</Text>
                </View>
              </View>

              {order.lines.map((line) => {
                const usage = usageText(line)
                const left = returnable(line)
                return (
                  <View key={line.lineId} className='disp-line'>
                    <View className='disp-line-heading'>
                      <Text className='disp-line-name'>
                        {line.name} <Text className='muted'>{line.spec}</Text>
                      </Text>
                      <Text className='disp-line-quantity ph-num'>
                        × {line.quantity} {line.unit}
                      </Text>
                    </View>
                    <Text className='ph-row-detail'>
                      {usage ? `${usage} · ` : ''}
                      {formatFen(line.unitPriceFen)}/{line.unit} · {formatFen(line.amountFen)}
                      {line.returnedQuantity ? ` · 已退 ${line.returnedQuantity} ${line.unit}` : ''}
                    </Text>
                    {line.batches.map((batch) => (
                      <Text key={`${batch.batchNo}-${batch.expiryDate}`} className='disp-batch'>
                        {batchText(batch, line.unit)}
                      </Text>
                    ))}
                    {returning && left > 0 ? (
                      <InputField
                        className={`disp-return-quantity disp-return-${line.lineId}`}
                        label={`退药数量（最多 ${left} ${line.unit}）`}
                        error={check?.lineErrors[line.lineId]}
                        type='number'
                        value={returning.quantities[line.lineId] ?? ''}
                        maxlength={6}
                        placeholder='0'
                        onValue={(value) => setReturning({ ...returning, quantities: { ...returning.quantities, [line.lineId]: value } })}
                      />
                    ) : null}
                  </View>
                )
              })}

              {returning ? (
                <View className='ph-subform disp-return-form'>
                  <InputField
                    className='disp-return-reason'
                    label='退药原因'
                    type='text'
                    value={returning.reason}
                    maxlength={RETURN_REASON_MAX}
                    placeholder='例如：患者过敏停药'
                    onValue={(reason) => setReturning({ ...returning, reason })}
                  />
                  <Text className='field-hint'>预计退款 {formatFen(check?.amountFen ?? 0)}（按收费时的价格）</Text>
                </View>
              ) : null}

              <FormError className='disp-error' message={failure?.message} lines={failure?.lines} />

              {order.status === 'READY' ? (
                <Button className={`primary-button disp-dispense ${busy === 'dispense' ? 'is-busy' : ''}`} loading={busy === 'dispense'} onClick={() => dispense(order)}>
                  发药
                </Button>
              ) : null}
              {order.status === 'DISPENSED' && !returning ? (
                <View className='form-actions disp-actions'>
                  {canReturn(order) ? (
                    <Button
                      className='secondary-button disp-return-open'
                      onClick={() => {
                        setFailure(null)
                        setReturning({ quantities: {}, reason: '' })
                      }}
                    >
                      退药
                    </Button>
                  ) : null}
                  <Button className={`primary-button disp-label ${busy === 'label' ? 'is-busy' : ''}`} onClick={() => printLabel(order)}>
                    打印标签
                  </Button>
                </View>
              ) : null}
              {returning ? (
                <View className='form-actions'>
                  <Button className='secondary-button form-cancel' onClick={() => setReturning(null)}>
                    取消
                  </Button>
                  <Button className={`danger-button disp-return-submit ${busy === 'return' ? 'is-busy' : ''}`} onClick={() => submitReturn(order, returning)}>
                    确认退药
                  </Button>
                </View>
              ) : null}
            </View>
          ) : null}

          <View className='split-main'>
            <View className='card disp-list'>
              <ListState state={list} onRetry={() => load(tab, 1)} />
              {list.status === 'ready' ? (
                <>
                  <Text className='list-count muted'>共 {list.total} 张处方</Text>
                  {list.orders.length === 0 ? <View className='empty-state'>{tab === 'READY' ? '暂无待发药处方' : '没有处方'}</View> : null}
                  {list.orders.map((item) => (
                    <View
                      key={item.prescriptionId}
                      className={`ph-row disp-row ${order?.prescriptionId === item.prescriptionId ? 'ph-row--chosen' : ''}`}
                      hoverClass='ph-row--pressed'
                      onClick={() => open(item)}
                    >
                      <View className='ph-row-main'>
                        <View className='ph-row-heading'>
                          <Text className='ph-row-title disp-row-patient'>{item.patientName}</Text>
                          {item.doctorName ? <Text className='tag tag--muted'>{item.doctorName}</Text> : null}
                        </View>
                        <Text className='ph-row-detail'>
                          {item.lines.map((line) => `${line.name}×${line.quantity}`).join('、')}
                        </Text>
                      </View>
                      <View className='ph-row-aside'>
                        <Text>{formatFen(item.totalFen)}</Text>
                        <Text className='muted disp-row-time'>{formatDateTime(item.dispensedAt ?? item.paidAt ?? item.reservedAt)}</Text>
                      </View>
                    </View>
                  ))}
                  <Pager page={list.page} pageSize={PAGE_SIZE} total={list.total} onChange={(page) => load(tab, page)} />
                </>
              ) : null}
            </View>
          </View>
        </View>
      </View>
    </View>
  )
}
