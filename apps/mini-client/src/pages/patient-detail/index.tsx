import { useRef, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useLoad, useRouter } from '@tarojs/taro'
import type { PatientReply } from '@clinic/contracts'
import ListState, { type LoadState } from '../../components/list-state'
import PatientForm from '../../components/patient-form'
import { formFromPatient, PATIENT_FIELD_LABELS, toPatientUpdate, type PatientFormValues } from '../../components/patient-form/patient-form'
import { canConsult, canEditPatients, canReadPatients } from '../../services/access'
import { api } from '../../services/api'
import { confirmAction } from '../../services/confirm'
import { requireStaff } from '../../services/guard'
import { encounterUrl } from '../../services/navigation'
import { errorText, fieldErrors, VISIT_ERROR_TEXT, type ErrorTextOverrides } from '../../utils/error-text'
import { patientFacts } from './facts'
import './index.scss'

const DETAIL_ERROR_TEXT: ErrorTextOverrides = {
  NOT_FOUND: '没有找到该患者档案',
  'VALIDATION.FAILED': '请检查填写的内容',
  'AUTH.FORBIDDEN': '没有权限修改患者档案'
}

type State = LoadState<{ patient: PatientReply }>

export default function PatientDetailPage() {
  const router = useRouter()
  const id = router.params.id ?? ''
  const [state, setState] = useState<State>({ status: 'loading' })
  const [canEdit, setCanEdit] = useState(false)
  const [canTreat, setCanTreat] = useState(false)
  const [opening, setOpening] = useState(false)
  const [editing, setEditing] = useState(false)
  const [saving, setSaving] = useState(false)
  const [error, setError] = useState('')
  const [errorLines, setErrorLines] = useState<string[]>([])
  const formKey = useRef(0)

  async function load() {
    if (!id) {
      setState({ status: 'error', message: '缺少患者编号' })
      return
    }
    setState({ status: 'loading' })
    try {
      setState({ status: 'ready', patient: await api.getPatient(id) })
    } catch (e) {
      setState({ status: 'error', message: errorText(e, DETAIL_ERROR_TEXT) })
    }
  }

  useLoad(() => {
    const session = requireStaff(canReadPatients)
    if (!session) return
    setCanEdit(canEditPatients(session.user.roles))
    setCanTreat(canConsult(session.user.roles))
    void load()
  })

  /** A walk-in: the doctor sees the patient without an appointment in the queue. */
  async function openWalkIn(patient: PatientReply) {
    if (opening) return
    if (!(await confirmAction('接诊', `为 ${patient.name} 开始接诊（无预约）吗？`, '开始接诊', false))) return
    setOpening(true)
    try {
      const encounter = await api.openEncounter({ patientId: patient.id })
      await Taro.navigateTo({ url: encounterUrl(encounter.id) })
    } catch (e) {
      void Taro.showModal({ title: '不能接诊', content: errorText(e, VISIT_ERROR_TEXT), showCancel: false })
    } finally {
      setOpening(false)
    }
  }

  function startEditing() {
    formKey.current += 1
    setError('')
    setErrorLines([])
    setEditing(true)
  }

  async function save(patient: PatientReply, values: PatientFormValues) {
    if (saving) return
    const update = toPatientUpdate(patient, values, { withRelationship: false })
    if (!Object.keys(update).length) {
      setEditing(false)
      return
    }
    setSaving(true)
    setError('')
    setErrorLines([])
    try {
      const saved = await api.updatePatient(patient.id, update)
      setState({ status: 'ready', patient: saved })
      setEditing(false)
      void Taro.showToast({ title: '已保存', icon: 'success' })
    } catch (e) {
      setError(errorText(e, DETAIL_ERROR_TEXT))
      setErrorLines(fieldErrors(e, PATIENT_FIELD_LABELS))
    } finally {
      setSaving(false)
    }
  }

  return (
    <View className='page patient-detail-page'>
      <View className='page-inner detail-inner'>
        <ListState state={state} onRetry={load} className='card' />
        {state.status === 'ready' ? (
          <>
            <View className='page-header'>
              <View>
                <Text className='page-title detail-name'>{state.patient.name}</Text>
                <Text className='page-subtitle'>病历号 {state.patient.medicalRecordNo}</Text>
              </View>
              {(canEdit || canTreat) && !editing ? (
                <View className='header-actions'>
                  {canTreat ? (
                    <Button className={`primary-button detail-encounter ${opening ? 'is-busy' : ''}`} onClick={() => openWalkIn(state.patient)}>
                      接诊
                    </Button>
                  ) : null}
                  {canEdit ? (
                    <Button className='primary-button detail-edit' onClick={startEditing}>
                      编辑
                    </Button>
                  ) : null}
                </View>
              ) : null}
            </View>

            {editing ? (
              <View className='card detail-form'>
                <Text className='section-title'>编辑档案</Text>
                <PatientForm
                  key={formKey.current}
                  options={{ mode: 'edit', withRelationship: false }}
                  initial={formFromPatient(state.patient)}
                  original={state.patient}
                  submitLabel='保存'
                  submitting={saving}
                  error={error}
                  errorLines={errorLines}
                  onSubmit={(values) => save(state.patient, values)}
                  onCancel={() => setEditing(false)}
                />
              </View>
            ) : (
              <View className='card detail-card'>
                <View className='facts'>
                  {patientFacts(state.patient).map((fact) => (
                    <View key={fact.key} className={`fact detail-${fact.key} ${fact.wide ? 'fact--span' : ''}`}>
                      <Text className='fact-label'>{fact.label}</Text>
                      <Text className={`fact-value ${fact.alert ? 'fact-value--alert' : ''}`}>{fact.value}</Text>
                    </View>
                  ))}
                </View>
              </View>
            )}
          </>
        ) : null}
      </View>
    </View>
  )
}
