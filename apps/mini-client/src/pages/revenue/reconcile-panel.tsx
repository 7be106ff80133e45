import { useEffect, useRef, useState } from 'react'
import { Button, ScrollView, Text, View } from '@tarojs/components'
import DateField from '../../components/date-field'
import FormError from '../../components/form-error'
import ListState, { type LoadState } from '../../components/list-state'
import { billingApi } from '../../services/api-billing'
import type { ReconciliationReply } from '../../services/billing-types'
import { pickTextFile, type PickedTextFile } from '../../services/platform/pick-text-file'
import { errorText } from '../../utils/error-text'
import { REPORT_ERROR_TEXT } from '../../utils/staff-billing-text'
import { addDays } from '../../utils/schedule'
import { clinicToday, parseLocalDate } from '../../utils/time'
import { csvLineCount, latestReconciliation, RECON_KIND_HINT, RECON_KIND_LABEL, RECON_TYPE_LABEL, reconClean, sideAmount, sortReconItems, tradeBillProblem } from './revenue-logic'

type Result = LoadState<{ value: ReconciliationReply | null }>

const COLUMNS = ['结果', '业务', '商户单号', '微信单号', '系统金额', '微信金额']

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
      const list = await billingApi.listReconciliations(day.trim())
      if (ticket === latest.current) setResult({ status: 'ready', value: latestReconciliation(list) })
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
      const reply = await billingApi.importWechatBill(date.trim(), file.text)
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
            </View>
            {reconClean(reply) ? (
              <Text className='recon-clean'>全部一致，无差异</Text>
            ) : (
              <ScrollView className='rp-scroll' scrollX>
                <View className='rp-table'>
                  <View className='rp-tr rp-th'>
                    {COLUMNS.map((title) => (
                      <Text key={title} className={`rp-td ${title.includes('金额') ? 'rp-td--num' : 'rp-td--text'}`}>
                        {title}
                      </Text>
                    ))}
                  </View>
                  {sortReconItems(reply.items).map((item) => (
                    <View key={`${item.kind}-${item.type}-${item.outTradeNo}`} className={`rp-tr rp-row recon-item recon-item--${item.kind.toLowerCase()}`}>
                      <Text className='rp-td rp-td--text recon-item-kind'>{RECON_KIND_LABEL[item.kind]}</Text>
                      <Text className='rp-td rp-td--text'>{RECON_TYPE_LABEL[item.type]}</Text>
                      <Text className='rp-td rp-td--wide'>{item.outTradeNo}</Text>
                      <Text className='rp-td rp-td--wide'>{item.transactionId ?? '—'}</Text>
                      <Text className='rp-td rp-td--num'>{sideAmount(item.systemFen)}</Text>
                      <Text className='rp-td rp-td--num'>{sideAmount(item.wechatFen)}</Text>
                    </View>
                  ))}
                </View>
              </ScrollView>
            )}
            {reconClean(reply) ? null : (
              <View className='recon-hints'>
                {(Object.keys(RECON_KIND_LABEL) as (keyof typeof RECON_KIND_LABEL)[]).map((kind) => (
                  <Text key={kind} className='field-hint'>
                    {RECON_KIND_LABEL[kind]}：{RECON_KIND_HINT[kind]}
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
