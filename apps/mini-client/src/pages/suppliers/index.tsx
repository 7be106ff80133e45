import { useRef, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useLoad } from '@tarojs/taro'
import type { SupplierReply } from '@clinic/contracts'
import { InputField } from '../../components/field'
import FormError from '../../components/form-error'
import ListState, { type LoadState } from '../../components/list-state'
import Pager from '../../components/pager'
import SearchBar from '../../components/search-bar'
import { canManagePharmacy } from '../../services/access'
import { api } from '../../services/api'
import { requireStaff } from '../../services/guard'
import { errorText } from '../../utils/error-text'
import { PHARMACY_ERROR_TEXT } from '../../utils/pharmacy'
import { formatDateTime } from '../../utils/time'
import { SUPPLIER_LIMITS, supplierValues, toSupplierInput, toSupplierUpdate, validateSupplier, type SupplierFormValues } from './supplier-form'
import './index.scss'

const PAGE_SIZE = 20

type List = LoadState<{ suppliers: SupplierReply[]; total: number; page: number }>
type FormErrors = ReturnType<typeof validateSupplier>

interface SupplierFieldsProps {
  prefix: string
  values: SupplierFormValues
  errors: FormErrors
  onChange: (values: SupplierFormValues) => void
}

/** Name and contact: the add form and the edit-in-place form. */
function SupplierFields({ prefix, values, errors, onChange }: SupplierFieldsProps) {
  return (
    <View className='ph-field-row'>
      <InputField
        className={`${prefix}-name`}
        label='名称'
        error={errors.name}
        type='text'
        value={values.name}
        maxlength={SUPPLIER_LIMITS.name}
        placeholder='例如：国药控股某某有限公司'
        onValue={(name) => onChange({ ...values, name })}
      />
      <InputField
        className={`${prefix}-contact`}
        label='联系人与电话（选填）'
        error={errors.contact}
        type='text'
        value={values.contact}
        maxlength={SUPPLIER_LIMITS.contact}
        placeholder='例如：王经理 13800000000'
        onValue={(contact) => onChange({ ...values, contact })}
      />
    </View>
  )
}

export default function SuppliersPage() {
  const [query, setQuery] = useState('')
  const [list, setList] = useState<List>({ status: 'loading' })
  const [draft, setDraft] = useState<SupplierFormValues>(supplierValues())
  const [draftErrors, setDraftErrors] = useState<FormErrors>({})
  const [editing, setEditing] = useState<{ id: string; values: SupplierFormValues; errors: FormErrors } | null>(null)
  const [error, setError] = useState('')
  const [busy, setBusy] = useState('')
  const latest = useRef(0)

  async function load(page: number) {
    const ticket = ++latest.current
    setList({ status: 'loading' })
    try {
      const reply = await api.listSuppliers({ query: query.trim(), page, pageSize: PAGE_SIZE })
      if (ticket === latest.current) setList({ status: 'ready', suppliers: reply.items, total: reply.total, page: reply.page })
    } catch (e) {
      if (ticket === latest.current) setList({ status: 'error', message: errorText(e, PHARMACY_ERROR_TEXT) })
    }
  }

  useLoad(() => {
    if (requireStaff(canManagePharmacy)) void load(1)
  })

  async function run(key: string, action: () => Promise<void>) {
    if (busy) return
    setBusy(key)
    setError('')
    try {
      await action()
    } catch (e) {
      setError(errorText(e, PHARMACY_ERROR_TEXT))
    } finally {
      setBusy('')
    }
  }

  function add() {
    const errors = validateSupplier(draft)
    setDraftErrors(errors)
    if (Object.keys(errors).length) return
    void run('add', async () => {
      await api.createSupplier(toSupplierInput(draft))
      setDraft(supplierValues())
      void Taro.showToast({ title: '已添加', icon: 'success' })
      await load(1)
    })
  }

  function save(supplier: SupplierReply) {
    if (!editing) return
    const errors = validateSupplier(editing.values)
    if (Object.keys(errors).length) {
      setEditing({ ...editing, errors })
      return
    }
    const update = toSupplierUpdate(supplier, editing.values)
    if (!Object.keys(update).length) {
      setEditing(null)
      return
    }
    void run(supplier.id, async () => {
      const saved = await api.updateSupplier(supplier.id, update)
      setEditing(null)
      if (list.status === 'ready') setList({ ...list, suppliers: list.suppliers.map((item) => (item.id === supplier.id ? { ...item, ...saved } : item)) })
      void Taro.showToast({ title: '已保存', icon: 'success' })
    })
  }

  return (
    <View className='page suppliers-page'>
      <View className='page-inner ph-inner'>
        <View className='page-header'>
          <View>
            <Text className='page-title'>供应商</Text>
            <Text className='page-subtitle'>入库时选择的药品供应商</Text>
          </View>
        </View>

        <View className='split-layout'>
          <View className='card split-side sup-add'>
            <Text className='section-title'>添加供应商</Text>
            <SupplierFields prefix='sup-add' values={draft} errors={draftErrors} onChange={setDraft} />
            <FormError className='sup-error' message={editing ? '' : error} />
            <Button className={`primary-button sup-add-submit ${busy === 'add' ? 'is-busy' : ''}`} loading={busy === 'add'} onClick={add}>
              添加
            </Button>
          </View>

          <View className='split-main'>
            <SearchBar className='sup-search' submitClassName='sup-search-submit' value={query} placeholder='供应商名称' onChange={setQuery} onSearch={() => load(1)} />
            <View className='card sup-list'>
              <ListState state={list} onRetry={() => load(1)} />
              {list.status === 'ready' ? (
                <>
                  <Text className='list-count muted'>共 {list.total} 家供应商</Text>
                  {list.suppliers.length === 0 ? <View className='empty-state'>没有找到供应商</View> : null}
                  {list.suppliers.map((supplier) => (
                    <View key={supplier.id} className='sup-item'>
                      <View className='ph-row sup-row'>
                        <View className='ph-row-main'>
                          <Text className='ph-row-title'>{supplier.name}</Text>
                          <Text className='ph-row-detail'>
                            {supplier.contact || '未填联系方式'} · {formatDateTime(supplier.createdAt)} 添加
                          </Text>
                        </View>
                        {editing?.id === supplier.id ? null : (
                          <Text
                            className='link-text sup-edit'
                            onClick={() => {
                              setError('')
                              setEditing({ id: supplier.id, values: supplierValues(supplier), errors: {} })
                            }}
                          >
                            编辑
                          </Text>
                        )}
                      </View>
                      {editing?.id === supplier.id ? (
                        <View className='ph-subform'>
                          <SupplierFields prefix='sup-edit' values={editing.values} errors={editing.errors} onChange={(values) => setEditing({ ...editing, values, errors: {} })} />
                          <FormError className='sup-edit-error' message={error} />
                          <View className='form-actions'>
                            <Button className='secondary-button form-cancel' onClick={() => setEditing(null)}>
                              取消
                            </Button>
                            <Button className={`primary-button sup-edit-save ${busy === supplier.id ? 'is-busy' : ''}`} onClick={() => save(supplier)}>
                              保存
                            </Button>
                          </View>
                        </View>
                      ) : null}
                    </View>
                  ))}
                  <Pager page={list.page} pageSize={PAGE_SIZE} total={list.total} onChange={(page) => load(page)} />
                </>
              ) : null}
            </View>
          </View>
        </View>
      </View>
    </View>
  )
}
