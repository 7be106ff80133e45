import { Button, Text, View } from '@tarojs/components'
import type { PaymentReply, RefundReply } from '@clinic/contracts'
import { PAYMENT_METHOD_LABEL, PAYMENT_STATUS_LABEL, REFUND_STATUS_LABEL } from '../../utils/billing-labels'
import { formatFen } from '../../utils/money'
import { formatDateTime } from '../../utils/time'
import { insuranceDetail, insuranceSummary } from './cashier-logic'
import { canReverse, hasPendingRefund, legText } from './refund-logic'

interface MoneyRecordsProps {
  payments: PaymentReply[]
  refunds: RefundReply[]
  /** Payments taken back by a reversal (冲正): see reversedPaymentIds. */
  reversed: ReadonlySet<string>
  /** The payment being closed, if any. */
  busyPaymentId: string
  onClosePending: (payment: PaymentReply) => void
  onReverse: (payment: PaymentReply) => void
  onRefreshRefunds: () => void
}

function paymentDetail(payment: PaymentReply, reversed: boolean): string {
  const parts = [formatDateTime(payment.paidAt ?? payment.createdAt)]
  if (payment.businessDate) parts.push(`营业日 ${payment.businessDate}`)
  if (payment.tenderedFen !== null) parts.push(`实收 ${formatFen(payment.tenderedFen)} · 找零 ${formatFen(payment.changeFen ?? 0)}`)
  const insurance = payment.status === 'SUCCEEDED' ? insuranceDetail(payment) : null
  if (insurance) parts.push(insuranceSummary(insurance))
  if (payment.refundedFen > 0 && !reversed) parts.push(`已退 ${formatFen(payment.refundedFen)}`)
  return parts.join(' · ')
}

/** 收款记录 and 退费记录 of a bill, with what the cashier may do to each payment. */
export default function MoneyRecords({ payments, refunds, reversed, busyPaymentId, onClosePending, onReverse, onRefreshRefunds }: MoneyRecordsProps) {
  return (
    <>
      {payments.length ? (
        <>
          <Text className='ph-section-title'>收款记录</Text>
          {payments.map((payment) => (
            <View key={payment.id} className={`cashier-line cashier-payment cashier-payment--${payment.status.toLowerCase()}`}>
              <View className='cashier-line-main'>
                <View className='ph-row-heading'>
                  <Text className='cashier-line-name'>{PAYMENT_METHOD_LABEL[payment.method]}</Text>
                  {payment.status !== 'SUCCEEDED' ? (
                    <Text className={`tag ${payment.status === 'PENDING' ? 'tag--warning' : 'tag--muted'} cashier-payment-status`}>{PAYMENT_STATUS_LABEL[payment.status]}</Text>
                  ) : null}
                  {reversed.has(payment.id) ? <Text className='tag tag--muted cashier-payment-reversed'>已冲正</Text> : null}
                </View>
                <Text className='ph-row-detail'>{paymentDetail(payment, reversed.has(payment.id))}</Text>
                {payment.status === 'PENDING' ? (
                  <Button
                    className={`secondary-button cashier-close-pending ${busyPaymentId === payment.id ? 'is-busy' : ''}`}
                    loading={busyPaymentId === payment.id}
                    onClick={() => onClosePending(payment)}
                  >
                    关闭待支付
                  </Button>
                ) : null}
              </View>
              <View className='cashier-payment-aside'>
                <Text className='ph-num cashier-line-amount'>{formatFen(payment.amountFen)}</Text>
                {canReverse(payment) && !reversed.has(payment.id) ? (
                  <Text className='danger-link cashier-reverse' onClick={() => onReverse(payment)}>
                    冲正
                  </Text>
                ) : null}
              </View>
            </View>
          ))}
        </>
      ) : null}

      {refunds.length ? (
        <>
          <Text className='ph-section-title'>退费记录</Text>
          {refunds.map((refund) => (
            <View key={refund.id} className={`cashier-line cashier-refund cashier-refund--${refund.status.toLowerCase()}`}>
              <View className='cashier-line-main'>
                <View className='ph-row-heading'>
                  <Text className='cashier-line-name'>退费</Text>
                  <Text className={`tag ${refund.status === 'SUCCEEDED' ? 'tag--muted' : refund.status === 'PENDING' ? 'tag--warning' : 'tag--danger'} cashier-refund-status`}>
                    {REFUND_STATUS_LABEL[refund.status]}
                  </Text>
                </View>
                <Text className='ph-row-detail'>
                  {formatDateTime(refund.createdAt)} · {refund.reason}
                </Text>
                {refund.legs.length ? <Text className='ph-row-detail'>{refund.legs.map(legText).join('；')}</Text> : null}
              </View>
              <Text className='ph-num cashier-line-amount'>-{formatFen(refund.amountFen)}</Text>
            </View>
          ))}
          {hasPendingRefund(refunds) ? (
            <Button className='secondary-button cashier-refund-refresh' onClick={onRefreshRefunds}>
              刷新退款状态
            </Button>
          ) : null}
        </>
      ) : null}
    </>
  )
}
