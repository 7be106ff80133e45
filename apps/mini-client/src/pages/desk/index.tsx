import { useRef, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useLoad } from '@tarojs/taro'
import type { AppointmentReply, CheckInCodeReply, PatientReply, ScheduleReply } from '@clinic/contracts'
import { ChoiceChips } from '../../components/choice-chips'
import { InputField } from '../../components/field'
import FormError from '../../components/form-error'
import ListState, { type Loaded } from '../../components/list-state'
import SearchBar from '../../components/search-bar'
import { canWorkDesk } from '../../services/access'
import { api } from '../../services/api'
import { confirmAction } from '../../services/confirm'
import { requireStaff } from '../../services/guard'
import { queueDisplayUrl } from '../../services/navigation'
import { errorText, SCHEDULING_ERROR_TEXT } from '../../utils/error-text'
import { appointmentStatusLabel, appointmentStatusTag, genderLabel } from '../../utils/labels'
import { maskPhone } from '../../utils/phone'
import { availabilityText, datesFrom, dayChip, dayHeading, isSlotOpen, queueNumber, shiftsOn, shiftTime, slotAvailabilityText, slotTime, sortForDesk, today } from '../../utils/schedule'
import { formatDateTime } from '../../utils/time'
import { canWalkIn, checkDeskBooking, deskCanCancel, deskCanCheckIn, missingPatientIds, needsOverbookReason, OVERBOOK_REASON_MAX } from './desk-logic'
import './index.scss'

const DAYS = 7


export default function DeskPage() {
  const [date, setDate] = useState(today())
  const [shifts, setShifts] = useState<Loaded<ScheduleReply[]>>({ status: 'loading' })
  const [doctorNames, setDoctorNames] = useState<Record<string, string>>({})
  const [selected, setSelected] = useState<ScheduleReply | null>(null)
  const [appointments, setAppointments] = useState<Loaded<AppointmentReply[]>>({ status: 'loading' })
  const [patientNames, setPatientNames] = useState<Record<string, string>>({})
  const [code, setCode] = useState<CheckInCodeReply | null>(null)
  const [codeError, setCodeError] = useState('')
  const [query, setQuery] = useState('')
  const [found, setFound] = useState<Loaded<PatientReply[]> | null>(null)
  const [patient, setPatient] = useState<PatientReply | null>(null)
  const [reason, setReason] = useState('')
  // The chosen time slot of the selected shift; '' = none (staff may leave it out).
  const [slotId, setSlotId] = useState('')
  const [formError, setFormError] = useState('')
  const [busy, setBusy] = useState('')
  const known = useRef<Record<string, string>>({})
  const shiftTicket = useRef(0)

  async function loadShifts(day: string, keepId?: string) {
    const mine = ++shiftTicket.current
    setShifts({ status: 'loading' })
    try {
      const list = shiftsOn(await api.listSchedules({ from: day, to: day }), day)
      if (mine !== shiftTicket.current) return
      setShifts({ status: 'ready', value: list })
      const keep = list.find((shift) => shift.id === keepId) ?? null
      setSelected(keep)
      if (keep) void loadAppointments(keep)
    } catch (e) {
      if (mine === shiftTicket.current) setShifts({ status: 'error', message: errorText(e) })
    }
  }

  async function lookUpNames(list: AppointmentReply[]) {
    // AppointmentReply carries only the patient id: look each patient up once.
    const missing = missingPatientIds(list, known.current)
    if (!missing.length) return
    const replies = await Promise.all(missing.map((id) => api.getPatient(id).catch(() => null)))
    replies.forEach((reply, index) => {
      known.current[missing[index]] = reply ? reply.name : '—'
    })
    setPatientNames({ ...known.current })
  }

  async function loadAppointments(shift: ScheduleReply, quiet = false) {
    if (!quiet) setAppointments({ status: 'loading' })
    try {
      const page = await api.listAppointments({ scheduleId: shift.id, page: 1, pageSize: 100 })
      const list = sortForDesk(page.items)
      setAppointments({ status: 'ready', value: list })
      void lookUpNames(list)
    } catch (e) {
      if (!quiet) setAppointments({ status: 'error', message: errorText(e) })
    }
  }

  async function loadCode() {
    setCodeError('')
    try {
      setCode(await api.checkInCode())
    } catch (e) {
      setCodeError(errorText(e))
    }
  }

  useLoad(() => {
    if (!requireStaff(canWorkDesk)) return
    void loadShifts(date)
    void loadCode()
    api.listDoctors().then((doctors) => setDoctorNames(Object.fromEntries(doctors.map((doctor) => [doctor.id, doctor.name]))), () => undefined)
  })

  function pickDate(day: string) {
    setDate(day)
    setSelected(null)
    setSlotId('')
    setFormError('')
    void loadShifts(day)
  }

  function pickShift(shift: ScheduleReply) {
    setSelected(shift)
    setFormError('')
    setReason('')
    setSlotId('')
    void loadAppointments(shift)
  }

  async function search() {
    const text = query.trim()
    if (!text) return
    setFound({ status: 'loading' })
    try {
      setFound({ status: 'ready', value: (await api.listPatients({ query: text, page: 1, pageSize: 10 })).items })
    } catch (e) {
      setFound({ status: 'error', message: errorText(e) })
    }
  }

  async function run(key: string, action: () => Promise<string>) {
    if (busy) return
    setBusy(key)
    setFormError('')
    try {
      const message = await action()
      void Taro.showToast({ title: message, icon: 'none' })
      // Places and the queue changed: show both as they are now.
      await loadShifts(date, selected?.id)
    } catch (e) {
      setFormError(errorText(e, SCHEDULING_ERROR_TEXT))
    } finally {
      setBusy('')
    }
  }

  function book(walkIn: boolean) {
    const check = checkDeskBooking(selected, patient?.id ?? null, reason)
    if (check.problem || !selected || !patient) {
      setFormError(check.problem ?? '')
      return
    }
    const input = { patientId: patient.id, scheduleId: selected.id, overbookReason: check.overbookReason }
    const chosenSlot = selected.slots.some((slot) => slot.id === slotId) ? slotId : undefined
    void run(walkIn ? 'walk-in' : 'book', async () => {
      setReason('')
      if (walkIn) {
        const reply = await api.walkIn(input)
        return `${patient.name} 已入队，排队号 ${queueNumber(reply.queueNo)}`
      }
      await api.bookAppointment(chosenSlot ? { ...input, slotId: chosenSlot } : input)
      setSlotId('')
      return `已为 ${patient.name} 预约`
    })
  }

  function checkIn(appointment: AppointmentReply) {
    void run(appointment.id, async () => {
      const reply = await api.checkIn(appointment.id)
      return `已签到，排队号 ${queueNumber(reply.queueNo)}，排第 ${reply.position} 位`
    })
  }

  async function cancel(appointment: AppointmentReply) {
    const name = patientNames[appointment.patientId] ?? '该患者'
    if (!(await confirmAction('退号', `确定为 ${name} 退号吗？`, '退号'))) return
    void run(appointment.id, async () => {
      await api.cancelAppointment(appointment.id, '前台退号')
      return '已退号'
    })
  }

  const day = today()
  const dayChoices = datesFrom(day, DAYS).map((value) => ({ value, label: dayChip(value) }))
  const full = selected ? needsOverbookReason(selected) : false

  return (
    <View className='page desk-page'>
      <View className='page-inner desk-inner'>
        <View className='page-header'>
          <View>
            <Text className='page-title'>挂号台</Text>
            <Text className='page-subtitle'>{dayHeading(date)}</Text>
          </View>
        </View>

        <View className='card desk-code'>
          <View className='desk-code-text'>
            <Text className='desk-code-label'>今日签到码</Text>
            <Text className='field-hint'>患者在“我的预约”中扫码或输入此码完成签到</Text>
            {code ? <Text className='field-hint desk-code-valid'>有效期：{validityText(code.validFor)}</Text> : null}
            {codeError ? <Text className='list-error'>{codeError}</Text> : null}
          </View>
          <Text className='desk-code-value' userSelect>
            {code ? code.code : '——'}
          </Text>
        </View>

        <ChoiceChips options={dayChoices} value={date} onChange={pickDate} className='desk-days' />

        <View className='split-layout'>
          <View className='split-side'>
            <View className='card desk-book'>
              <Text className='section-title'>挂号</Text>
              <SearchBar
                className='desk-search'
                submitClassName='desk-search-submit'
                value={query}
                placeholder='姓名 / 手机号 / 病历号'
                onChange={setQuery}
                onSearch={search}
              />
              {found?.status === 'loading' ? <Text className='muted'>正在查找…</Text> : null}
              {found?.status === 'error' ? <Text className='list-error'>{found.message}</Text> : null}
              {found?.status === 'ready' && !found.value.length ? <Text className='muted'>没有找到匹配的患者</Text> : null}
              {found?.status === 'ready'
                ? found.value.map((item) => (
                    <View
                      key={item.id}
                      className={`desk-patient ${patient?.id === item.id ? 'desk-patient--chosen' : ''}`}
                      onClick={() => setPatient(item)}
                    >
                      <Text className='desk-patient-name'>{item.name}</Text>
                      <Text className='muted desk-patient-detail'>
                        {genderLabel(item.gender)} · {item.medicalRecordNo} · {maskPhone(item.phone)}
                      </Text>
                    </View>
                  ))
                : null}

              <View className='desk-summary'>
                <Text className='fact-label'>患者</Text>
                <Text className='fact-value desk-chosen-patient'>{patient ? `${patient.name}（${patient.medicalRecordNo}）` : '未选择'}</Text>
                <Text className='fact-label'>出诊</Text>
                <Text className='fact-value desk-chosen-shift'>
                  {selected ? `${doctorNames[selected.doctorId] ?? '医生'} ${shiftTime(selected)} · ${availabilityText(selected)}` : '请在列表中选择出诊'}
                </Text>
              </View>

              {selected && selected.slots.length ? (
                <View className='desk-slots'>
                  <Text className='fact-label'>就诊时段（选填）</Text>
                  <View className='chip-row'>
                    <View className={`chip desk-slot ${slotId === '' ? 'chip--active' : ''}`} onClick={() => setSlotId('')}>
                      <Text>不指定</Text>
                    </View>
                    {selected.slots.map((slot) => {
                      const open = isSlotOpen(slot)
                      return (
                        <View
                          key={slot.id}
                          className={`chip desk-slot ${slotId === slot.id ? 'chip--active' : ''} ${open ? '' : 'is-disabled'}`}
                          onClick={() => open && setSlotId(slot.id)}
                        >
                          <Text>
                            {slotTime(slot)} {slotAvailabilityText(slot)}
                          </Text>
                        </View>
                      )
                    })}
                  </View>
                </View>
              ) : null}

              {full ? (
                <InputField
                  className='desk-overbook'
                  label='加号原因（号源已满）'
                  type='text'
                  value={reason}
                  maxlength={OVERBOOK_REASON_MAX}
                  placeholder='例如：复诊患者、病情需要'
                  onValue={setReason}
                />
              ) : null}

              <FormError className='desk-error' message={formError} />

              <View className='form-actions desk-book-actions'>
                {canWalkIn(selected, day) ? (
                  <Button className={`secondary-button desk-walkin ${busy === 'walk-in' ? 'is-busy' : ''}`} onClick={() => book(true)}>
                    现场挂号入队
                  </Button>
                ) : null}
                <Button className={`primary-button desk-book-submit ${busy === 'book' ? 'is-busy' : ''}`} onClick={() => book(false)}>
                  {full ? '加号预约' : '预约'}
                </Button>
              </View>
            </View>
          </View>

          <View className='split-main'>
            <View className='card desk-shifts'>
              <Text className='section-title'>出诊</Text>
              <ListState state={shifts} />
              {shifts.status === 'ready' && !shifts.value.length ? <View className='empty-state'>当天没有出诊安排</View> : null}
              {shifts.status === 'ready'
                ? shifts.value.map((shift) => (
                    <View
                      key={shift.id}
                      className={`desk-shift ${selected?.id === shift.id ? 'desk-shift--chosen' : ''} ${shift.status === 'CANCELLED' ? 'is-disabled' : ''}`}
                      onClick={() => pickShift(shift)}
                    >
                      <View className='desk-shift-main'>
                        <Text className='desk-shift-doctor'>{doctorNames[shift.doctorId] ?? '医生'}</Text>
                        <Text className='muted desk-shift-time'>{shiftTime(shift)}</Text>
                      </View>
                      <Text className='desk-shift-places'>
                        {shift.booked}/{shift.capacity} · {availabilityText(shift)}
                      </Text>
                    </View>
                  ))
                : null}
            </View>

            {selected ? (
              <View className='card desk-appointments'>
                <View className='desk-appointments-header'>
                  <Text className='section-title'>
                    {doctorNames[selected.doctorId] ?? '医生'} {shiftTime(selected)} 的预约
                  </Text>
                  <Text className='link-text desk-screen' onClick={() => Taro.navigateTo({ url: queueDisplayUrl({ scheduleId: selected.id }) })}>
                    候诊屏 ›
                  </Text>
                </View>
                {selected.status === 'CANCELLED' ? <Text className='list-error'>已停诊：{selected.cancelReason ?? ''}</Text> : null}
                <ListState state={appointments} />
                {appointments.status === 'ready' && !appointments.value.length ? <View className='empty-state'>暂无预约</View> : null}
                {appointments.status === 'ready'
                  ? appointments.value.map((appointment) => (
                      <View key={appointment.id} className='desk-appt'>
                        <Text className='desk-appt-no'>{queueNumber(appointment.queueNo)}</Text>
                        <View className='desk-appt-main'>
                          <View className='desk-appt-heading'>
                            <Text className='desk-appt-name'>{patientNames[appointment.patientId] ?? '…'}</Text>
                            <Text className={`${appointmentStatusTag(appointment.status)} desk-appt-status`}>
                              {appointmentStatusLabel(appointment.status)}
                            </Text>
                            {appointment.overbooked ? <Text className='tag tag--warning'>加号</Text> : null}
                          </View>
                          <Text className='muted desk-appt-detail'>
                            {appointment.slotStartTime ? `${appointment.slotStartTime} 时段 · ` : ''}
                            {formatDateTime(appointment.createdAt)} 预约
                            {appointment.overbookReason ? ` · 加号原因：${appointment.overbookReason}` : ''}
                          </Text>
                        </View>
                        <View className='desk-appt-actions'>
                          {deskCanCancel(appointment) ? (
                            <Text className='danger-link desk-cancel' onClick={() => cancel(appointment)}>
                              退号
                            </Text>
                          ) : null}
                          {deskCanCheckIn(appointment, day) ? (
                            <Button
                              className={`secondary-button desk-checkin ${busy === appointment.id ? 'is-busy' : ''}`}
                              onClick={() => checkIn(appointment)}
                            >
                              签到
                            </Button>
                          ) : null}
                        </View>
                      </View>
                    ))
                  : null}
              </View>
            ) : null}
          </View>
        </View>
      </View>
    </View>
  )
}

/** validFor is a date (YYYY-MM-DD) or an instant; show either readably. */
function validityText(validFor: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(validFor) ? `${dayHeading(validFor)} 当天` : `至 ${formatDateTime(validFor)}`
}
