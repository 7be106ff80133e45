import { useEffect, useRef, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { BillReply, PaymentReply, PaymentReversalReply, RefundReply } from '@clinic/contracts'
import { billingApi } from '../../services/api-billing'
import { confirmAction } from '../../services/confirm'
import { createIdempotentAttempts } from '../../services/idempotency'
import { showPdf } from '../../services/platform/open-pdf'
import { usePolling } from '../../services/use-polling'
import { billTitle, BILL_STATUS_LABEL, LINE_KIND_LABEL } from '../../utils/billing-labels'
import { BILLING_ERROR_TEXT, errorText } from '../../utils/error-text'
import { formatFen } from '../../utils/money'
import { formatDateTime } from '../../utils/time'
import { closeOutcomeText, isUnpaid } from './cashier-logic'
import MoneyRecords from './money-records'
import PaymentForm from './payment-form'
import RefundDialog from './refund-dialog'
import { hasPendingRefund, refundOutcome, reversedPaymentIds, type Tone } from './refund-logic'
import ReversalDialog from './reversal-dialog'

/** How often a refund still on its way back through WeChat is looked at again. */
const REFUND_REFRESH_MS = 5000

interface BillPanelProps {
  bill: BillReply
  /** Reads this bill and the list again. */
  onReload: () => Promise<void>
}

type OpenDialog = { kind: 'refund' } | { kind: 'reverse'; payment: PaymentReply } | null

/**
 * One bill: lines, payments and refunds, and the cashier's actions on it. Mounted per bill (keyed by its id), so
 * the attempts' Idempotency-Keys belong to this bill: another bill starts new attempts, and a retry on this one
 * sends the key the unanswered try sent.
 */
export default function BillPanel({ bill, onReload }: BillPanelProps) {
  const attempts = useRef(createIdempotentAttempts()).current
  // The bill's refunds, looked at again while one is on its way back through WeChat.
  const [refunds, setRefunds] = useState<RefundReply[]>(bill.refunds)
  const [dialog, setDialog] = useState<OpenDialog>(null)
  const [notice, setNotice] = useState<{ tone: Tone; text: string } | null>(null)
  const [busyPaymentId, setBusyPaymentId] = useState('')

  useEffect(() => {
    setRefunds(bill.refunds)
  }, [bill])

  async function refreshRefunds() {
    const wasPending = hasPendingRefund(refunds)
    try {
      const fresh = await billingApi.listRefunds(bill.id)
      setRefunds(fresh)
      if (wasPending && !hasPendingRefund(fresh)) {
        setNotice(null)
        await onReload()
      }
    } catch {
      // The list on screen stays; the next refresh tries again.
    }
  }

  usePolling(() => refreshRefunds(), REFUND_REFRESH_MS, hasPendingRefund(refunds))

  async function refunded(refund: RefundReply) {
    setDialog(null)
    const outcome = refundOutcome(refund)
    setNotice(outcome.tone === 'done' ? null : outcome)
    if (outcome.tone === 'done') void Taro.showToast({ title: outcome.text, icon: 'none', duration: 3000 })
    setRefunds((current) => [refund, ...current.filter((item) => item.id !== refund.id)])
    await onReload()
  }

  async function reversedPayment(reversal: PaymentReversalReply | null) {
    setDialog(null)
    void Taro.showToast({ title: reversal ? `已冲正 ${formatFen(reversal.amountFen)}，账单恢复待收` : '该笔收款此前已冲正', icon: 'none', duration: 3000 })
    await onReload()
  }

  async function closePending(payment: PaymentReply) {
    if (busyPaymentId) return
    const confirmed = await confirmAction('关闭待支付', '先向微信查询这笔支付：如已支付则计入已收；未支付则关闭，之后可在窗口收款。', '关闭待支付')
    if (!confirmed) return
    setBusyPaymentId(payment.id)
    try {
      const result = await billingApi.closePayment(payment.id)
      void Taro.showToast({ title: closeOutcomeText(result), icon: 'none', duration: 3000 })
    } catch (e) {
      void Taro.showModal({ title: '未能关闭待支付', content: errorText(e, BILLING_ERROR_TEXT), showCancel: false })
    } finally {
      setBusyPaymentId('')
    }
    await onReload()
  }

  function printReceipt() {
    // Called inside the tap: on h5 the PDF's tab must open before anything is awaited (pop-up blockers).
    showPdf(billingApi.receiptPdf(bill.id)).catch((e: unknown) => {
      void Taro.showModal({ title: '无法打开收据', content: errorText(e, BILLING_ERROR_TEXT), showCancel: false })
    })
  }

  const refundableFen = bill.paidFen - bill.refundedFen
  const reversed = reversedPaymentIds(bill.payments, refunds)

  return (
    <View className='card split-side cashier-detail'>
      <View className='cashier-detail-header'>
        <View>
          <Text className='cashier-detail-title'>{billTitle(bill)}</Text>
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
          <Text className='ph-figure-value cashier-paid'>{formatFen(bill.paidFen)}</Text>
        </View>
        {bill.refundedFen > 0 ? (
          <View className='ph-figure'>
            <Text className='ph-figure-label'>已退</Text>
            <Text className='ph-figure-value cashier-refunded'>{formatFen(bill.refundedFen)}</Text>
          </View>
        ) : null}
        {bill.pendingFen > 0 ? (
          <View className='ph-figure'>
            <Text className='ph-figure-label'>待支付</Text>
            <Text className='ph-figure-value cashier-pending'>{formatFen(bill.pendingFen)}</Text>
          </View>
        ) : null}
        <View className='ph-figure'>
          <Text className='ph-figure-label'>应收</Text>
          <Text className='ph-figure-value cashier-due'>{formatFen(bill.dueFen)}</Text>
        </View>
      </View>

      {bill.paidFen > 0 || refundableFen > 0 ? (
        <View className='button-row cashier-bill-actions'>
          {bill.paidFen > 0 ? (
            <Button className='secondary-button cashier-receipt' onClick={printReceipt}>
              打印收据
            </Button>
          ) : null}
          {refundableFen > 0 ? (
            <Button className='secondary-button cashier-refund-open' onClick={() => setDialog({ kind: 'refund' })}>
              退费
            </Button>
          ) : null}
        </View>
      ) : null}

      {notice ? <Text className={`cashier-notice cashier-notice--${notice.tone} cashier-refund-notice`}>{notice.text}</Text> : null}

      <Text className='ph-section-title'>明细</Text>
      {bill.lines.map((line) => (
        <View key={line.id} className='cashier-line'>
          <View className='cashier-line-main'>
            <Text className='cashier-line-name'>{line.name}</Text>
            <Text className='ph-row-detail'>
              {LINE_KIND_LABEL[line.kind]} · {formatFen(line.unitPriceFen)} × {line.quantity}
              {line.kind === 'DRUG' && line.dispensedQty ? ` · 已发药 ${line.dispensedQty}` : ''}
              {line.returnedQty ? ` · 已退药 ${line.returnedQty}` : ''}
              {line.refundedFen ? ` · 已退费 ${formatFen(line.refundedFen)}` : ''}
            </Text>
          </View>
          <Text className='ph-num cashier-line-amount'>{formatFen(line.amountFen)}</Text>
        </View>
      ))}

      <MoneyRecords
        payments={bill.payments}
        refunds={refunds}
        reversed={reversed}
        busyPaymentId={busyPaymentId}
        onClosePending={closePending}
        onReverse={(payment) => setDialog({ kind: 'reverse', payment })}
        onRefreshRefunds={() => refreshRefunds()}
      />

      <PaymentForm bill={bill} attempts={attempts} onChanged={onReload} />

      {dialog?.kind === 'refund' ? <RefundDialog bill={bill} attempts={attempts} onClose={() => setDialog(null)} onRefunded={refunded} onStale={onReload} /> : null}
      {dialog?.kind === 'reverse' ? (
        <ReversalDialog payment={dialog.payment} attempts={attempts} onClose={() => setDialog(null)} onReversed={reversedPayment} />
      ) : null}
    </View>
  )
}
