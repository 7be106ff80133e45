import { useEffect, useRef, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { BillReply } from '@clinic/contracts'
import { ChoiceChips } from '../../components/choice-chips'
import { InputField } from '../../components/field'
import FormError from '../../components/form-error'
import { api } from '../../services/api'
import { confirmAction } from '../../services/confirm'
import type { IdempotentAttempts } from '../../services/idempotency'
import { formatFen } from '../../utils/money'
import {
  checkPayment,
  draftFor,
  insuranceDetail,
  insuranceProblem,
  insuranceSummary,
  methodChoices,
  nextMethod,
  paymentConfirmText,
  paymentFailure,
  type PaymentDraft
} from './cashier-logic'

interface PaymentFormProps {
  bill: BillReply
  attempts: IdempotentAttempts
  /** Reads the bill (and the list) again after money moved or the server refused because the bill changed. */
  onChanged: () => Promise<void>
}

interface Failure {
  message: string
  lines: string[]
}

/** 收款: cash with change, card, or 医保 first and the self-paid rest by cash or card (a split payment). */
export default function PaymentForm({ bill, attempts, onChanged }: PaymentFormProps) {
  const [draft, setDraft] = useState<PaymentDraft | null>(() => (bill.dueFen > 0 ? draftFor(bill) : null))
  const [failure, setFailure] = useState<Failure | null>(null)
  const [paying, setPaying] = useState(false)
  const seenDue = useRef(bill.dueFen)

  // What is due changed (a payment here or at another window, a reversal): start the form over on the new amount,
  // keeping the method, except 医保, which is settled once.
  useEffect(() => {
    if (seenDue.current === bill.dueFen) return
    seenDue.current = bill.dueFen
    setDraft((current) => (bill.dueFen > 0 ? draftFor(bill, nextMethod(current?.method ?? 'CASH')) : null))
  }, [bill.dueFen])

  // A settlement that ended without money (closed, or 冲正 after no answer) is not one.
  const insured = bill.payments.filter((payment) => payment.status === 'SUCCEEDED').map(insuranceDetail).find((detail) => detail !== null) ?? null
  const insuranceBlock = insuranceProblem(bill)

  async function pay(form: PaymentDraft) {
    if (paying) return
    const check = checkPayment(form, bill.dueFen)
    if (!check.input) return
    const input = check.input
    const insurance = input.method === 'INSURANCE'
    if (!(await confirmAction(insurance ? '医保结算' : '确认收款', paymentConfirmText(input, check), insurance ? '确认结算' : '确认收款', false))) return

    setPaying(true)
    setFailure(null)
    try {
      const payment = await attempts.run(`pay:${bill.id}`, (key) => api.payBill(bill.id, input, key))
      const detail = insuranceDetail(payment)
      const change = payment.changeFen ? `，找零 ${formatFen(payment.changeFen)}` : ''
      const title = detail ? `医保支付 ${formatFen(payment.amountFen)}，自付 ${formatFen(detail.selfFen)}` : `已收 ${formatFen(payment.amountFen)}${change}`
      void Taro.showToast({ title, icon: 'none', duration: 3000 })
      await onChanged()
    } catch (e) {
      const result = paymentFailure(e, input.method)
      setFailure({ message: result.message, lines: result.lines })
      if (result.reloadBill) await onChanged()
    } finally {
      setPaying(false)
    }
  }

  const insuredBox = insured ? (
    <View className='cashier-insurance-result'>
      <Text className='cashier-insurance-result-title'>医保已结算</Text>
      <Text className='cashier-insurance-result-text'>{insuranceSummary(insured)}</Text>
    </View>
  ) : null

  if (!draft) {
    return (
      <>
        {insuredBox}
        <FormError className='cashier-error' message={failure?.message} lines={failure?.lines} />
        {bill.dueFen === 0 ? <Text className='field-hint cashier-settled'>{bill.pendingFen > 0 ? `有 ${formatFen(bill.pendingFen)} 正等待微信支付结果` : '本账单已无应收金额'}</Text> : null}
      </>
    )
  }

  const check = checkPayment(draft, bill.dueFen)
  const choices = methodChoices(insuranceBlock === null).map((choice) => ({ ...choice, className: `cashier-method-${choice.value.toLowerCase()}` }))

  return (
    <View className='ph-subform cashier-form'>
      <Text className='ph-section-title cashier-form-title'>收款</Text>
      {insuredBox}
      <ChoiceChips className='cashier-methods' options={choices} value={draft.method} onChange={(method) => setDraft({ ...draft, method })} />
      {insuranceBlock && !insured && bill.paidFen > 0 ? <Text className='field-hint cashier-insurance-hint'>{insuranceBlock}</Text> : null}

      {draft.method === 'INSURANCE' ? (
        <InputField
          className='cashier-insurance-card'
          label='医保卡号'
          type='text'
          value={draft.insuranceCardNo ?? ''}
          maxlength={64}
          placeholder='刷卡读取或手动输入'
          error={draft.insuranceCardNo ? check.cardNoError : undefined}
          hint={<Text className='field-hint'>医保先结算统筹与个人账户部分，余下自付部分再用现金或银行卡收取</Text>}
          onValue={(insuranceCardNo) => setDraft({ ...draft, insuranceCardNo })}
        />
      ) : (
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
      )}
      {draft.method === 'CASH' && check.changeFen !== null ? (
        <View className='cashier-change'>
          <Text className='cashier-change-label'>找零</Text>
          <Text className='cashier-change-value'>{formatFen(check.changeFen)}</Text>
        </View>
      ) : null}
      <FormError className='cashier-error' message={failure?.message} lines={failure?.lines} />
      <Button className={`primary-button cashier-submit ${paying ? 'is-busy' : ''}`} loading={paying} disabled={!check.input || paying} onClick={() => pay(draft)}>
        {draft.method === 'INSURANCE' ? '医保结算' : `收款 ${check.input && check.input.method !== 'INSURANCE' ? formatFen(check.input.amountFen) : ''}`}
      </Button>
    </View>
  )
}
