import { useRef, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useLoad } from '@tarojs/taro'
import type { DepartmentReply, StaffReply, StaffRole } from '@clinic/contracts'
import { ChoiceChips, choicesOf } from '../../components/choice-chips'
import ListState, { type LoadState } from '../../components/list-state'
import Pager from '../../components/pager'
import SearchBar from '../../components/search-bar'
import { canManageStaff } from '../../services/access'
import { api } from '../../services/api'
import { confirmAction } from '../../services/confirm'
import { requireStaff } from '../../services/guard'
import { errorText, fieldErrors, type ErrorTextOverrides } from '../../utils/error-text'
import { keysOf, ROLE_LABELS, roleLabel } from '../../utils/labels'
import { formatClock } from '../../utils/time'
import StaffEditor from './staff-editor'
import { isLocked, toCreateStaffInput, toStaffUpdate, type StaffFormValues } from './staff-form'
import './index.scss'

const PAGE_SIZE = 20

const STAFF_ERROR_TEXT: ErrorTextOverrides = {
  'STAFF.USERNAME_TAKEN': '用户名已被使用，请换一个',
  'STAFF.LAST_ADMIN': '这是最后一位在职管理员：不能停用，也不能取消其管理员角色',
  'VALIDATION.FAILED': '请检查填写的内容',
  'AUTH.FORBIDDEN': '只有管理员可以管理用户'
}

const FIELD_LABELS: Record<string, string> = {
  username: '用户名',
  password: '密码',
  name: '姓名',
  roles: '角色',
  departmentId: '科室',
  title: '职称',
  specialty: '擅长',
  introduction: '简介'
}

const ROLE_FILTERS: StaffRole[] = keysOf(ROLE_LABELS).filter((role): role is StaffRole => role !== 'patient')

type List = LoadState<{ staff: StaffReply[]; total: number; page: number }>

type Editor = { kind: 'closed' } | { kind: 'create' } | { kind: 'edit'; staff: StaffReply }

export default function StaffPage() {
  const [query, setQuery] = useState('')
  const [role, setRole] = useState<StaffRole | ''>('')
  const [list, setList] = useState<List>({ status: 'loading' })
  const [departments, setDepartments] = useState<DepartmentReply[]>([])
  const [editor, setEditor] = useState<Editor>({ kind: 'closed' })
  const [submitting, setSubmitting] = useState(false)
  const [error, setError] = useState('')
  const [errorLines, setErrorLines] = useState<string[]>([])
  const [selfId, setSelfId] = useState('')
  const latest = useRef(0)
  const editorKey = useRef(0)

  async function load(page: number, nextQuery = query, nextRole = role) {
    const ticket = ++latest.current
    setList({ status: 'loading' })
    try {
      const reply = await api.listStaff({ query: nextQuery.trim(), role: nextRole || undefined, page, pageSize: PAGE_SIZE })
      if (ticket === latest.current) setList({ status: 'ready', staff: reply.items, total: reply.total, page: reply.page })
    } catch (e) {
      if (ticket === latest.current) setList({ status: 'error', message: errorText(e, STAFF_ERROR_TEXT) })
    }
  }

  useLoad(() => {
    const session = requireStaff(canManageStaff)
    if (!session) return
    setSelfId(session.user.id)
    void load(1)
    api.listDepartments().then(setDepartments, () => undefined)
  })

  function filterRole(next: StaffRole | '') {
    setRole(next)
    void load(1, query, next)
  }

  function openEditor(next: Editor) {
    editorKey.current += 1
    setError('')
    setErrorLines([])
    setEditor(next)
    // On a phone the form sits above the list: bring it into view.
    if (next.kind !== 'closed') void Taro.pageScrollTo({ scrollTop: 0, duration: 200 }).catch(() => undefined)
  }

  async function submit(values: StaffFormValues) {
    if (submitting || editor.kind === 'closed') return
    const current = editor
    if (current.kind === 'edit') {
      const update = toStaffUpdate(current.staff, values)
      if (!Object.keys(update).length) {
        openEditor({ kind: 'closed' })
        return
      }
    }
    setSubmitting(true)
    setError('')
    setErrorLines([])
    try {
      if (current.kind === 'create') {
        await api.createStaff(toCreateStaffInput(values))
        void Taro.showToast({ title: '已创建', icon: 'success' })
      } else {
        await api.updateStaff(current.staff.id, toStaffUpdate(current.staff, values))
        void Taro.showToast({ title: '已保存', icon: 'success' })
      }
      openEditor({ kind: 'closed' })
      await load(list.status === 'ready' ? list.page : 1)
    } catch (e) {
      setError(errorText(e, STAFF_ERROR_TEXT))
      setErrorLines(fieldErrors(e, FIELD_LABELS))
    } finally {
      setSubmitting(false)
    }
  }

  async function toggleStatus(staff: StaffReply) {
    const disabling = staff.status === 'ACTIVE'
    const confirmed = disabling
      ? await confirmAction('停用账号', `停用后“${staff.name}（${staff.username}）”将无法登录，已登录的会话也会失效。确定停用吗？`, '停用')
      : await confirmAction('启用账号', `确定重新启用“${staff.name}（${staff.username}）”吗？`, '启用', false)
    if (!confirmed) return
    try {
      const saved = disabling ? await api.disableStaff(staff.id) : await api.enableStaff(staff.id)
      if (list.status === 'ready') {
        setList({ ...list, staff: list.staff.map((item) => (item.id === saved.id ? saved : item)) })
      }
      void Taro.showToast({ title: disabling ? '已停用' : '已启用', icon: 'none' })
    } catch (e) {
      void Taro.showModal({ title: '操作失败', content: errorText(e, STAFF_ERROR_TEXT), showCancel: false })
    }
  }

  const departmentName = (id: string | null) => departments.find((department) => department.id === id)?.name

  return (
    <View className='page staff-page'>
      <View className='page-inner'>
        <View className='page-header'>
          <View>
            <Text className='page-title'>用户管理</Text>
            <Text className='page-subtitle'>工作人员账号、角色与医生信息</Text>
          </View>
          {editor.kind === 'closed' ? (
            <View className='header-actions'>
              <Button className='primary-button staff-create' onClick={() => openEditor({ kind: 'create' })}>
                新增用户
              </Button>
            </View>
          ) : null}
        </View>

        <View className='split-layout staff-layout'>
          {editor.kind !== 'closed' ? (
            <View className='card split-side staff-editor-card'>
              <Text className='section-title'>{editor.kind === 'create' ? '新增用户' : `编辑：${editor.staff.name}`}</Text>
              <StaffEditor
                key={editorKey.current}
                original={editor.kind === 'edit' ? editor.staff : undefined}
                departments={departments}
                submitting={submitting}
                error={error}
                errorLines={errorLines}
                onSubmit={submit}
                onCancel={() => openEditor({ kind: 'closed' })}
              />
            </View>
          ) : null}

          <View className='split-main'>
            <ChoiceChips
              className='staff-role-filter'
              options={choicesOf(ROLE_LABELS, ROLE_FILTERS, '全部')}
              value={role}
              onChange={filterRole}
            />

            <SearchBar
              className='staff-search'
              submitClassName='staff-search-submit'
              value={query}
              placeholder='姓名或用户名'
              onChange={setQuery}
              onSearch={() => load(1)}
            />

            <View className='card staff-list'>
              <ListState state={list} onRetry={() => load(1)} />
              {list.status === 'ready' ? (
                <>
                  <Text className='list-count muted'>共 {list.total} 位用户</Text>
                  {list.staff.length === 0 ? <View className='empty-state'>没有找到用户</View> : null}
                  {list.staff.map((staff) => {
                    const locked = isLocked(staff)
                    const department = departmentName(staff.departmentId)
                    return (
                      <View key={staff.id} className={`staff-row ${staff.status === 'DISABLED' ? 'staff-row--disabled' : ''}`}>
                        <View className='staff-row-main'>
                          <View className='staff-row-heading'>
                            <Text className='staff-row-name'>{staff.name}</Text>
                            <Text className='staff-row-username muted'>{staff.username}</Text>
                            {staff.status === 'DISABLED' ? <Text className='tag tag--muted'>已停用</Text> : null}
                            {locked ? (
                              <Text className='tag tag--warning staff-locked'>
                                已锁定{staff.lockedUntil ? `（至 ${formatClock(staff.lockedUntil)}）` : ''}
                              </Text>
                            ) : null}
                          </View>
                          <View className='staff-row-roles'>
                            {staff.roles.map((item) => (
                              <Text key={item} className='tag'>
                                {roleLabel(item)}
                              </Text>
                            ))}
                            {[department, staff.title, staff.specialty].filter(Boolean).length ? (
                              <Text className='staff-row-detail muted'>
                                {[department, staff.title, staff.specialty].filter(Boolean).join(' · ')}
                              </Text>
                            ) : null}
                          </View>
                        </View>
                        <View className='staff-row-actions'>
                          <Text className='link-text staff-edit' onClick={() => openEditor({ kind: 'edit', staff })}>
                            编辑
                          </Text>
                          {staff.id === selfId ? null : (
                            <Text
                              className={`${staff.status === 'ACTIVE' ? 'danger-link' : 'link-text'} staff-toggle`}
                              onClick={() => toggleStatus(staff)}
                            >
                              {staff.status === 'ACTIVE' ? '停用' : '启用'}
                            </Text>
                          )}
                        </View>
                      </View>
                    )
                  })}
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
