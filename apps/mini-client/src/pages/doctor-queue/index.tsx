import { useRef, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useLoad } from '@tarojs/taro'
import type { QueueEntryReply, QueueReply, ScheduleReply } from '@clinic/contracts'
import ListState, { type Loaded } from '../../components/list-state'
import { canConsult } from '../../services/access'
import { api, isApiError } from '../../services/api'
import { requireStaff } from '../../services/guard'
import { encounterUrl, queueDisplayUrl } from '../../services/navigation'
import { REFRESH_MS } from '../../services/polling'
import { usePolling } from '../../services/use-polling'
import { errorText, SCHEDULING_ERROR_TEXT, VISIT_ERROR_TEXT } from '../../utils/error-text'
import { availabilityText, currentShift, dayHeading, queueNumber, shiftsOn, shiftTime, today } from '../../utils/schedule'
import { queueButtons } from './queue-actions'
import './index.scss'


export default function DoctorQueuePage() {
  const [doctorId, setDoctorId] = useState('')
  const [shifts, setShifts] = useState<Loaded<ScheduleReply[]>>({ status: 'loading' })
  const [shift, setShift] = useState<ScheduleReply | null>(null)
  const [queue, setQueue] = useState<QueueReply | null>(null)
  const [queueError, setQueueError] = useState('')
  const [busy, setBusy] = useState('')
  const latest = useRef(0)

  async function loadQueue(target: ScheduleReply, quiet = false) {
    const mine = ++latest.current
    if (!quiet) setQueueError('')
    try {
      const reply = await api.queue({ scheduleId: target.id })
      if (mine === latest.current) {
        setQueue(reply)
        setQueueError('')
      }
    } catch (e) {
      if (mine === latest.current && !quiet) setQueueError(errorText(e, SCHEDULING_ERROR_TEXT))
    }
  }

  async function loadShifts(id: string) {
    setShifts({ status: 'loading' })
    try {
      const day = today()
      const list = shiftsOn(await api.listSchedules({ doctorId: id, from: day, to: day }), day)
      setShifts({ status: 'ready', value: list })
      const first = currentShift(list)
      setShift(first)
      if (first) void loadQueue(first)
    } catch (e) {
      setShifts({ status: 'error', message: errorText(e) })
    }
  }

  useLoad(() => {
    const session = requireStaff(canConsult)
    if (!session) return
    // A doctor's staff id is their doctor id.
    setDoctorId(session.user.id)
    void loadShifts(session.user.id)
  })

  // New check-ins arrive at the desk: keep the waiting list current.
  usePolling(() => (shift ? loadQueue(shift, true) : undefined), REFRESH_MS.staffQueue, shift !== null)

  function pick(next: ScheduleReply) {
    setShift(next)
    setQueue(null)
    void loadQueue(next)
  }

  async function act(key: string, action: () => Promise<QueueEntryReply>, done: (entry: QueueEntryReply) => string) {
    if (busy || !shift) return
    setBusy(key)
    try {
      const entry = await action()
      void Taro.showToast({ title: done(entry), icon: 'none' })
    } catch (e) {
      const message = errorText(e, SCHEDULING_ERROR_TEXT)
      if (isApiError(e) && e.code === 'QUEUE.EMPTY') void Taro.showToast({ title: message, icon: 'none' })
      else void Taro.showModal({ title: '操作未成功', content: message, showCancel: false })
    } finally {
      setBusy('')
      await loadQueue(shift, true)
    }
  }

  /** 接诊: opens (or reopens: the server answers the same one) the encounter of the called patient. */
  async function openEncounter(appointmentId: string) {
    if (busy) return
    setBusy('encounter')
    try {
      const encounter = await api.openEncounter({ appointmentId })
      await Taro.navigateTo({ url: encounterUrl(encounter.id) })
    } catch (e) {
      void Taro.showModal({ title: '不能接诊', content: errorText(e, VISIT_ERROR_TEXT), showCancel: false })
    } finally {
      setBusy('')
    }
  }

  const buttons = queueButtons(queue)
  const current = queue?.current ?? null

  function callNext() {
    if (!shift) return
    if (!buttons.callNext) {
      void Taro.showToast({ title: '请先完成或过号当前患者', icon: 'none' })
      return
    }
    void act('call', () => api.callNext(doctorId, shift.id), (entry) => `请 ${queueNumber(entry.queueNo)} 号 ${entry.name} 就诊`)
  }

  return (
    <View className='page doctor-queue-page'>
      <View className='page-inner doctor-queue-inner'>
        <View className='page-header'>
          <View>
            <Text className='page-title'>接诊</Text>
            <Text className='page-subtitle'>{dayHeading(today())}</Text>
          </View>
          {shift ? (
            <View className='header-actions'>
              <Button className='secondary-button queue-screen' onClick={() => Taro.navigateTo({ url: queueDisplayUrl({ scheduleId: shift.id }) })}>
                候诊屏
              </Button>
            </View>
          ) : null}
        </View>

        <ListState state={shifts} onRetry={() => loadShifts(doctorId)} />
        {shifts.status === 'ready' && !shifts.value.length ? <View className='card empty-state'>今天没有您的出诊安排</View> : null}

        {shifts.status === 'ready' && shifts.value.length > 1 ? (
          <View className='chip-row queue-shifts'>
            {shifts.value.map((item) => (
              <View key={item.id} className={`chip queue-shift ${item.id === shift?.id ? 'chip--active' : ''}`} onClick={() => pick(item)}>
                <Text>
                  {shiftTime(item)} · {availabilityText(item)}
                </Text>
              </View>
            ))}
          </View>
        ) : null}

        {shift ? (
          <View className='queue-layout'>
            <View className='card queue-now'>
              <Text className='queue-now-label'>当前就诊</Text>
              {current ? (
                <View className='queue-current'>
                  <Text className='queue-current-no'>{queueNumber(current.queueNo)}</Text>
                  <Text className='queue-current-name'>{current.name}</Text>
                  {current.walkIn ? <Text className='tag tag--muted'>现场挂号</Text> : null}
                </View>
              ) : (
                <Text className='queue-idle muted'>{queue?.waiting.length ? '点击“叫号”请下一位患者' : '暂无候诊患者'}</Text>
              )}
              {shift.status === 'CANCELLED' ? <Text className='list-error'>本时段已停诊</Text> : null}
              {queueError ? <Text className='list-error'>{queueError}</Text> : null}

              <Button
                className={`primary-button queue-call-next ${buttons.callNext ? '' : 'is-disabled'} ${busy === 'call' ? 'is-busy' : ''}`}
                onClick={callNext}
              >
                叫号
              </Button>
              {current ? (
                <Button
                  className={`primary-button queue-encounter ${busy === 'encounter' ? 'is-busy' : ''}`}
                  loading={busy === 'encounter'}
                  onClick={() => openEncounter(current.appointmentId)}
                >
                  接诊
                </Button>
              ) : null}
              {current ? (
                <View className='queue-current-actions button-row'>
                  <Button
                    className={`secondary-button queue-skip ${busy === 'skip' ? 'is-busy' : ''}`}
                    onClick={() => act('skip', () => api.skipPatient(current.appointmentId), (entry) => `${queueNumber(entry.queueNo)} 号已过号`)}
                  >
                    过号
                  </Button>
                  <Button
                    className={`secondary-button queue-recall ${busy === 'recall' ? 'is-busy' : ''}`}
                    onClick={() => act('recall', () => api.recallPatient(current.appointmentId), (entry) => `已重新呼叫 ${queueNumber(entry.queueNo)} 号`)}
                  >
                    重呼
                  </Button>
                  <Button
                    className={`primary-button queue-complete ${busy === 'complete' ? 'is-busy' : ''}`}
                    onClick={() => act('complete', () => api.completeVisit(current.appointmentId), () => '本次就诊已完成')}
                  >
                    完成
                  </Button>
                </View>
              ) : null}
            </View>

            <View className='card queue-waiting'>
              <Text className='section-title'>候诊 {queue ? `${queue.waiting.length} 人` : ''}</Text>
              {queue && !queue.waiting.length ? <View className='empty-state'>暂无候诊患者</View> : null}
              {(queue?.waiting ?? []).map((entry, index) => (
                <View key={entry.appointmentId} className='queue-waiting-row'>
                  <Text className='queue-waiting-no'>{queueNumber(entry.queueNo)}</Text>
                  <Text className='queue-waiting-name'>{entry.name}</Text>
                  {entry.walkIn ? <Text className='tag tag--muted'>现场</Text> : null}
                  {index === 0 ? <Text className='tag'>下一位</Text> : null}
                </View>
              ))}
            </View>
          </View>
        ) : null}
      </View>
    </View>
  )
}
