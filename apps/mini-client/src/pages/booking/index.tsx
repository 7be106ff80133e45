import { useRef, useState, type ReactNode } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useLoad } from '@tarojs/taro'
import type { AppointmentReply, DepartmentReply, DoctorReply, PatientReply, ScheduleReply } from '@clinic/contracts'
import FormError from '../../components/form-error'
import ListState, { type LoadState } from '../../components/list-state'
import { api, isApiError } from '../../services/api'
import { requireAccount } from '../../services/guard'
import { relaunch, ROUTES } from '../../services/navigation'
import { hasCurrentConsent } from '../../services/privacy'
import { errorText, SCHEDULING_ERROR_TEXT } from '../../utils/error-text'
import { appointmentStatusLabel, genderLabel } from '../../utils/labels'
import { formatFen } from '../../utils/money'
import { addDays, availabilityText, dayHeading, groupByDate, isBookable, isSlotOpen, shiftTime, slotAvailabilityText, slotTime, today } from '../../utils/schedule'
import { ageOn } from '../../utils/time'
import { backTo, bookingInput, doctorLine, EMPTY_CHOICE, isReachedBefore, stepOf, stepsFor, visitTimeText, type BookingChoice, type BookingStep } from './booking-flow'
import './index.scss'

/** Patients book from today up to this many days ahead. */
const BOOKING_DAYS = 7

type Loaded<T> = LoadState<{ items: T }>

export default function BookingPage() {
  const [choice, setChoice] = useState<BookingChoice>(EMPTY_CHOICE)
  const [departments, setDepartments] = useState<Loaded<DepartmentReply[]>>({ status: 'loading' })
  const [doctors, setDoctors] = useState<Loaded<DoctorReply[]>>({ status: 'loading' })
  const [shifts, setShifts] = useState<Loaded<ScheduleReply[]>>({ status: 'loading' })
  const [family, setFamily] = useState<Loaded<PatientReply[]>>({ status: 'loading' })
  const [submitting, setSubmitting] = useState(false)
  const [formError, setFormError] = useState('')
  const [booked, setBooked] = useState<AppointmentReply | null>(null)
  // Answers for an earlier choice must not overwrite the list of the current one.
  const ticket = useRef(0)

  async function fetchInto<T>(set: (state: Loaded<T>) => void, fetch: () => Promise<T>) {
    const mine = ++ticket.current
    set({ status: 'loading' })
    try {
      const items = await fetch()
      if (mine === ticket.current) set({ status: 'ready', items })
    } catch (e) {
      if (isApiError(e) && e.code === 'PRIVACY.CONSENT_REQUIRED') relaunch(ROUTES.privacy)
      else if (mine === ticket.current) set({ status: 'error', message: errorText(e) })
    }
  }

  const loadDepartments = () => fetchInto(setDepartments, api.listDepartments)
  const loadDoctors = (department: DepartmentReply) => fetchInto(setDoctors, () => api.listDoctors(department.id))
  const loadShifts = (doctor: DoctorReply) => {
    const from = today()
    return fetchInto(setShifts, () => api.listSchedules({ doctorId: doctor.id, from, to: addDays(from, BOOKING_DAYS - 1) }))
  }
  const loadFamily = () => fetchInto(setFamily, async () => (await api.listPatients({ page: 1, pageSize: 20 })).items)

  useLoad(() => {
    const session = requireAccount()
    if (!session) return
    if (!hasCurrentConsent(session.account)) {
      relaunch(ROUTES.privacy)
      return
    }
    void loadDepartments()
  })

  function choose(next: BookingChoice) {
    setFormError('')
    setChoice(next)
    const step = stepOf(next)
    if (step === 'department') void loadDepartments()
    if (step === 'doctor' && next.department) void loadDoctors(next.department)
    if (step === 'shift' && next.doctor) void loadShifts(next.doctor)
    if (step === 'patient') void loadFamily()
  }

  async function confirm() {
    const input = bookingInput(choice)
    if (submitting || !input) return
    setSubmitting(true)
    setFormError('')
    try {
      setBooked(await api.bookAppointment(input))
    } catch (e) {
      setFormError(errorText(e, SCHEDULING_ERROR_TEXT))
      if (isApiError(e) && e.code === 'PRIVACY.CONSENT_REQUIRED') relaunch(ROUTES.privacy)
    } finally {
      setSubmitting(false)
    }
  }

  function startOver() {
    setBooked(null)
    choose(EMPTY_CHOICE)
  }

  const step = stepOf(choice)

  if (booked && choice.doctor && choice.shift && choice.patient) {
    return (
      <View className='page booking-page'>
        <View className='page-inner booking-inner'>
          <View className='card booking-done'>
            <Text className='booking-done-mark'>✓</Text>
            <Text className='booking-done-title'>预约成功</Text>
            <Text className='booking-done-status tag'>{appointmentStatusLabel(booked.status)}</Text>
            <View className='facts booking-facts'>
              <Fact label='就诊人' value={choice.patient.name} />
              <Fact label='医生' value={`${choice.doctor.name}${choice.department ? `（${choice.department.name}）` : ''}`} />
              <Fact label='就诊时间' value={visitTimeText(choice.shift, choice.slot)} />
              <Fact label='挂号费' value={formatFen(booked.registrationFeeFen)} />
            </View>
            <Text className='field-hint'>就诊当天请到诊所扫描签到码签到，签到后可在“我的预约”查看排队进度。</Text>
            <View className='form-actions booking-done-actions'>
              <Button className='secondary-button booking-again' onClick={startOver}>
                继续预约
              </Button>
              <Button className='primary-button booking-to-list' onClick={() => Taro.redirectTo({ url: ROUTES.appointments })}>
                查看我的预约
              </Button>
            </View>
          </View>
        </View>
      </View>
    )
  }

  return (
    <View className='page booking-page'>
      <View className='page-inner booking-inner'>
        <View className='page-header'>
          <View>
            <Text className='page-title'>预约挂号</Text>
            <Text className='page-subtitle'>可预约今天起 {BOOKING_DAYS} 天内的号源</Text>
          </View>
          <View className='header-actions'>
            <Button className='secondary-button booking-my' onClick={() => Taro.navigateTo({ url: ROUTES.appointments })}>
              我的预约
            </Button>
          </View>
        </View>

        <View className='booking-steps'>
          {stepsFor(choice).map((item) => {
            const reached = isReachedBefore(step, item.step)
            return (
              <Text
                key={item.step}
                className={`booking-step ${item.step === step ? 'booking-step--current' : ''} ${reached ? 'booking-step--done' : ''}`}
                onClick={() => reached && choose(backTo(choice, item.step as BookingStep))}
              >
                {item.label}
              </Text>
            )
          })}
        </View>

        <ChosenSoFar choice={choice} />

        {step === 'department' ? (
          <Listing state={departments} empty='暂无可预约的科室' onRetry={loadDepartments}>
            {(items) => (
              <View className='booking-grid'>
                {items.map((department) => (
                  <View
                    key={department.id}
                    className='card booking-item book-department'
                    hoverClass='booking-item--pressed'
                    onClick={() => choose({ ...EMPTY_CHOICE, department })}
                  >
                    <Text className='booking-item-title'>{department.name}</Text>
                    {department.description ? <Text className='booking-item-detail muted'>{department.description}</Text> : null}
                  </View>
                ))}
              </View>
            )}
          </Listing>
        ) : null}

        {step === 'doctor' && choice.department ? (
          <Listing state={doctors} empty='该科室暂无出诊医生' onRetry={() => loadDoctors(choice.department as DepartmentReply)}>
            {(items) => (
              <View className='booking-list'>
                {items.map((doctor) => (
                  <View
                    key={doctor.id}
                    className='card booking-item book-doctor'
                    hoverClass='booking-item--pressed'
                    onClick={() => choose({ ...choice, doctor, shift: null, slot: null, patient: null })}
                  >
                    <View className='booking-item-heading'>
                      <Text className='booking-item-title'>{doctor.name}</Text>
                      {doctor.title ? <Text className='tag'>{doctor.title}</Text> : null}
                    </View>
                    {doctor.specialty ? <Text className='booking-item-detail'>擅长：{doctor.specialty}</Text> : null}
                    {doctor.introduction ? <Text className='booking-item-detail muted'>{doctor.introduction}</Text> : null}
                  </View>
                ))}
              </View>
            )}
          </Listing>
        ) : null}

        {step === 'shift' && choice.doctor ? (
          <Listing state={shifts} empty={`${choice.doctor.name}近 ${BOOKING_DAYS} 天没有出诊安排`} onRetry={() => loadShifts(choice.doctor as DoctorReply)}>
            {(items) =>
              groupByDate(items).map((day) => (
                <View key={day.date} className='booking-day'>
                  <Text className='booking-day-title'>{dayHeading(day.date)}</Text>
                  {day.shifts.map((shift) => {
                    const open = isBookable(shift)
                    return (
                      <View
                        key={shift.id}
                        className={`card booking-item booking-shift book-shift ${open ? '' : 'is-disabled'}`}
                        hoverClass={open ? 'booking-item--pressed' : 'none'}
                        onClick={() => open && choose({ ...choice, shift, slot: null, patient: null })}
                      >
                        <View className='booking-shift-main'>
                          <Text className='booking-item-title'>{shiftTime(shift)}</Text>
                          <Text className='booking-item-detail muted'>挂号费 {formatFen(shift.registrationFeeFen)}</Text>
                        </View>
                        <Text className={`booking-remaining ${open ? '' : 'booking-remaining--none'}`}>{availabilityText(shift)}</Text>
                      </View>
                    )
                  })}
                </View>
              ))
            }
          </Listing>
        ) : null}

        {step === 'slot' && choice.shift ? (
          <View className='booking-slots'>
            <Text className='booking-day-title'>请选择就诊时间</Text>
            <View className='booking-slot-grid'>
              {choice.shift.slots.map((slot) => {
                const open = isSlotOpen(slot)
                return (
                  <View
                    key={slot.id}
                    className={`card booking-item booking-slot book-slot ${open ? '' : 'is-disabled'}`}
                    hoverClass={open ? 'booking-item--pressed' : 'none'}
                    onClick={() => open && choose({ ...choice, slot, patient: null })}
                  >
                    <Text className='booking-slot-time'>{slotTime(slot)}</Text>
                    <Text className={`booking-slot-remaining ${open ? '' : 'booking-remaining--none'}`}>{slotAvailabilityText(slot)}</Text>
                  </View>
                )
              })}
            </View>
          </View>
        ) : null}

        {step === 'patient' ? (
          <Listing state={family} empty='还没有就诊人' onRetry={loadFamily}>
            {(items) => (
              <View className='booking-list'>
                {items.map((patient) => {
                  const age = ageOn(patient.birthDate)
                  return (
                    <View
                      key={patient.id}
                      className='card booking-item book-patient'
                      hoverClass='booking-item--pressed'
                      onClick={() => choose({ ...choice, patient })}
                    >
                      <View className='booking-item-heading'>
                        <Text className='booking-item-title'>{patient.name}</Text>
                        {patient.relationship ? <Text className='tag'>{patient.relationship}</Text> : null}
                        <Text className='tag tag--muted'>
                          {genderLabel(patient.gender)}
                          {age !== null ? ` · ${age} 岁` : ''}
                        </Text>
                      </View>
                      <Text className='booking-item-detail muted'>病历号 {patient.medicalRecordNo}</Text>
                    </View>
                  )
                })}
                <Text className='link-text booking-family' onClick={() => Taro.navigateTo({ url: ROUTES.family })}>
                  管理就诊人 ›
                </Text>
              </View>
            )}
          </Listing>
        ) : null}

        {step === 'confirm' && choice.doctor && choice.shift && choice.patient ? (
          <View className='card booking-confirm-card'>
            <Text className='section-title'>确认预约信息</Text>
            <View className='facts booking-facts'>
              <Fact label='就诊人' value={choice.patient.name} />
              <Fact label='科室' value={choice.department?.name ?? ''} />
              <Fact label='医生' value={[choice.doctor.name, doctorLine(choice.doctor)].filter(Boolean).join(' · ')} />
              <Fact label='就诊时间' value={visitTimeText(choice.shift, choice.slot)} />
              <Fact label='挂号费' value={formatFen(choice.shift.registrationFeeFen)} />
              <Fact label='号源' value={choice.slot ? slotAvailabilityText(choice.slot) : availabilityText(choice.shift)} />
            </View>
            <FormError className='booking-error' message={formError} />
            <View className='form-actions'>
              <Button className='secondary-button booking-back' onClick={() => choose(backTo(choice, 'patient'))}>
                返回
              </Button>
              <Button className={`primary-button book-confirm ${submitting ? 'is-busy' : ''}`} loading={submitting} onClick={confirm}>
                确认预约
              </Button>
            </View>
          </View>
        ) : null}
      </View>
    </View>
  )
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <View className='fact'>
      <Text className='fact-label'>{label}</Text>
      <Text className='fact-value'>{value}</Text>
    </View>
  )
}

/** What has been chosen so far, one line above the current step. */
function ChosenSoFar({ choice }: { choice: BookingChoice }) {
  const parts = [
    choice.department?.name,
    choice.doctor ? `${choice.doctor.name}${choice.doctor.title ? ` ${choice.doctor.title}` : ''}` : null,
    choice.shift ? visitTimeText(choice.shift, choice.slot) : null,
    choice.patient?.name
  ].filter(Boolean)
  if (!parts.length) return null
  return <Text className='booking-chosen muted'>{parts.join(' › ')}</Text>
}

interface ListingProps<T> {
  state: Loaded<T[]>
  empty: string
  onRetry: () => void
  children: (items: T[]) => ReactNode
}

/** Loading, error with 重试, empty, or the items. */
function Listing<T>({ state, empty, onRetry, children }: ListingProps<T>) {
  if (state.status !== 'ready') return <ListState state={state} onRetry={onRetry} />
  if (!state.items.length) return <View className='card empty-state'>{empty}</View>
  return <>{children(state.items)}</>
}
