import { useRef, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useLoad } from '@tarojs/taro'
import type { PatientReply } from '@clinic/contracts'
import { RelationshipChips } from '../../components/choice-chips'
import { Field, InputField } from '../../components/field'
import ListState, { type LoadState } from '../../components/list-state'
import PatientForm from '../../components/patient-form'
import {
  emptyPatientForm,
  formFromPatient,
  PATIENT_FIELD_LABELS,
  toCreatePatientInput,
  toPatientUpdate,
  type PatientFormValues
} from '../../components/patient-form/patient-form'
import { api, isApiError } from '../../services/api'
import { confirmAction } from '../../services/confirm'
import { requireAccount } from '../../services/guard'
import { relaunch, ROUTES } from '../../services/navigation'
import { hasCurrentConsent } from '../../services/privacy'
import { errorText, fieldErrors, type ErrorTextOverrides } from '../../utils/error-text'
import { genderLabel } from '../../utils/labels'
import { maskPhone } from '../../utils/phone'
import { ageOn } from '../../utils/time'
import { emptyLinkForm, FAMILY_LIMIT, toLinkInput, validateLinkForm, type LinkFormErrors, type LinkFormValues } from './link-form'
import './index.scss'

const FAMILY_ERROR_TEXT: ErrorTextOverrides = {
  'PATIENT.ID_CARD_TAKEN': '该身份证号在诊所已有档案，请改用“关联已有档案”',
  'PATIENT.FAMILY_LIMIT': `每个账号最多添加 ${FAMILY_LIMIT} 位就诊人`,
  'PATIENT.ALREADY_LINKED': '该档案已在您的就诊人列表中',
  'VALIDATION.FAILED': '请检查填写的内容',
  NOT_FOUND: '没有找到身份证号和手机号都匹配的档案，请核对后重试，或直接添加就诊人'
}

type Mode = { kind: 'list' } | { kind: 'add' } | { kind: 'link' } | { kind: 'edit'; patient: PatientReply }
type List = LoadState<{ patients: PatientReply[] }>

/** The patient's services, as tiles above the family list (the class `family-<key>` is a test hook). */
const PATIENT_NAV = [
  { key: 'booking', glyph: '约', title: '预约挂号', detail: '选择科室、医生和时段', url: ROUTES.booking },
  { key: 'appointments', glyph: '单', title: '我的预约', detail: '签到、排队进度与取消', url: ROUTES.appointments },
  { key: 'visits', glyph: '记', title: '就诊记录', detail: '病历、诊断与处方', url: ROUTES.visits },
  { key: 'bills', glyph: '费', title: '我的账单', detail: '缴费、支付记录与收据', url: ROUTES.bills },
  { key: 'reminders', glyph: '醒', title: '提醒', detail: '复诊、用药与就诊提醒', url: ROUTES.reminders }
] as const

export default function FamilyPage() {
  const [list, setList] = useState<List>({ status: 'loading' })
  const [mode, setMode] = useState<Mode>({ kind: 'list' })
  const [submitting, setSubmitting] = useState(false)
  const [formError, setFormError] = useState('')
  const [formLines, setFormLines] = useState<string[]>([])
  const [linkTaken, setLinkTaken] = useState(false)
  const [link, setLink] = useState<LinkFormValues>(emptyLinkForm())
  const [linkErrors, setLinkErrors] = useState<LinkFormErrors>({})
  // Remounts the form with fresh initial values each time one opens.
  const formKey = useRef(0)
  // What the add form last submitted, to carry the numbers over when the server says "link instead".
  const lastValues = useRef<PatientFormValues>(emptyPatientForm())

  async function load() {
    setList({ status: 'loading' })
    try {
      const page = await api.listPatients({ page: 1, pageSize: 20 })
      setList({ status: 'ready', patients: page.items })
    } catch (e) {
      setList({ status: 'error', message: errorText(e) })
    }
  }

  useLoad(() => {
    const session = requireAccount()
    if (!session) return
    // No personal data is asked for before the patient has agreed to the current policy.
    if (!hasCurrentConsent(session.account)) {
      relaunch(ROUTES.privacy)
      return
    }
    void load()
  })

  function open(next: Mode) {
    formKey.current += 1
    setFormError('')
    setFormLines([])
    setLinkTaken(false)
    setLinkErrors({})
    setMode(next)
  }

  function fail(e: unknown) {
    // The server insists on consent before any personal data; send the patient to the agreement.
    if (isApiError(e) && e.code === 'PRIVACY.CONSENT_REQUIRED') {
      relaunch(ROUTES.privacy)
      return
    }
    setFormError(errorText(e, FAMILY_ERROR_TEXT))
    setFormLines(fieldErrors(e, PATIENT_FIELD_LABELS))
    setLinkTaken(isApiError(e) && e.code === 'PATIENT.ID_CARD_TAKEN')
  }

  async function run(action: () => Promise<string>) {
    if (submitting) return
    setSubmitting(true)
    setFormError('')
    setFormLines([])
    try {
      const message = await action()
      void Taro.showToast({ title: message, icon: 'none' })
      open({ kind: 'list' })
      await load()
    } catch (e) {
      fail(e)
    } finally {
      setSubmitting(false)
    }
  }

  function add(values: PatientFormValues) {
    void run(async () => {
      const reply = await api.createPatient(toCreatePatientInput(values, { withRelationship: true }))
      return `已添加，病历号 ${reply.medicalRecordNo}`
    })
  }

  function save(patient: PatientReply, values: PatientFormValues) {
    const update = toPatientUpdate(patient, values, { withRelationship: true })
    if (!Object.keys(update).length) {
      open({ kind: 'list' })
      return
    }
    void run(async () => {
      await api.updatePatient(patient.id, update)
      return '已保存'
    })
  }

  function submitLink() {
    const errors = validateLinkForm(link)
    setLinkErrors(errors)
    if (Object.keys(errors).length) return
    void run(async () => {
      const reply = await api.linkPatient(toLinkInput(link))
      return `已关联，病历号 ${reply.medicalRecordNo}`
    })
  }

  /** From a refused registration: the same person, claimed by the numbers just typed. */
  function switchToLink(values: PatientFormValues) {
    setLink({ idCardNo: values.idCardNo, phone: values.phone, relationship: values.relationship })
    open({ kind: 'link' })
  }

  async function remove(patient: PatientReply) {
    const confirmed = await confirmAction(
      '移除就诊人',
      `确定将“${patient.name}”从您的就诊人中移除吗？诊所保存的病历不受影响，之后可通过“关联已有档案”重新添加。`,
      '移除'
    )
    if (!confirmed) return
    try {
      await api.removePatient(patient.id)
      void Taro.showToast({ title: '已移除', icon: 'none' })
      await load()
    } catch (e) {
      void Taro.showToast({ title: errorText(e), icon: 'none' })
    }
  }

  const patients = list.status === 'ready' ? list.patients : []
  const full = patients.length >= FAMILY_LIMIT

  return (
    <View className='page family-page'>
      <View className='page-inner family-inner'>
        <View className='page-header'>
          <View>
            <Text className='page-title'>我的就诊人</Text>
            <Text className='page-subtitle'>
              {list.status === 'ready' ? `已添加 ${patients.length} / ${FAMILY_LIMIT} 位` : '就诊前请先添加就诊人'}
            </Text>
          </View>
          <View className='header-actions'>
            <Button className='secondary-button family-profile' onClick={() => Taro.navigateTo({ url: ROUTES.profile })}>
              我的
            </Button>
          </View>
        </View>

        {mode.kind === 'list' ? (
          <View className='family-nav'>
            {PATIENT_NAV.map((item) => (
              <View
                key={item.key}
                className={`card family-nav-item family-${item.key}`}
                hoverClass='family-nav-item--pressed'
                onClick={() => Taro.navigateTo({ url: item.url })}
              >
                <Text className='family-nav-glyph'>{item.glyph}</Text>
                <View className='family-nav-text'>
                  <Text className='family-nav-title'>{item.title}</Text>
                  <Text className='muted family-nav-detail'>{item.detail}</Text>
                </View>
              </View>
            ))}
          </View>
        ) : null}

        {mode.kind === 'list' ? (
          <View className='family-actions button-row'>
            <Button
              className={`primary-button family-add ${full ? 'is-disabled' : ''}`}
              onClick={() => (full ? Taro.showToast({ title: FAMILY_ERROR_TEXT['PATIENT.FAMILY_LIMIT'] as string, icon: 'none' }) : open({ kind: 'add' }))}
            >
              添加就诊人
            </Button>
            <Button className={`secondary-button family-link ${full ? 'is-disabled' : ''}`} onClick={() => !full && open({ kind: 'link' })}>
              关联已有档案
            </Button>
          </View>
        ) : null}

        {mode.kind === 'add' ? (
          <View className='card family-form'>
            <Text className='section-title'>添加就诊人</Text>
            <PatientForm
              key={formKey.current}
              options={{ mode: 'create', withRelationship: true }}
              initial={emptyPatientForm()}
              submitLabel='添加'
              submitting={submitting}
              error={formError}
              errorLines={formLines}
              errorAction={
                linkTaken ? (
                  <Text className='link-text family-switch-link' onClick={() => switchToLink(lastValues.current)}>
                    改为关联已有档案 ›
                  </Text>
                ) : null
              }
              onSubmit={(values) => {
                lastValues.current = values
                add(values)
              }}
              onCancel={() => open({ kind: 'list' })}
            />
          </View>
        ) : null}

        {mode.kind === 'edit' ? (
          <View className='card family-form'>
            <Text className='section-title'>编辑就诊人</Text>
            <PatientForm
              key={formKey.current}
              options={{ mode: 'edit', withRelationship: true }}
              initial={formFromPatient(mode.patient)}
              original={mode.patient}
              submitLabel='保存'
              submitting={submitting}
              error={formError}
              errorLines={formLines}
              onSubmit={(values) => save(mode.patient, values)}
              onCancel={() => open({ kind: 'list' })}
            />
          </View>
        ) : null}

        {mode.kind === 'link' ? (
          <View className='card family-form link-form'>
            <Text className='section-title'>关联已有档案</Text>
            <Text className='field-hint link-form-intro'>已在诊所前台登记过的就诊人，填写登记时的身份证号和手机号即可关联。</Text>
            <InputField
              className='link-id-card'
              label='身份证号'
              error={linkErrors.idCardNo}
              type='idcard'
              value={link.idCardNo}
              maxlength={18}
              placeholder='18 位居民身份证号'
              onValue={(idCardNo) => setLink({ ...link, idCardNo: idCardNo.toUpperCase() })}
            />
            <InputField
              className='link-phone'
              label='手机号'
              error={linkErrors.phone}
              type='number'
              value={link.phone}
              maxlength={11}
              placeholder='登记时留的手机号'
              onValue={(phone) => setLink({ ...link, phone })}
            />
            <Field className='link-relationship' label='与本人关系' error={linkErrors.relationship}>
              <RelationshipChips value={link.relationship} onChange={(relationship) => setLink({ ...link, relationship })} />
            </Field>
            {formError ? (
              <View className='form-error link-error'>
                <Text>{formError}</Text>
              </View>
            ) : null}
            <View className='form-actions'>
              <Button className='secondary-button form-cancel' onClick={() => open({ kind: 'list' })}>
                取消
              </Button>
              <Button className={`primary-button link-submit ${submitting ? 'is-busy' : ''}`} loading={submitting} onClick={submitLink}>
                关联
              </Button>
            </View>
          </View>
        ) : null}

        <View className='card family-list'>
          <ListState state={list} onRetry={load} />
          {list.status === 'ready' && patients.length === 0 ? (
            <View className='empty-state'>还没有就诊人。添加您自己或家人后即可就诊。</View>
          ) : null}
          {patients.map((patient) => (
            <View key={patient.id} className='family-row'>
              <View className='family-row-main'>
                <View className='family-row-heading'>
                  <Text className='family-row-name'>{patient.name}</Text>
                  {patient.relationship ? <Text className='tag'>{patient.relationship}</Text> : null}
                  <Text className='tag tag--muted'>
                    {genderLabel(patient.gender)}
                    {ageOn(patient.birthDate) !== null ? ` · ${ageOn(patient.birthDate)} 岁` : ''}
                  </Text>
                </View>
                <Text className='family-row-detail muted'>
                  {maskPhone(patient.phone)} · 病历号 {patient.medicalRecordNo}
                </Text>
              </View>
              <View className='family-row-actions'>
                <Text className='link-text family-edit' onClick={() => open({ kind: 'edit', patient })}>
                  编辑
                </Text>
                <Text className='danger-link family-remove' onClick={() => remove(patient)}>
                  移除
                </Text>
              </View>
            </View>
          ))}
        </View>
      </View>
    </View>
  )
}
