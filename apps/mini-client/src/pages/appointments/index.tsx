import { useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import Taro, { useDidShow, useLoad } from '@tarojs/taro'
import type { AppointmentReply, QueuePositionReply } from '@clinic/contracts'
import ListState, { type LoadState } from '../../components/list-state'
import { api, isApiError } from '../../services/api'
import { confirmAction } from '../../services/confirm'
import { requireAccount } from '../../services/guard'
import { relaunch, ROUTES } from '../../services/navigation'
import { CHECK_IN_CODE_TYPED, scanCheckInCode } from '../../services/platform/scan'
import { REFRESH_MS } from '../../services/polling'
import { hasCurrentConsent } from '../../services/privacy'
import { usePolling } from '../../services/use-polling'
import { errorText, SCHEDULING_ERROR_TEXT } from '../../utils/error-text'
import { appointmentStatusLabel, appointmentStatusTag } from '../../utils/labels'
import { formatFen } from '../../utils/money'
import { canCancel, canCheckIn, isInQueue, queueNumber, sortAppointments, waitText } from '../../utils/schedule'
import { appointmentWhen, mergePositions, namesById, queuedIds } from './appointment-view'
import './index.scss'

type List = LoadState<{ appointments: AppointmentReply[] }>

export default function AppointmentsPage() {
  const [list, setList] = useState<List>({ status: 'loading' })
  const [doctorNames, setDoctorNames] = useState<Record<string, string>>({})
  const [patientNames, setPatientNames] = useState<Record<string, string>>({})
  const [positions, setPositions] = useState<Record<string, QueuePositionReply>>({})
  const [busyId, setBusyId] = useState('')
  // h5: the appointment whose check-in code is being typed.
  const [typingFor, setTypingFor] = useState('')
  const [code, setCode] = useState('')
  const [ready, setReady] = useState(false)

  const appointments = list.status === 'ready' ? list.appointments : []
  const queued = queuedIds(appointments)

  async function refreshPositions(ids: readonly string[]) {
    if (!ids.length) return
    const answers = await Promise.all(ids.map((id) => api.queuePosition(id).catch(() => null)))
    setPositions((previous) => mergePositions(previous, ids, answers))
  }

  async function load(quiet = false) {
    if (!quiet) setList({ status: 'loading' })
    try {
      const page = await api.listAppointments({ page: 1, pageSize: 50 })
      const sorted = sortAppointments(page.items)
      setList({ status: 'ready', appointments: sorted })
      void refreshPositions(queuedIds(sorted))
    } catch (e) {
      if (isApiError(e) && e.code === 'PRIVACY.CONSENT_REQUIRED') relaunch(ROUTES.privacy)
      else if (!quiet) setList({ status: 'error', message: errorText(e) })
    }
  }

  useLoad(() => {
    const session = requireAccount()
    if (!session) return
    if (!hasCurrentConsent(session.account)) {
      relaunch(ROUTES.privacy)
      return
    }
    setReady(true)
    void load()
    // Rows carry ids only; the names come from the doctor list and the account's own patients.
    api.listDoctors().then((doctors) => setDoctorNames(namesById(doctors)), () => undefined)
    api.listPatients({ page: 1, pageSize: 20 }).then((page) => setPatientNames(namesById(page.items)), () => undefined)
  })

  // Back from booking: the new appointment shows.
  useDidShow(() => {
    if (ready) void load(true)
  })

  // While someone is waiting, their place in the queue moves: refresh it every 15 seconds.
  usePolling(() => refreshPositions(queued), REFRESH_MS.queuePosition, queued.length > 0)

  async function cancel(appointment: AppointmentReply) {
    const confirmed = await confirmAction('取消预约', `确定取消 ${appointmentWhen(appointment)} 的预约吗？`, '取消预约')
    if (!confirmed) return
    await act(appointment.id, async () => {
      await api.cancelAppointment(appointment.id)
      return '已取消预约'
    })
  }

  async function checkInWith(appointment: AppointmentReply, checkInCode: string) {
    await act(appointment.id, async () => {
      const reply = await api.checkIn(appointment.id, checkInCode)
      setTypingFor('')
      setCode('')
      return `签到成功，排队号 ${queueNumber(reply.queueNo)}`
    })
  }

  async function checkIn(appointment: AppointmentReply) {
    if (CHECK_IN_CODE_TYPED) {
      setCode('')
      setTypingFor(typingFor === appointment.id ? '' : appointment.id)
      return
    }
    const scanned = await scanCheckInCode()
    if (scanned) await checkInWith(appointment, scanned)
  }

  async function act(id: string, action: () => Promise<string>) {
    if (busyId) return
    setBusyId(id)
    try {
      const message = await action()
      void Taro.showToast({ title: message, icon: 'none' })
      await load(true)
    } catch (e) {
      void Taro.showModal({ title: '操作未成功', content: errorText(e, SCHEDULING_ERROR_TEXT), showCancel: false })
    } finally {
      setBusyId('')
    }
  }

  return (
    <View className='page appointments-page'>
      <View className='page-inner appointments-inner'>
        <View className='page-header'>
          <View>
            <Text className='page-title'>我的预约</Text>
            <Text className='page-subtitle'>就诊当天到诊所扫码签到后，可在此查看排队进度</Text>
          </View>
          <View className='header-actions'>
            <Button className='primary-button appt-book' onClick={() => Taro.navigateTo({ url: ROUTES.booking })}>
              预约挂号
            </Button>
          </View>
        </View>

        <ListState state={list} onRetry={() => load()} />
        {list.status === 'ready' && !appointments.length ? <View className='card empty-state'>还没有预约记录</View> : null}

        {appointments.map((appointment) => {
          const position = positions[appointment.id]
          const busy = busyId === appointment.id
          return (
            <View key={appointment.id} className='card appt-row'>
              <View className='appt-row-heading'>
                <Text className='appt-row-when'>{appointmentWhen(appointment)}</Text>
                <Text className={`${appointmentStatusTag(appointment.status)} appt-status`}>{appointmentStatusLabel(appointment.status)}</Text>
              </View>
              <Text className='appt-row-detail'>
                {doctorNames[appointment.doctorId] ?? '医生'} · 就诊人 {patientNames[appointment.patientId] ?? '—'} · 挂号费{' '}
                {formatFen(appointment.registrationFeeFen)}
              </Text>
              {appointment.cancelReason && appointment.status === 'CANCELLED' ? (
                <Text className='appt-row-detail muted'>取消原因：{appointment.cancelReason}</Text>
              ) : null}

              {isInQueue(appointment) ? (
                <View className='appt-queue'>
                  <View className='appt-queue-number'>
                    <Text className='appt-queue-label'>排队号</Text>
                    <Text className='appt-queue-value'>{queueNumber(position?.queueNo ?? appointment.queueNo)}</Text>
                  </View>
                  <View className='appt-queue-text'>
                    <Text className='appt-wait'>{position ? waitText(position) : '正在获取排队进度…'}</Text>
                    {position?.currentQueueNo != null ? (
                      <Text className='muted appt-current'>当前叫号 {queueNumber(position.currentQueueNo)}</Text>
                    ) : null}
                  </View>
                </View>
              ) : null}

              {typingFor === appointment.id ? (
                <View className='appt-code'>
                  <Input
                    className='field-input appt-code-input'
                    type='text'
                    value={code}
                    maxlength={100}
                    placeholder='输入诊所签到码下方的文字'
                    onInput={(e) => setCode(e.detail.value)}
                  />
                  <Button
                    className={`primary-button appt-code-submit ${busy ? 'is-busy' : ''}`}
                    onClick={() => code.trim() && checkInWith(appointment, code.trim())}
                  >
                    签到
                  </Button>
                </View>
              ) : null}

              {canCancel(appointment) || canCheckIn(appointment) ? (
                <View className='appt-actions button-row'>
                  {canCancel(appointment) ? (
                    <Button className={`secondary-button appt-cancel ${busy ? 'is-busy' : ''}`} onClick={() => cancel(appointment)}>
                      取消预约
                    </Button>
                  ) : null}
                  {canCheckIn(appointment) ? (
                    <Button className={`primary-button appt-checkin ${busy ? 'is-busy' : ''}`} onClick={() => checkIn(appointment)}>
                      {CHECK_IN_CODE_TYPED ? '输入签到码签到' : '扫码签到'}
                    </Button>
                  ) : null}
                </View>
              ) : null}
            </View>
          )
        })}
      </View>
    </View>
  )
}
