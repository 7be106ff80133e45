import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import type { BillReply } from '@clinic/contracts'
import { billTitle, BILL_STATUS_LABEL, LINE_KIND_LABEL, PAYMENT_METHOD_LABEL, PAYMENT_STATUS_LABEL, REFUND_STATUS_LABEL } from '../../utils/billing-labels'
import { isUnpaid } from '../../utils/bills'
import { formatFen } from '../../utils/money'
import { formatDateTime } from '../../utils/time'

interface BillDetailProps {
  bill: BillReply
  patientName: string
  /** The pay and receipt buttons and the payment's progress, under the figures. */
  children?: ReactNode
}

/** One bill as the patient sees it: what was charged, what was paid and how, and what came back. */
export default function BillDetail({ bill, patientName, children }: BillDetailProps) {
  const refunds = bill.refunds
  return (
    <>
      <View className='card bills-detail'>
        <View className='bills-detail-header'>
          <View>
            <Text className='bills-detail-title'>{billTitle(bill)}</Text>
            <Text className='muted bills-detail-sub'>
              {patientName ? `${patientName} · ` : ''}
              {formatDateTime(bill.createdAt)}
            </Text>
          </View>
          <Text className={`tag ${isUnpaid(bill) ? 'tag--warning' : 'tag--muted'} bills-status`}>{BILL_STATUS_LABEL[bill.status]}</Text>
        </View>
        <View className='bills-figures'>
          <View className='bills-figure'>
            <Text className='bills-figure-label'>总额</Text>
            <Text className='bills-figure-value'>{formatFen(bill.totalFen)}</Text>
          </View>
          <View className='bills-figure'>
            <Text className='bills-figure-label'>已付</Text>
            <Text className='bills-figure-value bills-paid'>{formatFen(bill.paidFen)}</Text>
          </View>
          {bill.refundedFen ? (
            <View className='bills-figure'>
              <Text className='bills-figure-label'>已退</Text>
              <Text className='bills-figure-value'>{formatFen(bill.refundedFen)}</Text>
            </View>
          ) : null}
          <View className='bills-figure'>
            <Text className='bills-figure-label'>待付</Text>
            <Text className='bills-figure-value bills-due'>{formatFen(bill.dueFen + bill.pendingFen)}</Text>
          </View>
        </View>
        {children}
      </View>

      <View className='card bills-section'>
        <Text className='section-title'>费用明细</Text>
        {bill.lines.map((line) => (
          <View key={line.id} className='bills-line'>
            <View className='bills-line-main'>
              <Text className='bills-line-name'>{line.name}</Text>
              <Text className='muted bills-line-detail'>
                {LINE_KIND_LABEL[line.kind]} · {formatFen(line.unitPriceFen)} × {line.quantity}
                {line.refundedFen ? ` · 已退 ${formatFen(line.refundedFen)}` : ''}
              </Text>
            </View>
            <Text className='bills-amount'>{formatFen(line.amountFen)}</Text>
          </View>
        ))}
      </View>

      {bill.payments.length || refunds.length ? (
        <View className='card bills-section bills-history'>
          <Text className='section-title'>支付记录</Text>
          {bill.payments.map((payment) => (
            <View key={payment.id} className='bills-line bills-payment'>
              <View className='bills-line-main'>
                <Text className='bills-line-name'>
                  {PAYMENT_METHOD_LABEL[payment.method]}
                  {payment.status !== 'SUCCEEDED' ? ` · ${PAYMENT_STATUS_LABEL[payment.status]}` : ''}
                </Text>
                <Text className='muted bills-line-detail'>
                  {formatDateTime(payment.paidAt ?? payment.createdAt)}
                  {payment.refundedFen ? ` · 已退 ${formatFen(payment.refundedFen)}` : ''}
                </Text>
              </View>
              <Text className='bills-amount'>{formatFen(payment.amountFen)}</Text>
            </View>
          ))}
          {refunds.map((refund) => (
            <View key={refund.id} className='bills-line bills-refund'>
              <View className='bills-line-main'>
                <Text className='bills-line-name'>退款 · {REFUND_STATUS_LABEL[refund.status]}</Text>
                <Text className='muted bills-line-detail'>
                  {formatDateTime(refund.completedAt ?? refund.createdAt)} · {refund.reason}
                  {refund.status === 'PENDING' ? ' · 原路退回中，到账时间以微信为准' : ''}
                </Text>
              </View>
              <Text className='bills-amount'>-{formatFen(refund.amountFen)}</Text>
            </View>
          ))}
        </View>
      ) : null}
    </>
  )
}
