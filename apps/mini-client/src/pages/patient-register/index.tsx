import { useRef, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useLoad } from '@tarojs/taro'
import type { CreatePatientReply } from '@clinic/contracts'
import PatientForm from '../../components/patient-form'
import { emptyPatientForm, PATIENT_FIELD_LABELS, toCreatePatientInput, type PatientFormValues } from '../../components/patient-form/patient-form'
import { canEditPatients } from '../../services/access'
import { api } from '../../services/api'
import { requireStaff } from '../../services/guard'
import { patientDetailUrl } from '../../services/navigation'
import { errorText, fieldErrors, type ErrorTextOverrides } from '../../utils/error-text'
import './index.scss'

const REGISTER_ERROR_TEXT: ErrorTextOverrides = {
  'PATIENT.ID_CARD_TAKEN': '该身份证号已有档案，请在“患者”中搜索该患者，不要重复登记',
  'VALIDATION.FAILED': '请检查填写的内容',
  'AUTH.FORBIDDEN': '只有挂号员或管理员可以登记患者'
}

interface Registered extends CreatePatientReply {
  name: string
}

export default function PatientRegisterPage() {
  const [allowed, setAllowed] = useState(false)
  const [submitting, setSubmitting] = useState(false)
  const [error, setError] = useState('')
  const [errorLines, setErrorLines] = useState<string[]>([])
  const [registered, setRegistered] = useState<Registered | null>(null)
  const formKey = useRef(0)

  useLoad(() => {
    if (requireStaff(canEditPatients)) setAllowed(true)
  })

  async function submit(values: PatientFormValues) {
    if (submitting) return
    setSubmitting(true)
    setError('')
    setErrorLines([])
    try {
      const reply = await api.createPatient(toCreatePatientInput(values, { withRelationship: false }))
      setRegistered({ ...reply, name: values.name.trim() })
    } catch (e) {
      setError(errorText(e, REGISTER_ERROR_TEXT))
      setErrorLines(fieldErrors(e, PATIENT_FIELD_LABELS))
    } finally {
      setSubmitting(false)
    }
  }

  function registerAnother() {
    formKey.current += 1
    setRegistered(null)
  }

  if (!allowed) return <View className='page' />

  return (
    <View className='page patient-register-page'>
      <View className='page-inner register-inner'>
        {registered ? (
          <View className='card register-done'>
            <View className='register-done-mark'>
              <Text>✓</Text>
            </View>
            <Text className='register-done-title'>登记成功</Text>
            <Text className='reg-result'>
              {registered.name} 的病历号：<Text className='reg-record-no'>{registered.medicalRecordNo}</Text>
            </Text>
            <View className='register-done-actions button-row'>
              <Button className='primary-button reg-open' onClick={() => Taro.redirectTo({ url: patientDetailUrl(registered.id) })}>
                查看档案
              </Button>
              <Button className='secondary-button reg-again' onClick={registerAnother}>
                继续登记
              </Button>
            </View>
          </View>
        ) : (
          <View className='card register-card'>
            <Text className='section-title'>登记新患者</Text>
            <Text className='field-hint register-hint'>填写身份证号后将自动带出出生日期和性别；姓名、性别、出生日期、手机号为必填。</Text>
            <PatientForm
              key={formKey.current}
              options={{ mode: 'create', withRelationship: false }}
              initial={emptyPatientForm()}
              submitLabel='登记'
              submitting={submitting}
              error={error}
              errorLines={errorLines}
              onSubmit={submit}
            />
          </View>
        )}
      </View>
    </View>
  )
}
