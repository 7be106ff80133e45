import { useState, type ReactNode } from 'react'
import { Button, Input, Text, Textarea, View } from '@tarojs/components'
import type { DrugAllergyClass, Gender, PatientReply } from '@clinic/contracts'
import { DRUG_ALLERGY_LABELS, GENDER_LABELS, keysOf, RELATIONSHIP_OPTIONS } from '../../utils/labels'
import {
  hasErrors,
  idCardFeedback,
  isMasked,
  LIMITS,
  validatePatientForm,
  withIdCard,
  type PatientField,
  type PatientFormErrors,
  type PatientFormOptions,
  type PatientFormValues
} from './patient-form'
import './index.scss'

const ALLERGY_CLASSES = keysOf(DRUG_ALLERGY_LABELS)
const GENDERS = keysOf(GENDER_LABELS)

interface PatientFormProps {
  options: PatientFormOptions
  initial: PatientFormValues
  /** The record being edited (edit mode): its fixed fields are shown, masked numbers explained. */
  original?: PatientReply
  submitLabel: string
  submitting: boolean
  /** The server's answer to the last submit, already in Chinese. */
  error?: string
  errorLines?: string[]
  /** Shown under the error, e.g. a "link instead" button. */
  errorAction?: ReactNode
  onSubmit: (values: PatientFormValues) => void
  onCancel?: () => void
}

function FieldError({ message }: { message?: string }) {
  return message ? <Text className='field-error'>{message}</Text> : null
}

/** The patient fields shared by the desk's registration, the detail page's editor and the family forms. */
export default function PatientForm(props: PatientFormProps) {
  const { options, original, submitting } = props
  const [values, setValues] = useState<PatientFormValues>(props.initial)
  const [errors, setErrors] = useState<PatientFormErrors>({})
  const creating = options.mode === 'create'

  function change(field: PatientField, next: PatientFormValues) {
    setValues(next)
    if (errors[field]) setErrors({ ...errors, [field]: undefined })
  }

  function text(field: Exclude<PatientField, 'gender' | 'allergyClasses'>) {
    return (event: { detail: { value: string } }) => change(field, { ...values, [field]: event.detail.value })
  }

  function toggleAllergy(drugClass: DrugAllergyClass) {
    const chosen = values.allergyClasses.includes(drugClass)
      ? values.allergyClasses.filter((item) => item !== drugClass)
      : [...values.allergyClasses, drugClass]
    change('allergyClasses', { ...values, allergyClasses: chosen })
  }

  function submit() {
    if (submitting) return
    const found = validatePatientForm(values, options, original)
    setErrors(found)
    if (!hasErrors(found)) props.onSubmit(values)
  }

  const idFeedback = creating ? idCardFeedback(values) : null
  const maskedPhone = !creating && original && isMasked(original.phone) ? original.phone : null
  const maskedContactPhone =
    !creating && original && isMasked(original.emergencyContactPhone) ? original.emergencyContactPhone : null

  const phoneField = (
    <View className='field reg-phone'>
      <Text className='field-label'>手机号</Text>
      <Input
        className='field-input'
        type='number'
        value={values.phone}
        maxlength={11}
        placeholder={maskedPhone ? `不修改请留空（当前 ${maskedPhone}）` : '11 位手机号'}
        onInput={text('phone')}
      />
      <FieldError message={errors.phone} />
    </View>
  )

  return (
    <View className='patient-form'>
      <View className='form-grid'>
        {!creating && original ? (
          <View className='field field--span'>
            <Text className='field-label'>登记信息（不可修改）</Text>
            <Text className='fixed-facts'>
              {GENDER_LABELS[original.gender]} · {original.birthDate} 出生 · 身份证号 {original.idCardNo ?? '未登记'}
            </Text>
          </View>
        ) : null}

        <View className='field reg-name'>
          <Text className='field-label'>姓名</Text>
          <Input
            className='field-input'
            type='text'
            value={values.name}
            maxlength={LIMITS.name}
            placeholder='患者姓名'
            onInput={text('name')}
          />
          <FieldError message={errors.name} />
        </View>

        {creating ? null : phoneField}

        {creating ? (
          <View className='field reg-id-card'>
            <Text className='field-label'>身份证号（选填）</Text>
            <Input
              className='field-input'
              type='idcard'
              value={values.idCardNo}
              maxlength={18}
              placeholder='18 位居民身份证号'
              onInput={(event) => change('idCardNo', withIdCard(values, event.detail.value))}
            />
            {errors.idCardNo ? (
              <FieldError message={errors.idCardNo} />
            ) : idFeedback ? (
              <Text className={`field-note field-note--${idFeedback.tone} reg-id-card-feedback`}>{idFeedback.text}</Text>
            ) : null}
          </View>
        ) : null}

        {creating ? (
          <View className='field'>
            <Text className='field-label'>性别</Text>
            <View className='chip-row'>
              {GENDERS.map((gender: Gender) => (
                <View
                  key={gender}
                  className={`chip chip--wide reg-gender-${gender.toLowerCase()} ${values.gender === gender ? 'chip--active' : ''}`}
                  onClick={() => change('gender', { ...values, gender })}
                >
                  <Text>{GENDER_LABELS[gender]}</Text>
                </View>
              ))}
            </View>
            <FieldError message={errors.gender} />
          </View>
        ) : null}

        {creating ? (
          <View className='field reg-birth-date'>
            <Text className='field-label'>出生日期</Text>
            <Input
              className='field-input'
              type='text'
              value={values.birthDate}
              maxlength={10}
              placeholder='YYYY-MM-DD，例如 1990-01-31'
              onInput={text('birthDate')}
            />
            <FieldError message={errors.birthDate} />
          </View>
        ) : null}

        {options.withRelationship ? (
          <View className='field field--span reg-relationship'>
            <Text className='field-label'>与本人关系</Text>
            <View className='chip-row'>
              {RELATIONSHIP_OPTIONS.map((relationship) => (
                <View
                  key={relationship}
                  className={`chip ${values.relationship === relationship ? 'chip--active' : ''}`}
                  onClick={() => change('relationship', { ...values, relationship })}
                >
                  <Text>{relationship}</Text>
                </View>
              ))}
            </View>
            <FieldError message={errors.relationship} />
          </View>
        ) : null}

        {creating ? phoneField : null}

        <View className={`field reg-address ${creating ? '' : 'field--span'}`}>
          <Text className='field-label'>地址（选填）</Text>
          <Input
            className='field-input'
            type='text'
            value={values.address}
            maxlength={LIMITS.address}
            placeholder='现住址'
            onInput={text('address')}
          />
          <FieldError message={errors.address} />
        </View>

        <View className='field reg-emergency-name'>
          <Text className='field-label'>紧急联系人（选填）</Text>
          <Input
            className='field-input'
            type='text'
            value={values.emergencyContactName}
            maxlength={LIMITS.emergencyContactName}
            placeholder='姓名'
            onInput={text('emergencyContactName')}
          />
          <FieldError message={errors.emergencyContactName} />
        </View>

        <View className='field reg-emergency-phone'>
          <Text className='field-label'>紧急联系人电话（选填）</Text>
          <Input
            className='field-input'
            type='number'
            value={values.emergencyContactPhone}
            maxlength={11}
            placeholder={maskedContactPhone ? `不修改请留空（当前 ${maskedContactPhone}）` : '11 位手机号'}
            onInput={text('emergencyContactPhone')}
          />
          <FieldError message={errors.emergencyContactPhone} />
        </View>

        <View className='field field--span reg-allergies'>
          <Text className='field-label'>药物过敏史（可多选，未选表示无已知药物过敏）</Text>
          <View className='chip-row'>
            {ALLERGY_CLASSES.map((drugClass) => (
              <View
                key={drugClass}
                className={`chip ${values.allergyClasses.includes(drugClass) ? 'chip--active chip--danger' : ''}`}
                onClick={() => toggleAllergy(drugClass)}
              >
                <Text>{DRUG_ALLERGY_LABELS[drugClass]}</Text>
              </View>
            ))}
          </View>
          <Textarea
            className='field-textarea allergy-note'
            value={values.allergyNote}
            maxlength={LIMITS.allergyNote}
            placeholder='其他过敏（选填），例如：对芒果、海鲜过敏'
            onInput={text('allergyNote')}
          />
          <FieldError message={errors.allergyNote} />
        </View>

        <View className='field field--span reg-chronic'>
          <Text className='field-label'>慢性病（选填）</Text>
          <Input
            className='field-input'
            type='text'
            value={values.chronicConditions}
            maxlength={LIMITS.conditions * (LIMITS.condition + 1)}
            placeholder='多项用顿号分隔，例如：高血压、2型糖尿病'
            onInput={text('chronicConditions')}
          />
          <FieldError message={errors.chronicConditions} />
        </View>
      </View>

      {props.error ? (
        <View className='form-error reg-error'>
          <Text className='form-error-title'>{props.error}</Text>
          {(props.errorLines ?? []).map((line) => (
            <Text key={line} className='form-error-line'>
              {line}
            </Text>
          ))}
          {props.errorAction}
        </View>
      ) : null}

      <View className='form-actions'>
        {props.onCancel ? (
          <Button className='secondary-button form-cancel' onClick={props.onCancel}>
            取消
          </Button>
        ) : null}
        <Button className={`primary-button reg-submit ${submitting ? 'is-busy' : ''}`} loading={submitting} onClick={submit}>
          {props.submitLabel}
        </Button>
      </View>
    </View>
  )
}
