import { useEffect, useRef, useState } from 'react'
import { Button, ScrollView, Text, View } from '@tarojs/components'
import type { ImportWechatBillReply, ReconciliationDetailReply } from '@clinic/contracts'
import DateField from '../../components/date-field'
import FormError from '../../components/form-error'
import ListState, { type LoadState } from '../../components/list-state'
import { billingApi } from '../../services/api-billing'
import { pickTextFile, type PickedTextFile } from '../../services/platform/pick-text-file'
import { errorText } from '../../utils/error-text'
import { REPORT_ERROR_TEXT } from '../../utils/staff-billing-text'
import { addDays } from '../../utils/schedule'
import { clinicToday, parseLocalDate } from '../../utils/time'
import { formatDateTime } from '../../utils/time'
import {
  csvLineCount,
  latestReconciliation,
  RECON_RESULT_HINT,
  RECON_RESULT_LABEL,
  RECON_TYPE_LABEL,
  reconClean,
  reconTotals,
  reconWechatId,
  sideAmount,
  sortReconItems,
  tradeBillProblem
} from './revenue-logic'

/** The day's latest reconciliation with its differences; `alreadyImported` when the upload was a file seen before. */
type Shown = ReconciliationDetailReply & { alreadyImported?: boolean }
type Result = LoadState<{ value: Shown | null }>

const COLUMNS = ['结果', '业务', '商户单号', '微信单号', '系统金额', '微信金额', '交易时间', '说明']

/** 对账: the WeChat Pay trade bill of a day against the payments and refunds on record. */
export default function ReconcilePanel() {
  // WeChat publishes a day's trade bill the next morning: yesterday is the usual day to check.
  const [date, setDate] = useState(() => addDays(clinicToday(), -1))
  const [file, setFile] = useState<PickedTextFile | null>(null)
  const [fileError, setFileError] = useState('')
  const [result, setResult] = useState<Result>({ status: 'loading' })
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState('')
  const latest = useRef(0)

  async function loadFor(day: string) {
    if (!parseLocalDate(day.trim())) return
    const ticket = ++latest.current
    setResult({ status: 'loading' })
    try {
      const last = latestReconciliation((await billingApi.listReconciliations(day.trim(), 1)).items)
      // The list has the counts only: the differences come with the reconciliation itself.
      const value = last ? await billingApi.getReconciliation(last.id) : null
      if (ticket === latest.current) setResult({ status: 'ready', value })
    } catch (e) {
      if (ticket === latest.current) setResult({ status: 'error', message: errorText(e, REPORT_ERROR_TEXT) })
    }
  }

  useEffect(() => {
    void loadFor(date)
  }, [])

  function changeDate(next: string) {
    setDate(next)
    setFailure('')
    if (parseLocalDate(next.trim())) void loadFor(next)
  }

  async function pick() {
    setFileError('')
    try {
      const picked = await pickTextFile('.csv,text/csv')
      if (!picked) return
      const problem = tradeBillProblem(picked.text)
      setFileError(problem ?? '')
      setFile(problem ? null : picked)
    } catch {
      setFileError('无法读取该文件，请重新选择')
    }
  }

  async function submit() {
    if (busy || !file) return
    if (!parseLocalDate(date.trim())) {
      setFailure('日期格式应为 YYYY-MM-DD')
      return
    }
    setBusy(true)
    setFailure('')
    try {
      const reply: ImportWechatBillReply = await billingApi.importWechatBill(date.trim(), file.text)
      latest.current += 1
      setResult({ status: 'ready', value: reply })
      setFile(null)
    } catch (e) {
      setFailure(errorText(e, REPORT_ERROR_TEXT))
    } finally {
      setBusy(false)
    }
  }

  const reply = result.status === 'ready' ? result.value : null

  return (
    <>
      <View className='card ph-card recon-form'>
        <DateField className='recon-date' label='账单日期' value={date} end={clinicToday()} onChange={changeDate} />
        <Text className='field-hint'>在微信支付商户平台下载该日的“交易账单”（CSV），上传后与系统的收款、退款逐笔核对。</Text>
        <View className='button-row recon-actions'>
          <Button className='secondary-button recon-pick' onClick={pick}>
            {file ? '重新选择' : '选择账单文件'}
          </Button>
          {file ? (
            <Text className='recon-file'>
              {file.name}（{csvLineCount(file.text)} 行）
            </Text>
          ) : null}
        </View>
        {fileError ? <Text className='field-error recon-file-error'>{fileError}</Text> : null}
        <FormError className='recon-error' message={failure} />
        <Button className={`primary-button recon-submit ${busy ? 'is-busy' : ''} ${file ? '' : 'is-disabled'}`} loading={busy} disabled={busy} onClick={submit}>
          开始对账
        </Button>
      </View>

      <View className='card ph-card recon-result'>
        <ListState state={result} onRetry={() => loadFor(date)} />
        {result.status === 'ready' && !reply ? <View className='empty-state recon-none'>该日还没有对账记录</View> : null}
        {reply ? (
          <>
            <Text className='section-title'>{reply.date} 对账结果</Text>
            <Text className='field-hint recon-when'>对账于 {formatDateTime(reply.createdAt)}</Text>
            {reply.alreadyImported ? <Text className='field-hint recon-already'>该账单文件此前已导入过，以下为当时的对账结果</Text> : null}
            <View className='ph-figures'>
              <View className='ph-figure'>
                <Text className='ph-figure-label'>一致</Text>
                <Text className='ph-figure-value recon-matched'>{reply.matched}</Text>
              </View>
              <View className='ph-figure'>
                <Text className='ph-figure-label'>系统缺少</Text>
                <Text className={`ph-figure-value recon-missing-system ${reply.missingInSystem ? 'ph-loss' : ''}`}>{reply.missingInSystem}</Text>
              </View>
              <View className='ph-figure'>
                <Text className='ph-figure-label'>微信缺少</Text>
                <Text className={`ph-figure-value recon-missing-wechat ${reply.missingInWechat ? 'ph-loss' : ''}`}>{reply.missingInWechat}</Text>
              </View>
              <View className='ph-figure'>
                <Text className='ph-figure-label'>金额不符</Text>
                <Text className={`ph-figure-value recon-mismatch ${reply.amountMismatch ? 'ph-loss' : ''}`}>{reply.amountMismatch}</Text>
              </View>
              <View className='ph-figure'>
                <Text className='ph-figure-label'>交易号不符</Text>
                <Text className={`ph-figure-value recon-txn-mismatch ${reply.txnIdMismatch ? 'ph-loss' : ''}`}>{reply.txnIdMismatch}</Text>
              </View>
            </View>
            <View className='recon-totals'>
              <Text className='field-hint recon-totals-wechat'>{reconTotals(reply).wechat}</Text>
              <Text className='field-hint recon-totals-system'>{reconTotals(reply).system}</Text>
            </View>
            {reconClean(reply) ? (
              <Text className='recon-clean'>全部一致，无差异</Text>
            ) : (
              <ScrollView className='rp-scroll' scrollX>
                <View className='rp-table'>
                  <View className='rp-tr rp-th'>
                    {COLUMNS.map((title) => (
                      <Text key={title} className={`rp-td ${title.includes('金额') ? 'rp-td--num' : title === '说明' || title.includes('单号') ? 'rp-td--wide' : 'rp-td--text'}`}>
                        {title}
                      </Text>
                    ))}
                  </View>
                  {sortReconItems(reply.items).map((item) => (
                    <View key={item.id} className={`rp-tr rp-row recon-item recon-item--${item.result.toLowerCase()}`}>
                      <Text className='rp-td rp-td--text recon-item-result'>{RECON_RESULT_LABEL[item.result]}</Text>
                      <Text className='rp-td rp-td--text'>{RECON_TYPE_LABEL[item.type]}</Text>
                      <Text className='rp-td rp-td--wide recon-item-out-no'>{item.outNo}</Text>
                      <Text className='rp-td rp-td--wide recon-item-wechat-id'>{reconWechatId(item)}</Text>
                      <Text className='rp-td rp-td--num recon-item-system'>{sideAmount(item.systemAmountFen)}</Text>
                      <Text className='rp-td rp-td--num recon-item-wechat'>{sideAmount(item.wechatAmountFen)}</Text>
                      <Text className='rp-td rp-td--text'>{item.tradedAt ?? '—'}</Text>
                      <Text className='rp-td rp-td--wide recon-item-note'>{item.note ?? ''}</Text>
                    </View>
                  ))}
                </View>
              </ScrollView>
            )}
            {reconClean(reply) ? null : (
              <View className='recon-hints'>
                {(Object.keys(RECON_RESULT_LABEL) as (keyof typeof RECON_RESULT_LABEL)[]).map((result) => (
                  <Text key={result} className='field-hint'>
                    {RECON_RESULT_LABEL[result]}：{RECON_RESULT_HINT[result]}
                  </Text>
                ))}
              </View>
            )}
          </>
        ) : null}
      </View>
    </>
  )
}
