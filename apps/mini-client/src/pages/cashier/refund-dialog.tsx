import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import type { BillReply, RefundReply } from '@clinic/contracts'
import { InputField, TextareaField } from '../../components/field'
import FormError from '../../components/form-error'
import { billingApi } from '../../services/api-billing'
import { confirmAction } from '../../services/confirm'
import type { IdempotentAttempts } from '../../services/idempotency'
import { LINE_KIND_LABEL } from '../../utils/billing-labels'
import { formatFen } from '../../utils/money'
import Dialog from './dialog'
import { checkRefund, emptyRefundDraft, fillRefundable, lineRefundability, REASON_MAX, refundFailure, unitsFen, type RefundDraft } from './refund-logic'

interface RefundDialogProps {
  bill: BillReply
  attempts: IdempotentAttempts
  onClose: () => void
  /** The server answered: the refund is recorded (its legs may still be on their way back). */
  onRefunded: (refund: RefundReply) => Promise<void>
  /** The server refused because the bill changed: read it again. */
  onStale: () => Promise<void>
}

interface Failure {
  message: string
  lines: string[]
}

/** 退费: per line what was charged, dispensed, returned and refunded, and what may be refunded now. */
export default function RefundDialog({ bill, attempts, onClose, onRefunded, onStale }: RefundDialogProps) {
  const [draft, setDraft] = useState<RefundDraft>(emptyRefundDraft)
  const [failure, setFailure] = useState<Failure | null>(null)
  const [busy, setBusy] = useState(false)
  const [tried, setTried] = useState(false)

  const check = checkRefund(bill, draft)

  function setLine(lineId: string, text: string) {
    setDraft({ ...draft, lines: { ...draft.lines, [lineId]: text } })
  }

  async function submit() {
    setTried(true)
    if (busy || !check.input) return
    const input = check.input
    const confirmed = await confirmAction('确认退费', `退费 ${formatFen(check.totalFen)}（以系统核算为准），按原支付方式退回。\n原因：${input.reason}`, '确认退费')
    if (!confirmed) return
    setBusy(true)
    setFailure(null)
    try {
      const refund = await attempts.run(`refund:${bill.id}`, (key) => billingApi.refundBill(bill.id, input, key))
      await onRefunded(refund)
    } catch (e) {
      const result = refundFailure(e)
      setFailure({ message: result.message, lines: result.lines })
      if (result.reloadBill) await onStale()
    } finally {
      setBusy(false)
    }
  }

  return (
    <Dialog className='cashier-refund-dialog' title='退费' onClose={onClose}>
      <View className='cashier-refund-toolbar'>
        <Text className='field-hint'>药品按数量退：未发药的可直接退，已发药的须先到药房退药；其他项目按金额退。</Text>
        <Text className='link-text cashier-refund-all' onClick={() => setDraft(fillRefundable(bill, draft.reason))}>
          全部可退
        </Text>
      </View>

      {bill.lines.map((line) => {
        const r = lineRefundability(line)
        const text = draft.lines[line.id] ?? ''
        const nothing = r.mode === 'quantity' ? r.refundableQty === 0 : r.refundableFen === 0
        return (
          <View key={line.id} className={`cashier-refund-line ${nothing ? 'cashier-refund-line--none' : ''}`}>
            <View className='cashier-refund-line-head'>
              <Text className='cashier-line-name'>{line.name}</Text>
              <Text className='ph-row-detail'>
                {LINE_KIND_LABEL[line.kind]} · {formatFen(line.unitPriceFen)} × {line.quantity} = {formatFen(line.amountFen)}
              </Text>
            </View>
            <View className='cashier-refund-facts'>
              {r.mode === 'quantity' ? (
                <>
                  <Text className='cashier-refund-fact'>收费 {line.quantity}</Text>
                  <Text className='cashier-refund-fact'>已发药 {line.dispensedQty}</Text>
                  <Text className='cashier-refund-fact'>已退药 {line.returnedQty}</Text>
                  <Text className='cashier-refund-fact'>已退费 {line.refundedQty}</Text>
                  <Text className='cashier-refund-fact cashier-refundable'>可退 {r.refundableQty}</Text>
                </>
              ) : (
                <>
                  <Text className='cashier-refund-fact'>金额 {formatFen(line.amountFen)}</Text>
                  <Text className='cashier-refund-fact'>已退费 {formatFen(line.refundedFen)}</Text>
                  <Text className='cashier-refund-fact cashier-refundable'>可退 {formatFen(r.refundableFen)}</Text>
                </>
              )}
            </View>
            {r.awaitingReturnQty > 0 ? (
              <Text className='field-hint cashier-refund-awaiting'>已发出 {r.awaitingReturnQty} 未退回：请先到药房退药，退回后才能退费</Text>
            ) : null}
            {nothing ? null : r.mode === 'quantity' ? (
              <InputField
                className='cashier-refund-qty'
                label={`退费数量（最多 ${r.refundableQty}）`}
                type='number'
                value={text}
                maxlength={6}
                placeholder='0'
                error={check.lineErrors[line.id]}
                note={text && !check.lineErrors[line.id] && Number(text) > 0 ? <Text className='field-hint'>约 {formatFen(unitsFen(line, Number(text)))}</Text> : undefined}
                onValue={(value) => setLine(line.id, value)}
              />
            ) : (
              <InputField
                className='cashier-refund-amount'
                label={`退费金额（元，最多 ${formatFen(r.refundableFen)}）`}
                type='digit'
                value={text}
                maxlength={10}
                placeholder='0.00'
                error={check.lineErrors[line.id]}
                onValue={(value) => setLine(line.id, value)}
              />
            )}
          </View>
        )
      })}

      <TextareaField
        className='cashier-refund-reason'
        label='退费原因'
        value={draft.reason}
        maxlength={REASON_MAX}
        placeholder='如：患者未取药、医嘱变更、重复收费'
        error={tried ? check.reasonError : undefined}
        onValue={(reason) => setDraft({ ...draft, reason })}
      />

      <View className='cashier-refund-sum'>
        <Text className='cashier-refund-sum-label'>退费合计</Text>
        <Text className='cashier-refund-total'>{formatFen(check.totalFen)}</Text>
      </View>
      {tried && check.formError ? <Text className='field-error cashier-refund-form-error'>{check.formError}</Text> : null}
      <FormError className='cashier-refund-error' message={failure?.message} lines={failure?.lines} />
      <View className='button-row'>
        <Button className='secondary-button cashier-refund-cancel' onClick={onClose}>
          取消
        </Button>
        <Button className={`danger-button cashier-refund-submit ${busy ? 'is-busy' : ''}`} loading={busy} disabled={busy} onClick={submit}>
          退费 {formatFen(check.totalFen)}
        </Button>
      </View>
    </Dialog>
  )
}
