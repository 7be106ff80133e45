import { useState, type ReactNode } from 'react'
import { Button, Text, Textarea, View } from '@tarojs/components'
import type { DrugAllergyClass, Gender, PatientReply } from '@clinic/contracts'
import { DRUG_ALLERGY_LABELS, GENDER_LABELS, keysOf } from '../../utils/labels'
import { ChoiceChips, RelationshipChips } from '../choice-chips'
import { Field, InputField } from '../field'
import FormError from '../form-error'
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
    return (value: string) => change(field, { ...values, [field]: value })
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
    <InputField
      className='reg-phone'
      label='手机号'
      error={errors.phone}
      type='number'
      value={values.phone}
      maxlength={11}
      placeholder={maskedPhone ? `不修改请留空（当前 ${maskedPhone}）` : '11 位手机号'}
      onValue={text('phone')}
    />
  )

  return (
    <View className='patient-form'>
      <View className='form-grid'>
        {!creating && original ? (
          <Field className='field--span' label='登记信息（不可修改）'>
            <Text className='fixed-facts'>
              {GENDER_LABELS[original.gender]} · {original.birthDate} 出生 · 身份证号 {original.idCardNo ?? '未登记'}
            </Text>
          </Field>
        ) : null}

        <InputField
          className='reg-name'
          label='姓名'
          error={errors.name}
          type='text'
          value={values.name}
          maxlength={LIMITS.name}
          placeholder='患者姓名'
          onValue={text('name')}
        />

        {creating ? null : phoneField}

        {creating ? (
          <InputField
            className='reg-id-card'
            label='身份证号（选填）'
            error={errors.idCardNo}
            note={
              idFeedback ? (
                <Text className={`field-note field-note--${idFeedback.tone} reg-id-card-feedback`}>{idFeedback.text}</Text>
              ) : null
            }
            type='idcard'
            value={values.idCardNo}
            maxlength={18}
            placeholder='18 位居民身份证号'
            onValue={(idCardNo) => change('idCardNo', withIdCard(values, idCardNo))}
          />
        ) : null}

        {creating ? (
          <Field label='性别' error={errors.gender}>
            <ChoiceChips
              options={GENDERS.map((gender: Gender) => ({
                value: gender,
                label: GENDER_LABELS[gender],
                className: `chip--wide reg-gender-${gender.toLowerCase()}`
              }))}
              value={values.gender}
              onChange={(gender) => change('gender', { ...values, gender })}
            />
          </Field>
        ) : null}

        {creating ? (
          <InputField
            className='reg-birth-date'
            label='出生日期'
            error={errors.birthDate}
            type='text'
            value={values.birthDate}
            maxlength={10}
            placeholder='YYYY-MM-DD，例如 1990-01-31'
            onValue={text('birthDate')}
          />
        ) : null}

        {options.withRelationship ? (
          <Field className='field--span reg-relationship' label='与本人关系' error={errors.relationship}>
            <RelationshipChips value={values.relationship} onChange={(relationship) => change('relationship', { ...values, relationship })} />
          </Field>
        ) : null}

        {creating ? phoneField : null}

        <InputField
          className={`reg-address ${creating ? '' : 'field--span'}`}
          label='地址（选填）'
          error={errors.address}
          type='text'
          value={values.address}
          maxlength={LIMITS.address}
          placeholder='现住址'
          onValue={text('address')}
        />

        <InputField
          className='reg-emergency-name'
          label='紧急联系人（选填）'
          error={errors.emergencyContactName}
          type='text'
          value={values.emergencyContactName}
          maxlength={LIMITS.emergencyContactName}
          placeholder='姓名'
          onValue={text('emergencyContactName')}
        />

        <InputField
          className='reg-emergency-phone'
          label='紧急联系人电话（选填）'
          error={errors.emergencyContactPhone}
          type='number'
          value={values.emergencyContactPhone}
          maxlength={11}
          placeholder={maskedContactPhone ? `不修改请留空（当前 ${maskedContactPhone}）` : '11 位手机号'}
          onValue={text('emergencyContactPhone')}
        />

        <Field className='field--span reg-allergies' label='药物过敏史（可多选，未选表示无已知药物过敏）' error={errors.allergyNote}>
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
            onInput={(e) => text('allergyNote')(e.detail.value)}
          />
        </Field>

        <InputField
          className='field--span reg-chronic'
          label='慢性病（选填）'
          error={errors.chronicConditions}
          type='text'
          value={values.chronicConditions}
          maxlength={LIMITS.conditions * (LIMITS.condition + 1)}
          placeholder='多项用顿号分隔，例如：高血压、2型糖尿病'
          onValue={text('chronicConditions')}
        />
      </View>

      <FormError className='reg-error' message={props.error} lines={props.errorLines}>
        {props.errorAction}
      </FormError>

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
