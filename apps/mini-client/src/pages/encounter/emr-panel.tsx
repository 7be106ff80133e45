import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { EmrTemplateReply, EmrVersionReply, EncounterReply, IcdCodeReply, TemplateScope } from '@clinic/contracts'
import { ChoiceChips } from '../../components/choice-chips'
import DateField from '../../components/date-field'
import EmrView from '../../components/emr-view'
import { Field, InputField, TextareaField } from '../../components/field'
import FormError from '../../components/form-error'
import ListState, { type Loaded, type LoadState } from '../../components/list-state'
import SearchBar from '../../components/search-bar'
import { api, isApiError } from '../../services/api'
import { confirmAction } from '../../services/confirm'
import { errorText, fieldErrors, VISIT_ERROR_TEXT } from '../../utils/error-text'
import { formatDateTime, formatLocalDate } from '../../utils/time'
import { diagnosisText, EMR_FIELD_LABELS, EMR_TEXT_LABELS, VITALS, type EmrTextField, type VitalKey } from '../../utils/visit'
import {
  addDiagnosis,
  amendmentChanges,
  applyTemplate,
  EMR_TEXT_LIMITS,
  emrFormErrorsOf,
  formFromContent,
  markPrimary,
  removeDiagnosis,
  signingGaps,
  templateContent,
  templateOverwrites,
  toEmrContent,
  type EmrFormErrors,
  type EmrFormValues
} from './emr-form'

interface EmrPanelProps {
  encounter: EncounterReply
  /** The signed-in doctor: only their own templates may be deleted. */
  userId: string
  onChange: (encounter: EncounterReply) => void
}

interface Failure {
  message: string
  lines: string[]
}

const SCOPE_OPTIONS: { value: TemplateScope; label: string }[] = [
  { value: 'PERSONAL', label: '个人模板' },
  { value: 'DEPARTMENT', label: '科室模板' }
]

/** Test hooks and class names in kebab case: chiefComplaint → chief-complaint. */
const kebab = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)

/** Fields written as one line; the rest get a text area. */
const SHORT_FIELDS: readonly EmrTextField[] = ['chiefComplaint', 'allergies']
const FIELDS_BEFORE_VITALS: readonly EmrTextField[] = ['chiefComplaint', 'presentIllness', 'pastHistory', 'allergies', 'familyHistory', 'physicalExam']

/** The medical record of the encounter: the draft form, signing, the signed view, amendments, versions and templates. */
export default function EmrPanel({ encounter, userId, onChange }: EmrPanelProps) {
  const emr = encounter.emr
  const signed = emr?.status === 'SIGNED'
  const [values, setValues] = useState<EmrFormValues>(() => formFromContent(emr?.content))
  const [errors, setErrors] = useState<EmrFormErrors>({})
  const [failure, setFailure] = useState<Failure | null>(null)
  const [busy, setBusy] = useState('')
  const [amending, setAmending] = useState(false)
  const [reason, setReason] = useState('')
  const [versions, setVersions] = useState<Loaded<EmrVersionReply[]> | null>(null)
  const [openVersion, setOpenVersion] = useState(0)
  const [templates, setTemplates] = useState<Loaded<EmrTemplateReply[]> | null>(null)
  const [naming, setNaming] = useState<{ name: string; scope: TemplateScope } | null>(null)
  const [icdQuery, setIcdQuery] = useState('')
  const [icd, setIcd] = useState<LoadState<{ codes: IcdCodeReply[] }> | { status: 'idle' }>({ status: 'idle' })

  const editing = !signed || amending

  function change(next: EmrFormValues, key?: string) {
    setValues(next)
    if (key && errors[key]) setErrors({ ...errors, [key]: '' })
  }

  async function run(key: string, action: () => Promise<void>) {
    if (busy) return
    setBusy(key)
    setFailure(null)
    try {
      await action()
    } catch (e) {
      const incomplete = isApiError(e) && e.code === 'EMR.INCOMPLETE'
      setErrors(emrFormErrorsOf(e, incomplete))
      setFailure({ message: errorText(e, VISIT_ERROR_TEXT), lines: incomplete ? [] : fieldErrors(e, EMR_FIELD_LABELS) })
    } finally {
      setBusy('')
    }
  }

  /** The form as a record to send, or null after marking what is wrong. */
  function content() {
    const result = toEmrContent(values)
    setErrors(result.errors)
    if (!result.content) setFailure({ message: '请修改标出的内容', lines: [] })
    return result.content ?? null
  }

  function save() {
    const record = content()
    if (!record) return
    void run('save', async () => {
      onChange(await api.saveEmr(encounter.id, record))
      void Taro.showToast({ title: '病历已保存', icon: 'success' })
    })
  }

  async function sign() {
    const record = content()
    if (!record) return
    const gaps = signingGaps(values)
    if (Object.keys(gaps).length) {
      setErrors(gaps)
      setFailure({ message: VISIT_ERROR_TEXT['EMR.INCOMPLETE'] as string, lines: [] })
      return
    }
    if (!(await confirmAction('签署病历', '签署后病历不能直接修改，只能修订。确定签署吗？', '签署', false))) return
    void run('sign', async () => {
      // Signing signs what is saved: save what is on screen first.
      await api.saveEmr(encounter.id, record)
      onChange(await api.signEmr(encounter.id))
      void Taro.showToast({ title: '病历已签署', icon: 'success' })
    })
  }

  function startAmending() {
    setValues(formFromContent(emr?.content))
    setErrors({})
    setFailure(null)
    setReason('')
    setAmending(true)
  }

  function amend() {
    const record = content()
    if (!record || !emr) return
    const changes = amendmentChanges(emr.content, record)
    if (!Object.keys(changes).length) {
      setFailure({ message: '病历没有修改', lines: [] })
      return
    }
    if (!reason.trim()) {
      setFailure({ message: '请填写修订原因', lines: [] })
      return
    }
    void run('amend', async () => {
      onChange(await api.amendEmr(encounter.id, reason.trim(), changes))
      setAmending(false)
      if (versions) void loadVersions()
      void Taro.showToast({ title: '已修订', icon: 'success' })
    })
  }

  async function loadVersions() {
    setVersions({ status: 'loading' })
    try {
      setVersions({ status: 'ready', value: await api.emrVersions(encounter.id) })
    } catch (e) {
      setVersions({ status: 'error', message: errorText(e, VISIT_ERROR_TEXT) })
    }
  }

  async function loadTemplates() {
    setTemplates({ status: 'loading' })
    try {
      setTemplates({ status: 'ready', value: await api.listEmrTemplates() })
    } catch (e) {
      setTemplates({ status: 'error', message: errorText(e, VISIT_ERROR_TEXT) })
    }
  }

  async function applyChosenTemplate(template: EmrTemplateReply) {
    let mode: 'fill' | 'replace' = 'fill'
    if (templateOverwrites(values, template.content)) {
      const answer = await Taro.showModal({
        title: `套用模板“${template.name}”`,
        content: '模板与已填写的内容有重叠。覆盖已填写的内容，还是只填入空白项？',
        confirmText: '覆盖',
        cancelText: '仅填空白'
      }).catch(() => ({ confirm: false }))
      if (answer.confirm) mode = 'replace'
    }
    setValues(applyTemplate(values, template.content, mode))
    setTemplates(null)
  }

  async function deleteTemplate(template: EmrTemplateReply) {
    if (!(await confirmAction('删除模板', `确定删除模板“${template.name}”吗？`, '删除'))) return
    void run('template', async () => {
      await api.deleteEmrTemplate(template.id)
      await loadTemplates()
    })
  }

  function saveTemplate() {
    if (!naming) return
    const name = naming.name.trim()
    if (!name || name.length > 50) {
      setFailure({ message: '请填写模板名称（不超过 50 个字）', lines: [] })
      return
    }
    const record = content()
    if (!record) return
    void run('template', async () => {
      await api.createEmrTemplate({ name, scope: naming.scope, content: templateContent(record) })
      setNaming(null)
      void Taro.showToast({ title: '已存为模板', icon: 'success' })
    })
  }

  async function searchIcd() {
    const query = icdQuery.trim()
    if (!query) return
    setIcd({ status: 'loading' })
    try {
      setIcd({ status: 'ready', codes: await api.searchIcd10(query, 20) })
    } catch (e) {
      setIcd({ status: 'error', message: errorText(e, VISIT_ERROR_TEXT) })
    }
  }

  function textField(key: EmrTextField) {
    const common = {
      className: `emr-${kebab(key)}`,
      label: EMR_TEXT_LABELS[key],
      error: errors[key],
      value: values[key],
      maxlength: EMR_TEXT_LIMITS[key],
      onValue: (value: string) => change({ ...values, [key]: value }, key)
    }
    return SHORT_FIELDS.includes(key) ? <InputField key={key} {...common} type='text' /> : <TextareaField key={key} {...common} />
  }

  function vitalField(key: VitalKey) {
    const spec = VITALS.find((vital) => vital.key === key)!
    const errorKey = `vitals.${key}`
    return (
      <InputField
        key={key}
        className={`emr-vital emr-vital-${key}`}
        label={`${spec.label}（${spec.unit}）`}
        error={errors[errorKey]}
        type={spec.decimals ? 'digit' : 'number'}
        value={values.vitals[key]}
        maxlength={5}
        onValue={(value) => change({ ...values, vitals: { ...values.vitals, [key]: value } }, errorKey)}
      />
    )
  }

  const signedHeader = emr && signed ? (
    <View className='emr-signed'>
      <Text className='tag emr-signed-tag'>已签署</Text>
      <Text className='muted emr-signed-by'>
        {emr.signedByName ?? ''} · {emr.signedAt ? formatDateTime(emr.signedAt) : ''}
        {emr.version > 1 ? ` · 第 ${emr.version} 版` : ''}
      </Text>
    </View>
  ) : null

  return (
    <View className='emr-panel'>
      {signedHeader}

      {!editing && emr ? <EmrView className='emr-signed-view' content={emr.content} /> : null}

      {editing ? (
        <View className='emr-form'>
          {!amending ? (
            <View className='emr-tools button-row'>
              <Button className='secondary-button emr-templates-open' onClick={() => (templates ? setTemplates(null) : loadTemplates())}>
                {templates ? '收起模板' : '套用模板'}
              </Button>
              <Button className='secondary-button emr-template-save-open' onClick={() => setNaming(naming ? null : { name: '', scope: 'PERSONAL' })}>
                存为模板
              </Button>
            </View>
          ) : null}

          {templates ? (
            <View className='emr-subform emr-templates'>
              <ListState state={templates} onRetry={loadTemplates} />
              {templates.status === 'ready' && !templates.value.length ? <Text className='muted'>还没有模板，可把写好的病历“存为模板”</Text> : null}
              {templates.status === 'ready'
                ? templates.value.map((template) => (
                    <View key={template.id} className='emr-template'>
                      <Text className='emr-template-name' onClick={() => applyChosenTemplate(template)}>
                        {template.name}
                      </Text>
                      <Text className='tag tag--muted'>{template.scope === 'DEPARTMENT' ? '科室' : '个人'}</Text>
                      <Text className='link-text emr-template-apply' onClick={() => applyChosenTemplate(template)}>
                        套用
                      </Text>
                      {template.ownerId === userId ? (
                        <Text className='danger-link emr-template-delete' onClick={() => deleteTemplate(template)}>
                          删除
                        </Text>
                      ) : null}
                    </View>
                  ))
                : null}
            </View>
          ) : null}

          {naming ? (
            <View className='emr-subform emr-template-form'>
              <InputField
                className='emr-template-name-input'
                label='模板名称'
                type='text'
                value={naming.name}
                maxlength={50}
                placeholder='例如：上呼吸道感染'
                onValue={(name) => setNaming({ ...naming, name })}
              />
              <ChoiceChips options={SCOPE_OPTIONS} value={naming.scope} onChange={(scope) => setNaming({ ...naming, scope })} />
              <Text className='field-hint'>模板保存主诉、病史、体格检查、诊断与处理意见，不含生命体征和复诊日期。</Text>
              <Button className={`primary-button emr-template-save ${busy === 'template' ? 'is-busy' : ''}`} onClick={saveTemplate}>
                保存模板
              </Button>
            </View>
          ) : null}

          <View className='emr-grid'>{FIELDS_BEFORE_VITALS.map(textField)}</View>

          <Field label='生命体征' className='emr-vitals-field'>
            <View className='emr-vitals'>{VITALS.map((vital) => vitalField(vital.key))}</View>
          </Field>

          {textField('auxiliaryExams')}

          <Field label='诊断' className='emr-diagnoses' error={errors.diagnoses}>
            {values.diagnoses.map((diagnosis) => (
              <View key={diagnosis.code} className='emr-diagnosis'>
                <Text className='emr-diagnosis-name'>{diagnosisText(diagnosis)}</Text>
                {diagnosis.primary ? (
                  <Text className='tag emr-diagnosis-main'>主要诊断</Text>
                ) : (
                  <Text
                    className='link-text emr-diagnosis-primary'
                    onClick={() => change({ ...values, diagnoses: markPrimary(values.diagnoses, diagnosis.code) }, 'diagnoses')}
                  >
                    设为主要
                  </Text>
                )}
                <Text
                  className='danger-link emr-diagnosis-remove'
                  onClick={() => change({ ...values, diagnoses: removeDiagnosis(values.diagnoses, diagnosis.code) }, 'diagnoses')}
                >
                  移除
                </Text>
              </View>
            ))}
            <SearchBar
              className='emr-icd-search'
              submitClassName='emr-icd-search-submit'
              value={icdQuery}
              placeholder='ICD-10 编码、名称或拼音首字母，如 J06 / 上呼吸道 / shxdgr'
              onChange={setIcdQuery}
              onSearch={searchIcd}
            />
            {icd.status !== 'idle' ? <ListState state={icd} /> : null}
            {icd.status === 'ready' && !icd.codes.length ? <Text className='muted'>没有找到匹配的诊断</Text> : null}
            {icd.status === 'ready'
              ? icd.codes.map((code) => {
                  const added = values.diagnoses.some((d) => d.code === code.code)
                  return (
                    <View
                      key={code.code}
                      className={`emr-icd-result ${added ? 'emr-icd-result--added' : ''}`}
                      onClick={() => !added && change({ ...values, diagnoses: addDiagnosis(values.diagnoses, code) }, 'diagnoses')}
                    >
                      <Text className='emr-icd-code'>{code.code}</Text>
                      <Text className='emr-icd-name'>{code.name}</Text>
                      <Text className='muted emr-icd-action'>{added ? '已添加' : '添加'}</Text>
                    </View>
                  )
                })
              : null}
          </Field>

          {textField('advice')}

          <DateField
            className='emr-follow-up'
            label='复诊日期（选填）'
            value={values.followUpDate}
            error={errors.followUpDate}
            start={formatLocalDate(new Date())}
            onChange={(followUpDate) => change({ ...values, followUpDate }, 'followUpDate')}
          />

          {amending ? (
            <InputField
              className='emr-amend-reason'
              label='修订原因'
              type='text'
              value={reason}
              maxlength={200}
              placeholder='例如：补充辅助检查结果'
              onValue={setReason}
            />
          ) : null}
        </View>
      ) : null}

      <FormError className='emr-error' message={failure?.message} lines={failure?.lines} />

      {editing && !amending ? (
        <View className='form-actions emr-actions'>
          <Button className={`secondary-button emr-save ${busy === 'save' ? 'is-busy' : ''}`} onClick={save}>
            保存
          </Button>
          <Button className={`primary-button emr-sign ${busy === 'sign' ? 'is-busy' : ''}`} loading={busy === 'sign'} onClick={sign}>
            签署
          </Button>
        </View>
      ) : null}
      {amending ? (
        <View className='form-actions emr-actions'>
          <Button className='secondary-button form-cancel' onClick={() => setAmending(false)}>
            取消
          </Button>
          <Button className={`primary-button emr-amend-submit ${busy === 'amend' ? 'is-busy' : ''}`} onClick={amend}>
            提交修订
          </Button>
        </View>
      ) : null}
      {signed && !amending ? (
        <View className='form-actions emr-actions'>
          <Button className='secondary-button emr-versions-open' onClick={() => (versions ? setVersions(null) : loadVersions())}>
            {versions ? '收起版本' : '版本记录'}
          </Button>
          <Button className='secondary-button emr-amend-open' onClick={startAmending}>
            修订
          </Button>
        </View>
      ) : null}

      {versions ? (
        <View className='emr-versions'>
          <ListState state={versions} onRetry={loadVersions} />
          {versions.status === 'ready'
            ? versions.value.map((version) => (
                <View key={version.version} className='emr-version'>
                  <View className='emr-version-heading' onClick={() => setOpenVersion(openVersion === version.version ? 0 : version.version)}>
                    <Text className='emr-version-title'>第 {version.version} 版</Text>
                    <Text className='muted'>
                      {version.status === 'SIGNED' ? `${version.signedByName ?? ''} 签署于 ${version.signedAt ? formatDateTime(version.signedAt) : ''}` : '草稿'}
                    </Text>
                  </View>
                  {version.amendmentReason ? <Text className='muted emr-version-reason'>修订原因：{version.amendmentReason}</Text> : null}
                  {openVersion === version.version ? <EmrView content={version.content} /> : null}
                </View>
              ))
            : null}
        </View>
      ) : null}
    </View>
  )
}
