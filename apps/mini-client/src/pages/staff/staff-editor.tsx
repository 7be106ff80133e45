import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import type { DepartmentReply, StaffReply, StaffRole } from '@clinic/contracts'
import { PASSWORD_RULE } from '@clinic/rules'
import { ChoiceChips, choicesOf } from '../../components/choice-chips'
import { Field, InputField, TextareaField } from '../../components/field'
import FormError from '../../components/form-error'
import { DOCTOR_TITLE_LABELS, keysOf, ROLE_LABELS } from '../../utils/labels'
import {
  emptyStaffForm,
  formFromStaff,
  LIMITS,
  passwordHint,
  USERNAME_RULE,
  validateStaffForm,
  type StaffField,
  type StaffFormErrors,
  type StaffFormValues
} from './staff-form'

// Staff roles only: 'patient' is an account kind, never given to staff.
const STAFF_ROLES: StaffRole[] = keysOf(ROLE_LABELS).filter((role): role is StaffRole => role !== 'patient')
const TITLES = keysOf(DOCTOR_TITLE_LABELS)

interface StaffEditorProps {
  /** Absent: a new user. */
  original?: StaffReply
  departments: DepartmentReply[]
  submitting: boolean
  error: string
  errorLines: string[]
  onSubmit: (values: StaffFormValues) => void
  onCancel: () => void
}

export default function StaffEditor(props: StaffEditorProps) {
  const { original, departments, submitting } = props
  const mode = original ? 'edit' : 'create'
  const [values, setValues] = useState<StaffFormValues>(() => (original ? formFromStaff(original) : emptyStaffForm()))
  const [errors, setErrors] = useState<StaffFormErrors>({})

  function change(field: StaffField, next: StaffFormValues) {
    setValues(next)
    if (errors[field]) setErrors({ ...errors, [field]: undefined })
  }

  function toggleRole(role: StaffRole) {
    const roles = values.roles.includes(role) ? values.roles.filter((item) => item !== role) : [...values.roles, role]
    change('roles', { ...values, roles })
  }

  function submit() {
    if (submitting) return
    const found = validateStaffForm(values, mode)
    setErrors(found)
    if (!Object.values(found).some(Boolean)) props.onSubmit(values)
  }

  // Checked as the password is typed, by the same rule the server applies.
  const livePasswordHint = values.password ? passwordHint(values.password, values.username) : null

  return (
    <View className='staff-editor'>
      {original ? (
        <Field label='用户名'>
          <Text className='staff-username-fixed'>{original.username}</Text>
        </Field>
      ) : (
        <InputField
          className='staff-username'
          label='用户名'
          error={errors.username}
          type='text'
          value={values.username}
          maxlength={32}
          placeholder={USERNAME_RULE}
          onValue={(username) => change('username', { ...values, username: username.toLowerCase() })}
        />
      )}

      <InputField
        className='staff-password'
        label={original ? '重置密码（选填，留空不修改）' : '初始密码'}
        error={errors.password}
        note={
          values.password ? (
            <Text className={`field-note ${livePasswordHint ? 'field-note--error' : 'field-note--ok'} password-check`}>
              {livePasswordHint ?? '密码符合要求'}
            </Text>
          ) : null
        }
        hint={<Text className='field-hint password-rule'>{PASSWORD_RULE}</Text>}
        password
        value={values.password}
        maxlength={128}
        placeholder={original ? '输入新密码' : '设置初始密码'}
        onValue={(password) => change('password', { ...values, password })}
      />

      <InputField
        className='staff-name'
        label='姓名'
        error={errors.name}
        type='text'
        value={values.name}
        maxlength={LIMITS.name}
        placeholder='真实姓名'
        onValue={(name) => change('name', { ...values, name })}
      />

      <Field className='staff-roles' label='角色（可多选）' error={errors.roles}>
        <View className='chip-row'>
          {STAFF_ROLES.map((role) => (
            <View
              key={role}
              className={`chip staff-role-${role} ${values.roles.includes(role) ? 'chip--active' : ''}`}
              onClick={() => toggleRole(role)}
            >
              <Text>{ROLE_LABELS[role]}</Text>
            </View>
          ))}
        </View>
      </Field>

      <Field className='staff-department' label='科室（选填）'>
        <ChoiceChips
          options={[{ value: '', label: '无' }, ...departments.map((department) => ({ value: department.id, label: department.name }))]}
          value={values.departmentId}
          onChange={(departmentId) => change('departmentId', { ...values, departmentId })}
        />
      </Field>

      <Field className='staff-title' label='职称（医生填写）'>
        <ChoiceChips
          options={choicesOf(DOCTOR_TITLE_LABELS, TITLES, '无')}
          value={values.title}
          onChange={(title) => change('title', { ...values, title })}
        />
      </Field>

      <InputField
        className='staff-specialty'
        label='擅长（选填）'
        error={errors.specialty}
        type='text'
        value={values.specialty}
        maxlength={LIMITS.specialty}
        placeholder='例如：呼吸系统疾病'
        onValue={(specialty) => change('specialty', { ...values, specialty })}
      />

      <TextareaField
        className='staff-introduction'
        label='简介（选填）'
        error={errors.introduction}
        value={values.introduction}
        maxlength={LIMITS.introduction}
        placeholder='医生简介，患者挂号时可见'
        onValue={(introduction) => change('introduction', { ...values, introduction })}
      />

      <FormError className='staff-error' message={props.error} lines={props.errorLines} />

      <View className='form-actions'>
        <Button className='secondary-button form-cancel' onClick={props.onCancel}>
          取消
        </Button>
        <Button className={`primary-button staff-submit ${submitting ? 'is-busy' : ''}`} loading={submitting} onClick={submit}>
          {original ? '保存' : '创建用户'}
        </Button>
      </View>
    </View>
  )
}
