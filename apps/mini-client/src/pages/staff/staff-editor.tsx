import { useState } from 'react'
import { Button, Input, Text, Textarea, View } from '@tarojs/components'
import type { DepartmentReply, StaffReply, StaffRole } from '@clinic/contracts'
import { PASSWORD_RULE } from '@clinic/rules'
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

function FieldError({ message }: { message?: string }) {
  return message ? <Text className='field-error'>{message}</Text> : null
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
        <View className='field'>
          <Text className='field-label'>用户名</Text>
          <Text className='staff-username-fixed'>{original.username}</Text>
        </View>
      ) : (
        <View className='field staff-username'>
          <Text className='field-label'>用户名</Text>
          <Input
            className='field-input'
            type='text'
            value={values.username}
            maxlength={32}
            placeholder={USERNAME_RULE}
            onInput={(e) => change('username', { ...values, username: e.detail.value.toLowerCase() })}
          />
          <FieldError message={errors.username} />
        </View>
      )}

      <View className='field staff-password'>
        <Text className='field-label'>{original ? '重置密码（选填，留空不修改）' : '初始密码'}</Text>
        <Input
          className='field-input'
          password
          value={values.password}
          maxlength={128}
          placeholder={original ? '输入新密码' : '设置初始密码'}
          onInput={(e) => change('password', { ...values, password: e.detail.value })}
        />
        {errors.password ? (
          <FieldError message={errors.password} />
        ) : values.password ? (
          <Text className={`field-note ${livePasswordHint ? 'field-note--error' : 'field-note--ok'} password-check`}>
            {livePasswordHint ?? '密码符合要求'}
          </Text>
        ) : null}
        <Text className='field-hint password-rule'>{PASSWORD_RULE}</Text>
      </View>

      <View className='field staff-name'>
        <Text className='field-label'>姓名</Text>
        <Input
          className='field-input'
          type='text'
          value={values.name}
          maxlength={LIMITS.name}
          placeholder='真实姓名'
          onInput={(e) => change('name', { ...values, name: e.detail.value })}
        />
        <FieldError message={errors.name} />
      </View>

      <View className='field staff-roles'>
        <Text className='field-label'>角色（可多选）</Text>
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
        <FieldError message={errors.roles} />
      </View>

      <View className='field staff-department'>
        <Text className='field-label'>科室（选填）</Text>
        <View className='chip-row'>
          <View className={`chip ${values.departmentId ? '' : 'chip--active'}`} onClick={() => change('departmentId', { ...values, departmentId: '' })}>
            <Text>无</Text>
          </View>
          {departments.map((department) => (
            <View
              key={department.id}
              className={`chip ${values.departmentId === department.id ? 'chip--active' : ''}`}
              onClick={() => change('departmentId', { ...values, departmentId: department.id })}
            >
              <Text>{department.name}</Text>
            </View>
          ))}
        </View>
      </View>

      <View className='field staff-title'>
        <Text className='field-label'>职称（医生填写）</Text>
        <View className='chip-row'>
          <View className={`chip ${values.title ? '' : 'chip--active'}`} onClick={() => change('title', { ...values, title: '' })}>
            <Text>无</Text>
          </View>
          {TITLES.map((title) => (
            <View
              key={title}
              className={`chip ${values.title === title ? 'chip--active' : ''}`}
              onClick={() => change('title', { ...values, title })}
            >
              <Text>{DOCTOR_TITLE_LABELS[title]}</Text>
            </View>
          ))}
        </View>
      </View>

      <View className='field staff-specialty'>
        <Text className='field-label'>擅长（选填）</Text>
        <Input
          className='field-input'
          type='text'
          value={values.specialty}
          maxlength={LIMITS.specialty}
          placeholder='例如：呼吸系统疾病'
          onInput={(e) => change('specialty', { ...values, specialty: e.detail.value })}
        />
        <FieldError message={errors.specialty} />
      </View>

      <View className='field staff-introduction'>
        <Text className='field-label'>简介（选填）</Text>
        <Textarea
          className='field-textarea'
          value={values.introduction}
          maxlength={LIMITS.introduction}
          placeholder='医生简介，患者挂号时可见'
          onInput={(e) => change('introduction', { ...values, introduction: e.detail.value })}
        />
        <FieldError message={errors.introduction} />
      </View>

      {props.error ? (
        <View className='form-error staff-error'>
          <Text className='form-error-title'>{props.error}</Text>
          {props.errorLines.map((line) => (
            <Text key={line} className='form-error-line'>
              {line}
            </Text>
          ))}
        </View>
      ) : null}

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
