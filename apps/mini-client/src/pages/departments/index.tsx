import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useLoad } from '@tarojs/taro'
import type { DepartmentReply } from '@clinic/contracts'
import { InputField, TextareaField } from '../../components/field'
import FormError from '../../components/form-error'
import ListState, { type LoadState } from '../../components/list-state'
import { api } from '../../services/api'
import { requireStaff } from '../../services/guard'
import { errorText, fieldErrors, type ErrorTextOverrides } from '../../utils/error-text'
import './index.scss'

const NAME_MAX = 50
const DESCRIPTION_MAX = 500

const DEPARTMENT_ERROR_TEXT: ErrorTextOverrides = {
  'DEPARTMENT.NAME_TAKEN': '科室名称已存在',
  'VALIDATION.FAILED': '请检查填写的内容',
  'AUTH.FORBIDDEN': '只有管理员可以管理科室'
}

const FIELD_LABELS: Record<string, string> = { name: '科室名称', description: '简介' }

type List = LoadState<{ departments: DepartmentReply[] }>

export default function DepartmentsPage() {
  const [list, setList] = useState<List>({ status: 'loading' })
  const [name, setName] = useState('')
  const [description, setDescription] = useState('')
  const [formError, setFormError] = useState('')
  const [fieldMessages, setFieldMessages] = useState<string[]>([])
  const [submitting, setSubmitting] = useState(false)

  async function load() {
    setList({ status: 'loading' })
    try {
      setList({ status: 'ready', departments: await api.listDepartments() })
    } catch (e) {
      setList({ status: 'error', message: errorText(e, DEPARTMENT_ERROR_TEXT) })
    }
  }

  useLoad(() => {
    if (!requireStaff()) return
    void load()
  })

  async function submit() {
    if (submitting) return
    const trimmedName = name.trim()
    const trimmedDescription = description.trim()
    setFieldMessages([])
    if (!trimmedName) {
      setFormError('请填写科室名称')
      return
    }
    setSubmitting(true)
    setFormError('')
    try {
      await api.createDepartment({ name: trimmedName, description: trimmedDescription || undefined })
      setName('')
      setDescription('')
      void Taro.showToast({ title: '已添加', icon: 'success' })
      await load()
    } catch (e) {
      setFormError(errorText(e, DEPARTMENT_ERROR_TEXT))
      setFieldMessages(fieldErrors(e, FIELD_LABELS))
    } finally {
      setSubmitting(false)
    }
  }

  return (
    <View className='page departments-page'>
      <View className='page-inner departments-layout'>
        <View className='card departments-form'>
          <Text className='section-title'>新增科室</Text>
          <InputField
            className='department-name'
            label='科室名称'
            value={name}
            maxlength={NAME_MAX}
            placeholder='例如：内科'
            onValue={setName}
          />
          <TextareaField
            className='department-description'
            label='简介（选填）'
            value={description}
            maxlength={DESCRIPTION_MAX}
            placeholder='科室的诊疗范围、位置等'
            onValue={setDescription}
          />
          <FormError className='department-error' message={formError} lines={fieldMessages} />
          <Button className={`primary-button department-submit ${submitting ? 'is-busy' : ''}`} loading={submitting} onClick={submit}>
            添加科室
          </Button>
        </View>

        <View className='card departments-list'>
          <Text className='section-title'>科室列表</Text>
          <ListState state={list} onRetry={load} />
          {list.status === 'ready' && list.departments.length === 0 ? (
            <View className='empty-state'>还没有科室，请先添加</View>
          ) : null}
          {list.status === 'ready'
            ? list.departments.map((department) => (
                <View key={department.id} className='department-row'>
                  <Text className='department-row-name'>{department.name}</Text>
                  <Text className='department-row-description muted'>{department.description || '暂无简介'}</Text>
                </View>
              ))
            : null}
        </View>
      </View>
    </View>
  )
}
