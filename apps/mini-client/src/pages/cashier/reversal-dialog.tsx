import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import type { PaymentReply, PaymentReversalReply } from '@clinic/contracts'
import { TextareaField } from '../../components/field'
import FormError from '../../components/form-error'
import { isApiError } from '../../services/api'
import { billingApi } from '../../services/api-billing'
import { confirmAction } from '../../services/confirm'
import { outcomeUnknown, type IdempotentAttempts } from '../../services/idempotency'
import { PAYMENT_METHOD_LABEL } from '../../utils/billing-labels'
import { errorText } from '../../utils/error-text'
import { REVERSAL_ERROR_TEXT } from '../../utils/staff-billing-text'
import { formatFen } from '../../utils/money'
import { formatDateTime } from '../../utils/time'
import Dialog from './dialog'
import { REASON_MAX, reversalReasonError } from './refund-logic'

interface ReversalDialogProps {
  payment: PaymentReply
  attempts: IdempotentAttempts
  onClose: () => void
  /** Reversed now, or found already reversed (PAYMENT.ALREADY_REVERSED): either way the payment no longer counts. */
  onReversed: (reversal: PaymentReversalReply | null) => Promise<void>
}

/** 冲正: a cash or card payment taken by mistake is cancelled by a reversing entry on an open day; the bill is due again. */
export default function ReversalDialog({ payment, attempts, onClose, onReversed }: ReversalDialogProps) {
  const [reason, setReason] = useState('')
  const [tried, setTried] = useState(false)
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<{ message: string; lines: string[] } | null>(null)
  const reasonError = reversalReasonError(reason)

  async function submit() {
    setTried(true)
    if (busy || reasonError) return
    const text = reason.trim()
    const label = `${PAYMENT_METHOD_LABEL[payment.method]} ${formatFen(payment.amountFen)}`
    if (!(await confirmAction('确认冲正', `冲正 ${label}：该笔收款作废，账单恢复为待收。冲正记入未日结的营业日，不能撤销。`, '确认冲正'))) return
    setBusy(true)
    setFailure(null)
    try {
      const reversal = await attempts.run(`reverse:${payment.id}`, (key) => billingApi.reversePayment(payment.id, text, key))
      await onReversed(reversal)
    } catch (e) {
      if (isApiError(e) && e.code === 'PAYMENT.ALREADY_REVERSED') {
        await onReversed(null)
        return
      }
      setFailure({
        message: errorText(e, REVERSAL_ERROR_TEXT),
        lines: outcomeUnknown(e) ? ['冲正结果未知：请再次点击“冲正”重试，同一笔冲正不会重复记账'] : []
      })
    } finally {
      setBusy(false)
    }
  }

  return (
    <Dialog className='cashier-reversal-dialog' title='冲正收款' onClose={onClose}>
      <View className='cashier-reversal-payment'>
        <Text className='cashier-line-name'>
          {PAYMENT_METHOD_LABEL[payment.method]} {formatFen(payment.amountFen)}
        </Text>
        <Text className='ph-row-detail'>
          收款于 {formatDateTime(payment.paidAt ?? payment.createdAt)}
          {payment.businessDate ? ` · 营业日 ${payment.businessDate}` : ''}
        </Text>
      </View>
      <Text className='field-hint'>用于更正收错的款项（如金额输错、方式选错）。患者退费请使用“退费”。</Text>
      <TextareaField
        className='cashier-reversal-reason'
        label='冲正原因'
        value={reason}
        maxlength={REASON_MAX}
        placeholder='如：金额输错，应为 ¥12.00'
        error={tried ? reasonError : undefined}
        onValue={setReason}
      />
      <FormError className='cashier-reversal-error' message={failure?.message} lines={failure?.lines} />
      <View className='button-row'>
        <Button className='secondary-button cashier-reversal-cancel' onClick={onClose}>
          取消
        </Button>
        <Button className={`danger-button cashier-reversal-submit ${busy ? 'is-busy' : ''}`} loading={busy} disabled={busy} onClick={submit}>
          冲正 {formatFen(payment.amountFen)}
        </Button>
      </View>
    </Dialog>
  )
}
