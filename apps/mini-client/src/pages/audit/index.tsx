import { useRef, useState } from 'react'
import { Button, ScrollView, Text, View } from '@tarojs/components'
import Taro, { useLoad } from '@tarojs/taro'
import type { AuditEntryReply } from '@clinic/contracts'
import { ChoiceChips, choicesOf } from '../../components/choice-chips'
import { Field, InputField } from '../../components/field'
import ListState, { type LoadState } from '../../components/list-state'
import Pager from '../../components/pager'
import { canReadAudit } from '../../services/access'
import { api } from '../../services/api'
import { requireStaff } from '../../services/guard'
import { errorText } from '../../utils/error-text'
import {
  actorKindLabel,
  AUDIT_ACTION_LABELS,
  AUDIT_OUTCOME_LABELS,
  auditActionLabel,
  auditOutcomeLabel,
  keysOf,
  roleLabel
} from '../../utils/labels'
import { formatDateTime } from '../../utils/time'
import { emptyAuditFilters, shortId, toAuditQuery, type AuditFilterField, type AuditFilters } from './audit-filters'
import './index.scss'

const PAGE_SIZE = 50
const ACTIONS = keysOf(AUDIT_ACTION_LABELS)
const OUTCOMES = keysOf(AUDIT_OUTCOME_LABELS)

type List = { status: 'idle' } | LoadState<{ entries: AuditEntryReply[]; total: number; page: number }>

export default function AuditPage() {
  const [filters, setFilters] = useState<AuditFilters>(emptyAuditFilters())
  const [errors, setErrors] = useState<Partial<Record<AuditFilterField, string>>>({})
  const [list, setList] = useState<List>({ status: 'idle' })
  const latest = useRef(0)

  async function load(next: AuditFilters, page: number) {
    const result = toAuditQuery(next, page, PAGE_SIZE)
    if (!result.ok) {
      setErrors(result.errors)
      return
    }
    setErrors({})
    const ticket = ++latest.current
    setList({ status: 'loading' })
    try {
      const reply = await api.listAuditLogs(result.query)
      if (ticket === latest.current) setList({ status: 'ready', entries: reply.items, total: reply.total, page: reply.page })
    } catch (e) {
      if (ticket === latest.current) setList({ status: 'error', message: errorText(e) })
    }
  }

  useLoad(() => {
    if (requireStaff(canReadAudit)) void load(filters, 1)
  })

  function set<K extends AuditFilterField>(field: K, value: AuditFilters[K]) {
    setFilters({ ...filters, [field]: value })
  }

  /** Tapping an id in the table narrows the log to it. */
  function narrow(field: 'patientId' | 'actorId', id: string | null) {
    if (!id) return
    const next = { ...filters, [field]: id }
    setFilters(next)
    void load(next, 1)
  }

  function reset() {
    const next = emptyAuditFilters()
    setFilters(next)
    void load(next, 1)
  }

  function textFilter(field: 'patientId' | 'actorId' | 'fromDate' | 'toDate', label: string, placeholder: string) {
    return (
      <InputField
        className={`audit-filter audit-${field}`}
        label={label}
        error={errors[field]}
        type='text'
        value={filters[field]}
        maxlength={field.endsWith('Date') ? 10 : 36}
        placeholder={placeholder}
        onValue={(value) => set(field, value)}
        onConfirm={() => load(filters, 1)}
      />
    )
  }

  return (
    <View className='page audit-page'>
      <View className='page-inner'>
        <View className='page-header'>
          <View>
            <Text className='page-title'>审计日志</Text>
            <Text className='page-subtitle'>患者信息的登记、查看、修改、关联与导出记录</Text>
          </View>
        </View>

        <View className='card audit-filters'>
          <View className='audit-filter-grid'>
            {textFilter('patientId', '患者', '病历号或完整的患者 ID')}
            {textFilter('actorId', '操作人编号', '完整的用户或账号 ID')}
            {textFilter('fromDate', '开始日期', 'YYYY-MM-DD')}
            {textFilter('toDate', '结束日期', 'YYYY-MM-DD')}
          </View>
          <Field label='操作'>
            <ChoiceChips
              className='audit-actions'
              options={choicesOf(AUDIT_ACTION_LABELS, ACTIONS, '全部')}
              value={filters.action}
              onChange={(action) => set('action', action)}
            />
          </Field>
          <Field label='结果'>
            <ChoiceChips
              className='audit-outcomes'
              options={choicesOf(AUDIT_OUTCOME_LABELS, OUTCOMES, '全部')}
              value={filters.outcome}
              onChange={(outcome) => set('outcome', outcome)}
            />
          </Field>
          <View className='form-actions'>
            <Button className='secondary-button audit-reset' onClick={reset}>
              重置
            </Button>
            <Button className='primary-button audit-search' onClick={() => load(filters, 1)}>
              查询
            </Button>
          </View>
        </View>

        <View className='card audit-results'>
          <ListState state={list} onRetry={() => load(filters, 1)} />
          {list.status === 'ready' ? (
            <>
              <Text className='list-count muted'>共 {list.total} 条记录（时间为本机时间）</Text>
              {list.entries.length === 0 ? <View className='empty-state'>没有符合条件的记录</View> : null}
              {list.entries.length ? (
                <ScrollView className='audit-scroll' scrollX>
                  <View className='audit-table'>
                    <View className='audit-tr audit-th'>
                      <Text className='audit-td audit-col-time'>时间</Text>
                      <Text className='audit-td audit-col-actor'>操作人</Text>
                      <Text className='audit-td audit-col-roles'>角色</Text>
                      <Text className='audit-td audit-col-action'>操作</Text>
                      <Text className='audit-td audit-col-patient'>患者</Text>
                      <Text className='audit-td audit-col-outcome'>结果</Text>
                      <Text className='audit-td audit-col-request'>请求编号</Text>
                      <Text className='audit-td audit-col-ip'>客户端地址</Text>
                    </View>
                    {list.entries.map((entry) => (
                      <View key={entry.seq} className='audit-tr audit-row'>
                        <Text className='audit-td audit-col-time'>{formatDateTime(entry.at)}</Text>
                        <View className='audit-td audit-col-actor' onClick={() => narrow('actorId', entry.actorId)}>
                          <Text className='audit-kind muted'>{actorKindLabel(entry.actorKind)}</Text>
                          <Text className='audit-id link-text'>{entry.actorName ?? shortId(entry.actorId)}</Text>
                        </View>
                        <Text className='audit-td audit-col-roles'>{entry.roles.map(roleLabel).join('、') || '—'}</Text>
                        <Text className='audit-td audit-col-action'>{auditActionLabel(entry.action)}</Text>
                        <View className='audit-td audit-col-patient' onClick={() => narrow('patientId', entry.patientId)}>
                          <Text className={`audit-id ${entry.patientId ? 'link-text' : 'muted'}`}>{shortId(entry.patientId)}</Text>
                        </View>
                        <View className='audit-td audit-col-outcome'>
                          <Text className={`tag ${entry.outcome === 'OK' ? '' : entry.outcome === 'DENIED' ? 'tag--danger' : 'tag--warning'}`}>
                            {auditOutcomeLabel(entry.outcome)}
                          </Text>
                        </View>
                        <Text
                          className='audit-td audit-col-request audit-mono'
                          onClick={() => Taro.setClipboardData({ data: entry.requestId }).catch(() => undefined)}
                        >
                          {entry.requestId}
                        </Text>
                        <Text className='audit-td audit-col-ip audit-mono'>{entry.clientIp ?? '—'}</Text>
                      </View>
                    ))}
                  </View>
                </ScrollView>
              ) : null}
              <Text className='field-hint'>点按操作人或患者编号可按其筛选；点按请求编号可复制。</Text>
              <Pager page={list.page} pageSize={PAGE_SIZE} total={list.total} onChange={(page) => load(filters, page)} />
            </>
          ) : null}
        </View>
      </View>
    </View>
  )
}
