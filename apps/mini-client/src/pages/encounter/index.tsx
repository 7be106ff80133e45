import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useLoad, useRouter } from '@tarojs/taro'
import type { EncounterReply, PatientReply } from '@clinic/contracts'
import { ChoiceChips } from '../../components/choice-chips'
import EmrView from '../../components/emr-view'
import ListState, { type Loaded, type LoadState } from '../../components/list-state'
import { canConsult } from '../../services/access'
import { api } from '../../services/api'
import { confirmAction } from '../../services/confirm'
import { requireStaff } from '../../services/guard'
import { ROUTES } from '../../services/navigation'
import { errorText, VISIT_ERROR_TEXT } from '../../utils/error-text'
import { allergyText, genderLabel, hasAllergy } from '../../utils/labels'
import { ageOn, formatDateTime } from '../../utils/time'
import { diagnosesText } from '../../utils/visit'
import EmrPanel from './emr-panel'
import PrescriptionPanel from './prescription-panel'
import './index.scss'

type Tab = 'emr' | 'rx'

const TABS: { value: Tab; label: string; className: string }[] = [
  { value: 'emr', label: '病历', className: 'enc-tab-emr' },
  { value: 'rx', label: '处方', className: 'enc-tab-rx' }
]

const HISTORY_SIZE = 20

/** 接诊: the patient on the left (summary, allergies, earlier visits), the record and the prescriptions on the right. */
export default function EncounterPage() {
  const id = useRouter().params.id ?? ''
  const [state, setState] = useState<LoadState<{ encounter: EncounterReply }>>({ status: 'loading' })
  const [patient, setPatient] = useState<Loaded<PatientReply>>({ status: 'loading' })
  const [history, setHistory] = useState<Loaded<EncounterReply[]>>({ status: 'loading' })
  const [expanded, setExpanded] = useState('')
  const [tab, setTab] = useState<Tab>('emr')
  const [userId, setUserId] = useState('')
  const [finishing, setFinishing] = useState(false)
  const [finishError, setFinishError] = useState('')

  async function loadPatient(patientId: string) {
    setPatient({ status: 'loading' })
    try {
      setPatient({ status: 'ready', value: await api.getPatient(patientId) })
    } catch (e) {
      setPatient({ status: 'error', message: errorText(e, VISIT_ERROR_TEXT) })
    }
  }

  async function loadHistory(patientId: string) {
    setHistory({ status: 'loading' })
    try {
      const page = await api.listEncounters({ patientId, page: 1, pageSize: HISTORY_SIZE })
      setHistory({ status: 'ready', value: page.items.filter((item) => item.id !== id) })
    } catch (e) {
      setHistory({ status: 'error', message: errorText(e, VISIT_ERROR_TEXT) })
    }
  }

  async function load() {
    if (!id) {
      setState({ status: 'error', message: '缺少接诊编号' })
      return
    }
    setState({ status: 'loading' })
    try {
      const encounter = await api.getEncounter(id)
      setState({ status: 'ready', encounter })
      void loadPatient(encounter.patientId)
      void loadHistory(encounter.patientId)
    } catch (e) {
      setState({ status: 'error', message: errorText(e, VISIT_ERROR_TEXT) })
    }
  }

  useLoad(() => {
    const session = requireStaff(canConsult)
    if (!session) return
    setUserId(session.user.id)
    void load()
  })

  async function finish(encounter: EncounterReply) {
    if (finishing) return
    if (!(await confirmAction('结束接诊', '结束后本次就诊完成，候诊队列中的该患者也将完成。确定结束吗？', '结束接诊', false))) return
    setFinishing(true)
    setFinishError('')
    try {
      setState({ status: 'ready', encounter: await api.finishEncounter(encounter.id) })
      void Taro.showToast({ title: '接诊已结束', icon: 'success' })
    } catch (e) {
      setFinishError(errorText(e, VISIT_ERROR_TEXT))
    } finally {
      setFinishing(false)
    }
  }

  function backToQueue() {
    // Opened from the queue, going back keeps its page; opened from a link, there is nothing to go back to.
    Taro.navigateBack().catch(() => Taro.redirectTo({ url: ROUTES.doctorQueue }))
  }

  if (state.status !== 'ready') {
    return (
      <View className='page encounter-page'>
        <View className='page-inner enc-inner'>
          <ListState state={state} onRetry={load} className='card' />
        </View>
      </View>
    )
  }

  const { encounter } = state
  const finished = encounter.status === 'FINISHED'
  const signed = encounter.emr?.status === 'SIGNED'
  const person = patient.status === 'ready' ? patient.value : null
  const age = person ? ageOn(person.birthDate) : null

  return (
    <View className='page encounter-page'>
      <View className='page-inner enc-inner'>
        <View className='page-header'>
          <View>
            <Text className='page-title enc-title'>接诊 · {encounter.patientName}</Text>
            <Text className='page-subtitle'>
              {encounter.doctorName} · 开始于 {formatDateTime(encounter.startedAt)}
              {encounter.finishedAt ? ` · 结束于 ${formatDateTime(encounter.finishedAt)}` : ''}
            </Text>
          </View>
          <View className='header-actions'>
            <Button className='secondary-button enc-back' onClick={backToQueue}>
              返回队列
            </Button>
            {finished ? (
              <Text className='tag tag--muted enc-finished'>已结束</Text>
            ) : (
              <Button
                className={`primary-button enc-finish ${signed ? '' : 'is-disabled'} ${finishing ? 'is-busy' : ''}`}
                onClick={() => (signed ? finish(encounter) : setFinishError(VISIT_ERROR_TEXT['EMR.NOT_SIGNED'] as string))}
              >
                结束接诊
              </Button>
            )}
          </View>
        </View>
        {finishError ? <Text className='list-error enc-finish-error'>{finishError}</Text> : null}

        <View className='enc-layout'>
          <View className='enc-side'>
            <View className='card enc-patient'>
              <ListState state={patient} onRetry={() => loadPatient(encounter.patientId)} />
              {person ? (
                <>
                  <View className='enc-patient-heading'>
                    <Text className='enc-patient-name'>{person.name}</Text>
                    <Text className='muted'>
                      {genderLabel(person.gender)}
                      {age !== null ? ` · ${age} 岁` : ''}
                    </Text>
                  </View>
                  <Text className='muted enc-patient-record'>病历号 {person.medicalRecordNo}</Text>
                  <View className={`enc-allergy ${hasAllergy(person.allergies) ? 'enc-allergy--alert' : ''}`}>
                    <Text className='enc-allergy-label'>药物过敏史</Text>
                    <Text className='enc-allergy-value'>{allergyText(person.allergies)}</Text>
                  </View>
                  {person.chronicConditions.length ? <Text className='muted enc-chronic'>慢性病：{person.chronicConditions.join('、')}</Text> : null}
                </>
              ) : null}
            </View>

            <View className='card enc-history'>
              <Text className='section-title'>既往就诊</Text>
              <ListState state={history} onRetry={() => loadHistory(encounter.patientId)} />
              {history.status === 'ready' && !history.value.length ? <Text className='muted'>没有既往就诊记录</Text> : null}
              {history.status === 'ready'
                ? history.value.map((item) => (
                    <View key={item.id} className='enc-history-item'>
                      <View className='enc-history-heading' onClick={() => setExpanded(expanded === item.id ? '' : item.id)}>
                        <Text className='enc-history-date'>{formatDateTime(item.startedAt).slice(0, 10)}</Text>
                        <Text className='muted'>{item.doctorName}</Text>
                        <Text className='link-text'>{expanded === item.id ? '收起' : '展开'}</Text>
                      </View>
                      <Text className='enc-history-diagnoses'>{diagnosesText(item.emr?.content.diagnoses) || '未下诊断'}</Text>
                      {item.emr?.content.advice && expanded !== item.id ? <Text className='muted enc-history-advice'>{item.emr.content.advice}</Text> : null}
                      {expanded === item.id ? <EmrView content={item.emr?.content} /> : null}
                    </View>
                  ))
                : null}
            </View>
          </View>

          <View className='card enc-main'>
            <ChoiceChips className='enc-tabs' options={TABS} value={tab} onChange={setTab} />
            {/* Both stay mounted: switching tabs keeps what was typed in the other. */}
            <View className={tab === 'emr' ? '' : 'enc-hidden'}>
              <EmrPanel encounter={encounter} userId={userId} onChange={(next) => setState({ status: 'ready', encounter: next })} />
            </View>
            <View className={tab === 'rx' ? '' : 'enc-hidden'}>
              <PrescriptionPanel encounter={encounter} allergyClasses={person?.allergies.drugClasses ?? []} />
            </View>
          </View>
        </View>
      </View>
    </View>
  )
}
