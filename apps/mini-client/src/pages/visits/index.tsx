import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useLoad } from '@tarojs/taro'
import type { EncounterReply, PrescriptionReply } from '@clinic/contracts'
import EmrView from '../../components/emr-view'
import ListState, { type LoadState } from '../../components/list-state'
import Pager from '../../components/pager'
import PrescriptionView from '../../components/prescription-view'
import { api, isApiError } from '../../services/api'
import { requireAccount } from '../../services/guard'
import { relaunch, ROUTES } from '../../services/navigation'
import { showPdf } from '../../services/platform/open-pdf'
import { hasCurrentConsent } from '../../services/privacy'
import { errorText, VISIT_ERROR_TEXT } from '../../utils/error-text'
import { formatDateTime } from '../../utils/time'
import { prescriptionsByEncounter, visitRow } from './visit-view'
import './index.scss'

const PAGE_SIZE = 20

type List = LoadState<{ encounters: EncounterReply[]; total: number; page: number; prescriptions: Record<string, PrescriptionReply[]> }>

/** 就诊记录: the account's patients' signed records, newest first, each with its prescriptions. */
export default function VisitsPage() {
  const [list, setList] = useState<List>({ status: 'loading' })
  const [chosen, setChosen] = useState<EncounterReply | null>(null)
  const [printing, setPrinting] = useState('')

  async function load(page: number) {
    setList({ status: 'loading' })
    try {
      // Without a filter the server answers the account's own patients (signed records and prescriptions only).
      const [encounters, prescriptions] = await Promise.all([
        api.listEncounters({ page, pageSize: PAGE_SIZE }),
        api.listPrescriptions({ page: 1, pageSize: 100 })
      ])
      setList({
        status: 'ready',
        encounters: encounters.items,
        total: encounters.total,
        page: encounters.page,
        prescriptions: prescriptionsByEncounter(prescriptions.items)
      })
    } catch (e) {
      if (isApiError(e) && e.code === 'PRIVACY.CONSENT_REQUIRED') relaunch(ROUTES.privacy)
      else setList({ status: 'error', message: errorText(e, VISIT_ERROR_TEXT) })
    }
  }

  useLoad(() => {
    const session = requireAccount()
    if (!session) return
    if (!hasCurrentConsent(session.account)) {
      relaunch(ROUTES.privacy)
      return
    }
    void load(1)
  })

  async function print(prescription: PrescriptionReply) {
    if (printing) return
    setPrinting(prescription.id)
    try {
      await showPdf(api.prescriptionPdf(prescription.id))
    } catch (e) {
      void Taro.showModal({ title: '无法打开处方', content: errorText(e, VISIT_ERROR_TEXT), showCancel: false })
    } finally {
      setPrinting('')
    }
  }

  if (chosen && list.status === 'ready') {
    const row = visitRow(chosen)
    const emr = chosen.emr
    return (
      <View className='page visits-page'>
        <View className='page-inner visits-inner'>
          <View className='page-header'>
            <View>
              <Text className='page-title'>{row.patientName} · {row.date}</Text>
              <Text className='page-subtitle'>{row.doctorName}</Text>
            </View>
            <View className='header-actions'>
              <Button className='secondary-button visit-back' onClick={() => setChosen(null)}>
                返回列表
              </Button>
            </View>
          </View>
          <View className='card visit-detail'>
            <Text className='section-title'>门诊病历</Text>
            {emr?.signedAt ? (
              <Text className='muted visit-signed'>
                {emr.signedByName ?? ''} 签署于 {formatDateTime(emr.signedAt)}
              </Text>
            ) : null}
            <EmrView content={emr?.content} />
          </View>
          <View className='card visit-prescriptions'>
            <Text className='section-title'>处方</Text>
            {(list.prescriptions[chosen.id] ?? []).length ? null : <Text className='muted'>本次就诊没有处方</Text>}
            {(list.prescriptions[chosen.id] ?? []).map((prescription) => (
              <PrescriptionView key={prescription.id} prescription={prescription}>
                <Button className={`secondary-button visit-print ${printing === prescription.id ? 'is-busy' : ''}`} onClick={() => print(prescription)}>
                  查看处方笺
                </Button>
              </PrescriptionView>
            ))}
          </View>
        </View>
      </View>
    )
  }

  return (
    <View className='page visits-page'>
      <View className='page-inner visits-inner'>
        <View className='page-header'>
          <View>
            <Text className='page-title'>就诊记录</Text>
            <Text className='page-subtitle'>医生签署后的病历和处方</Text>
          </View>
        </View>

        <ListState state={list} onRetry={() => load(1)} />
        {list.status === 'ready' && !list.encounters.length ? <View className='card empty-state'>还没有就诊记录</View> : null}
        {list.status === 'ready'
          ? list.encounters.map((encounter) => {
              const row = visitRow(encounter)
              const count = (list.prescriptions[encounter.id] ?? []).length
              return (
                <View key={row.id} className='card visit-row' hoverClass='visit-row--pressed' onClick={() => setChosen(encounter)}>
                  <View className='visit-row-heading'>
                    <Text className='visit-row-title'>
                      {row.date} · {row.patientName}
                    </Text>
                    <Text className='muted'>{row.doctorName}</Text>
                  </View>
                  <Text className='visit-row-line'>诊断：{row.diagnoses || '—'}</Text>
                  {row.advice ? <Text className='visit-row-line muted'>医嘱：{row.advice}</Text> : null}
                  <View className='visit-row-tags'>
                    {row.followUpDate ? <Text className='tag tag--warning'>复诊 {row.followUpDate}</Text> : null}
                    {count ? <Text className='tag tag--muted'>处方 {count} 张</Text> : null}
                  </View>
                </View>
              )
            })
          : null}
        {list.status === 'ready' ? <Pager page={list.page} pageSize={PAGE_SIZE} total={list.total} onChange={load} /> : null}
      </View>
    </View>
  )
}
