import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useLoad } from '@tarojs/taro'
import type { DoctorReply, Period, ScheduleReply, TemplateReply } from '@clinic/contracts'
import { ChoiceChips, type ChoiceOption } from '../../components/choice-chips'
import { Field, InputField } from '../../components/field'
import FormError from '../../components/form-error'
import ListState, { type Loaded } from '../../components/list-state'
import { canManageSchedules } from '../../services/access'
import { api } from '../../services/api'
import { confirmAction } from '../../services/confirm'
import { requireStaff } from '../../services/guard'
import { errorText, SCHEDULING_ERROR_TEXT } from '../../utils/error-text'
import { keysOf, PERIOD_LABELS, weekdayLabel, WEEKDAY_LABELS } from '../../utils/labels'
import { formatFen } from '../../utils/money'
import { addDays, availabilityText, dayHeading, groupByDate, shiftTime, today } from '../../utils/schedule'
import {
  cancelReasonProblem,
  CANCEL_REASON_MAX,
  editValuesOf,
  emptyShiftForm,
  hasProblems,
  parseWeeks,
  PERIOD_HOURS,
  toScheduleInput,
  toScheduleUpdate,
  toTemplateInput,
  validateShift,
  validateTemplate,
  type ShiftEditValues,
  type ShiftFormErrors,
  type ShiftFormValues
} from './schedule-form'
import './index.scss'

const PERIODS = keysOf(PERIOD_LABELS)
const PERIOD_CHOICES: ChoiceOption<Period>[] = PERIODS.map((period) => ({ value: period, label: PERIOD_LABELS[period] }))
const WEEKDAY_CHOICES: ChoiceOption<string>[] = Object.keys(WEEKDAY_LABELS).map((key) => ({ value: key, label: WEEKDAY_LABELS[Number(key)] }))
const RANGE_DAYS = 14

type FormKind = 'template' | 'shift'
type RowAction = { id: string; kind: 'edit'; values: ShiftEditValues } | { id: string; kind: 'cancel'; reason: string } | null

export default function ScheduleAdminPage() {
  const [doctors, setDoctors] = useState<DoctorReply[]>([])
  const [doctorId, setDoctorId] = useState('')
  const [templates, setTemplates] = useState<Loaded<TemplateReply[]>>({ status: 'loading' })
  const [shifts, setShifts] = useState<Loaded<ScheduleReply[]>>({ status: 'loading' })
  const [from, setFrom] = useState(today())
  const [to, setTo] = useState(addDays(today(), RANGE_DAYS - 1))
  const [formKind, setFormKind] = useState<FormKind>('template')
  const [form, setForm] = useState<ShiftFormValues>(emptyShiftForm())
  const [formErrors, setFormErrors] = useState<ShiftFormErrors>({})
  const [formError, setFormError] = useState('')
  const [weeks, setWeeks] = useState('4')
  const [generateNote, setGenerateNote] = useState('')
  const [row, setRow] = useState<RowAction>(null)
  const [rowError, setRowError] = useState('')
  const [busy, setBusy] = useState('')

  const doctorName = (id: string) => doctors.find((doctor) => doctor.id === id)?.name ?? '医生'

  async function loadTemplates(id: string) {
    setTemplates({ status: 'loading' })
    try {
      setTemplates({ status: 'ready', value: await api.listTemplates(id || undefined) })
    } catch (e) {
      setTemplates({ status: 'error', message: errorText(e) })
    }
  }

  async function loadShifts(id: string, rangeFrom = from, rangeTo = to) {
    setShifts({ status: 'loading' })
    try {
      setShifts({ status: 'ready', value: await api.listSchedules({ doctorId: id || undefined, from: rangeFrom, to: rangeTo }) })
    } catch (e) {
      setShifts({ status: 'error', message: errorText(e, SCHEDULING_ERROR_TEXT) })
    }
  }

  useLoad(() => {
    if (!requireStaff(canManageSchedules)) return
    api.listDoctors().then(setDoctors, (e: unknown) => setFormError(errorText(e)))
    void loadTemplates('')
    void loadShifts('')
  })

  function chooseDoctor(id: string) {
    setDoctorId(id)
    setFormErrors({})
    setRow(null)
    void loadTemplates(id)
    void loadShifts(id)
  }

  function change(next: Partial<ShiftFormValues>) {
    setForm({ ...form, ...next })
    setFormErrors({})
  }

  async function run(key: string, action: () => Promise<string>, onError: (message: string) => void) {
    if (busy) return
    setBusy(key)
    try {
      const message = await action()
      void Taro.showToast({ title: message, icon: 'none' })
    } catch (e) {
      onError(errorText(e, SCHEDULING_ERROR_TEXT))
    } finally {
      setBusy('')
    }
  }

  function submitForm() {
    const errors = formKind === 'template' ? validateTemplate(form, doctorId) : validateShift(form, doctorId, today())
    setFormErrors(errors)
    setFormError(errors.doctor ?? '')
    if (hasProblems(errors)) return
    void run(
      'form',
      async () => {
        if (formKind === 'template') {
          await api.createTemplate(toTemplateInput(form, doctorId))
          await loadTemplates(doctorId)
          return '已添加出诊模板'
        }
        await api.createSchedule(toScheduleInput(form, doctorId))
        await loadShifts(doctorId)
        return '已添加出诊'
      },
      setFormError
    )
  }

  function generate() {
    const parsed = parseWeeks(weeks)
    if ('problem' in parsed) {
      setGenerateNote(parsed.problem)
      return
    }
    setGenerateNote('')
    void run(
      'generate',
      async () => {
        const reply = await api.generateShifts(parsed.weeks, doctorId || undefined)
        setGenerateNote(`新生成 ${reply.created} 个出诊，已存在跳过 ${reply.skipped} 个`)
        await loadShifts(doctorId)
        return `已生成 ${reply.created} 个出诊`
      },
      setGenerateNote
    )
  }

  function saveEdit(shift: ScheduleReply, values: ShiftEditValues) {
    const result = toScheduleUpdate(shift, values)
    if ('problem' in result) {
      setRowError(result.problem)
      return
    }
    if (!Object.keys(result.update).length) {
      setRow(null)
      return
    }
    void run(
      shift.id,
      async () => {
        await api.updateSchedule(shift.id, result.update)
        setRow(null)
        await loadShifts(doctorId)
        return '已保存'
      },
      setRowError
    )
  }

  async function cancelShift(shift: ScheduleReply, reason: string) {
    const problem = cancelReasonProblem(reason)
    if (problem) {
      setRowError(problem)
      return
    }
    const warning = shift.booked ? `该时段已有 ${shift.booked} 人预约，停诊后这些预约将全部取消并通知患者。` : '停诊后患者将无法预约该时段。'
    if (!(await confirmAction('停诊', `${warning}确定停诊吗？`, '确定停诊'))) return
    void run(
      shift.id,
      async () => {
        await api.cancelSchedule(shift.id, reason.trim())
        setRow(null)
        await loadShifts(doctorId)
        return '已停诊'
      },
      setRowError
    )
  }

  function openRow(next: RowAction) {
    setRowError('')
    setRow(next)
  }

  const doctorChoices: ChoiceOption<string>[] = [
    { value: '', label: '全部医生' },
    ...doctors.map((doctor) => ({ value: doctor.id, label: doctor.name, className: 'sched-doctor' }))
  ]

  return (
    <View className='page schedule-admin-page'>
      <View className='page-inner sched-inner'>
        <View className='page-header'>
          <View>
            <Text className='page-title'>排班管理</Text>
            <Text className='page-subtitle'>按周模板生成出诊，或单独增加、调整、停诊</Text>
          </View>
        </View>

        <ChoiceChips options={doctorChoices} value={doctorId} onChange={chooseDoctor} className='sched-doctors' />

        <View className='split-layout'>
          <View className='split-side'>
            <View className='card sched-form'>
              <ChoiceChips
                options={[
                  { value: 'template', label: '添加周模板', className: 'sched-form-template' },
                  { value: 'shift', label: '添加单次出诊', className: 'sched-form-shift' }
                ]}
                value={formKind}
                onChange={(kind) => {
                  setFormKind(kind as FormKind)
                  setFormErrors({})
                  setFormError('')
                }}
              />
              <Text className='field-hint sched-form-for'>{doctorId ? `医生：${doctorName(doctorId)}` : '请先在上方选择医生'}</Text>
              {formKind === 'template' ? (
                <Field label='星期' error={formErrors.weekday}>
                  <ChoiceChips options={WEEKDAY_CHOICES} value={form.weekday} onChange={(weekday) => change({ weekday })} />
                </Field>
              ) : (
                <InputField
                  className='sched-date'
                  label='日期'
                  error={formErrors.date}
                  type='text'
                  value={form.date}
                  maxlength={10}
                  placeholder='YYYY-MM-DD'
                  onValue={(date) => change({ date })}
                />
              )}
              <Field label='时段'>
                <ChoiceChips options={PERIOD_CHOICES} value={form.period} onChange={(period) => change({ period, ...PERIOD_HOURS[period] })} />
              </Field>
              <View className='sched-times'>
                <InputField
                  className='sched-start'
                  label='开始'
                  error={formErrors.startTime}
                  type='text'
                  value={form.startTime}
                  maxlength={5}
                  placeholder='08:00'
                  onValue={(startTime) => change({ startTime })}
                />
                <InputField
                  className='sched-end'
                  label='结束'
                  error={formErrors.endTime}
                  type='text'
                  value={form.endTime}
                  maxlength={5}
                  placeholder='12:00'
                  onValue={(endTime) => change({ endTime })}
                />
              </View>
              <View className='sched-times'>
                <InputField
                  className='sched-capacity'
                  label='号源数'
                  error={formErrors.capacity}
                  type='number'
                  value={form.capacity}
                  maxlength={3}
                  onValue={(capacity) => change({ capacity })}
                />
                <InputField
                  className='sched-fee'
                  label='挂号费（元，选填）'
                  error={formErrors.fee}
                  type='digit'
                  value={form.fee}
                  maxlength={10}
                  placeholder='按职称默认'
                  onValue={(feeText) => change({ fee: feeText })}
                />
              </View>
              <View className='sched-times'>
                <InputField
                  className='sched-slot-minutes'
                  label='分时段：每段分钟（选填）'
                  error={formErrors.slotMinutes}
                  type='number'
                  value={form.slotMinutes}
                  maxlength={3}
                  placeholder='例如 15'
                  onValue={(slotMinutes) => change({ slotMinutes })}
                />
                <InputField
                  className='sched-slot-capacity'
                  label='每段人数（选填）'
                  error={formErrors.slotCapacity}
                  type='number'
                  value={form.slotCapacity}
                  maxlength={3}
                  placeholder='例如 3'
                  onValue={(slotCapacity) => change({ slotCapacity })}
                />
              </View>
              <Text className='field-hint'>两项同时填写则按时段预约，留空则不分时段。</Text>
              <FormError className='sched-error' message={formError} />
              <Button className={`primary-button sched-submit ${busy === 'form' ? 'is-busy' : ''}`} onClick={submitForm}>
                {formKind === 'template' ? '添加模板' : '添加出诊'}
              </Button>
            </View>

            <View className='card sched-generate'>
              <Text className='section-title'>按模板生成出诊</Text>
              <Text className='field-hint'>从明天起，按{doctorId ? ` ${doctorName(doctorId)} 的` : '全部医生的'}周模板生成；已有的出诊不会重复生成。</Text>
              <View className='sched-generate-row'>
                <InputField className='sched-weeks' label='周数（1–12）' type='number' value={weeks} maxlength={2} onValue={setWeeks} />
                <Button className={`secondary-button sched-generate-submit ${busy === 'generate' ? 'is-busy' : ''}`} onClick={generate}>
                  生成
                </Button>
              </View>
              {generateNote ? <Text className='field-hint sched-generate-note'>{generateNote}</Text> : null}
            </View>
          </View>

          <View className='split-main'>
            <View className='card sched-templates'>
              <Text className='section-title'>周模板</Text>
              <ListState state={templates} />
              {templates.status === 'ready' && !templates.value.length ? <View className='empty-state'>还没有周模板</View> : null}
              {templates.status === 'ready'
                ? templates.value.map((template) => (
                    <View key={template.id} className='sched-template'>
                      <Text className='sched-template-day'>{weekdayLabel(template.weekday)}</Text>
                      <Text className='sched-template-time'>{shiftTime(template)}</Text>
                      {doctorId ? null : <Text className='tag tag--muted'>{doctorName(template.doctorId)}</Text>}
                      <Text className='muted sched-template-detail'>
                        号源 {template.capacity} · {template.registrationFeeFen === null ? '默认挂号费' : formatFen(template.registrationFeeFen)}
                        {template.slotMinutes !== null && template.slotCapacity !== null
                          ? ` · 分时段 每段 ${template.slotMinutes} 分钟 × ${template.slotCapacity} 人`
                          : ''}
                      </Text>
                    </View>
                  ))
                : null}
            </View>

            <View className='card sched-shifts'>
              <Text className='section-title'>出诊安排</Text>
              <View className='sched-range'>
                <InputField className='sched-from' label='从' type='text' value={from} maxlength={10} onValue={setFrom} />
                <InputField className='sched-to' label='到' type='text' value={to} maxlength={10} onValue={setTo} />
                <Button className='secondary-button sched-range-submit' onClick={() => loadShifts(doctorId, from, to)}>
                  查询
                </Button>
              </View>
              <ListState state={shifts} />
              {shifts.status === 'ready' && !shifts.value.length ? <View className='empty-state'>该时间段没有出诊安排</View> : null}
              {shifts.status === 'ready'
                ? groupByDate(shifts.value).map((day) => (
                    <View key={day.date} className='sched-day'>
                      <Text className='sched-day-title'>{dayHeading(day.date)}</Text>
                      {day.shifts.map((shift) => {
                        const cancelled = shift.status === 'CANCELLED'
                        const open = row?.id === shift.id ? row : null
                        return (
                          <View key={shift.id} className={`sched-shift ${cancelled ? 'sched-shift--cancelled' : ''}`}>
                            <View className='sched-shift-line'>
                              <View className='sched-shift-main'>
                                <Text className='sched-shift-doctor'>{doctorName(shift.doctorId)}</Text>
                                <Text className='muted sched-shift-time'>
                                  {shiftTime(shift)} · {formatFen(shift.registrationFeeFen)}
                                  {shift.slots.length ? ` · ${shift.slots.length} 个时段` : ''}
                                </Text>
                              </View>
                              <View className='sched-shift-places'>
                                <Text className='sched-shift-count'>
                                  已约 {shift.booked} / {shift.capacity}
                                </Text>
                                <Text className={cancelled ? 'tag tag--muted' : shift.remaining > 0 ? 'tag' : 'tag tag--warning'}>{availabilityText(shift)}</Text>
                              </View>
                            </View>
                            {cancelled && shift.cancelReason ? <Text className='muted sched-shift-reason'>停诊原因：{shift.cancelReason}</Text> : null}
                            {!cancelled && !open ? (
                              <View className='sched-shift-actions'>
                                <Text className='link-text sched-edit' onClick={() => openRow({ id: shift.id, kind: 'edit', values: editValuesOf(shift) })}>
                                  调整
                                </Text>
                                <Text className='danger-link sched-cancel' onClick={() => openRow({ id: shift.id, kind: 'cancel', reason: '' })}>
                                  停诊
                                </Text>
                              </View>
                            ) : null}
                            {open?.kind === 'edit' ? (
                              <View className='sched-row-form'>
                                <View className='sched-times'>
                                  <InputField
                                    className='sched-edit-capacity'
                                    label={`号源数（已约 ${shift.booked}）`}
                                    type='number'
                                    value={open.values.capacity}
                                    maxlength={3}
                                    onValue={(capacity) => setRow({ ...open, values: { ...open.values, capacity } })}
                                  />
                                  <InputField
                                    className='sched-edit-fee'
                                    label='挂号费（元）'
                                    type='digit'
                                    value={open.values.fee}
                                    maxlength={10}
                                    onValue={(feeText) => setRow({ ...open, values: { ...open.values, fee: feeText } })}
                                  />
                                </View>
                                <FormError className='sched-row-error' message={rowError} />
                                <View className='form-actions'>
                                  <Button className='secondary-button form-cancel' onClick={() => setRow(null)}>
                                    取消
                                  </Button>
                                  <Button className={`primary-button sched-edit-save ${busy === shift.id ? 'is-busy' : ''}`} onClick={() => saveEdit(shift, open.values)}>
                                    保存
                                  </Button>
                                </View>
                              </View>
                            ) : null}
                            {open?.kind === 'cancel' ? (
                              <View className='sched-row-form'>
                                <InputField
                                  className='sched-cancel-reason'
                                  label='停诊原因（将告知已预约的患者）'
                                  type='text'
                                  value={open.reason}
                                  maxlength={CANCEL_REASON_MAX}
                                  placeholder='例如：医生临时外出会诊'
                                  onValue={(reason) => setRow({ ...open, reason })}
                                />
                                <FormError className='sched-row-error' message={rowError} />
                                <View className='form-actions'>
                                  <Button className='secondary-button form-cancel' onClick={() => setRow(null)}>
                                    返回
                                  </Button>
                                  <Button
                                    className={`danger-button sched-cancel-confirm ${busy === shift.id ? 'is-busy' : ''}`}
                                    onClick={() => cancelShift(shift, open.reason)}
                                  >
                                    确认停诊
                                  </Button>
                                </View>
                              </View>
                            ) : null}
                          </View>
                        )
                      })}
                    </View>
                  ))
                : null}
            </View>
          </View>
        </View>
      </View>
    </View>
  )
}
