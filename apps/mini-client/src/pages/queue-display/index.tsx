import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useLoad } from '@tarojs/taro'
import type { DoctorReply, QueueReply } from '@clinic/contracts'
import { canViewQueueScreen } from '../../services/access'
import { api, type QueueTarget } from '../../services/api'
import { requireStaff } from '../../services/guard'
import { queueDisplayUrl } from '../../services/navigation'
import { REFRESH_MS } from '../../services/polling'
import { usePolling } from '../../services/use-polling'
import { errorText, SCHEDULING_ERROR_TEXT } from '../../utils/error-text'
import { periodLabel } from '../../utils/labels'
import { dayHeading, queueNumber } from '../../utils/schedule'
import { displayTarget, waitingView } from './display'
import './index.scss'

export default function QueueDisplayPage() {
  const [target, setTarget] = useState<QueueTarget | null>(null)
  const [queue, setQueue] = useState<QueueReply | null>(null)
  const [error, setError] = useState('')
  const [doctors, setDoctors] = useState<DoctorReply[] | null>(null)
  const [doctorNames, setDoctorNames] = useState<Record<string, string>>({})
  const [clock, setClock] = useState(new Date())

  async function load(which: QueueTarget) {
    setClock(new Date())
    try {
      setQueue(await api.queueDisplay(which))
      setError('')
    } catch (e) {
      // Keep the last numbers on the screen; say the connection is failing underneath.
      setError(errorText(e, SCHEDULING_ERROR_TEXT))
    }
  }

  useLoad((params: Record<string, string | undefined>) => {
    if (!requireStaff(canViewQueueScreen)) return
    const which = displayTarget(params)
    setTarget(which)
    api.listDoctors().then(
      (list) => {
        setDoctors(list)
        setDoctorNames(Object.fromEntries(list.map((doctor) => [doctor.id, doctor.name])))
      },
      (e: unknown) => setError(errorText(e))
    )
    if (which) void load(which)
  })

  usePolling(() => (target ? load(target) : undefined), REFRESH_MS.queueDisplay, target !== null)

  if (!target) {
    // Opened from the home tile: choose whose queue this screen shows (the choice lands in the address).
    return (
      <View className='queue-display queue-display--choose'>
        <Text className='display-title'>选择候诊屏显示的医生</Text>
        {error ? <Text className='display-error'>{error}</Text> : null}
        {doctors === null ? <Text className='display-muted'>正在加载…</Text> : null}
        {doctors && !doctors.length ? <Text className='display-muted'>暂无医生</Text> : null}
        <View className='display-doctors'>
          {(doctors ?? []).map((doctor) => (
            <View
              key={doctor.id}
              className='display-doctor'
              onClick={() => Taro.redirectTo({ url: queueDisplayUrl({ doctorId: doctor.id }) })}
            >
              <Text className='display-doctor-name'>{doctor.name}</Text>
              {doctor.title ? <Text className='display-doctor-title'>{doctor.title}</Text> : null}
            </View>
          ))}
        </View>
      </View>
    )
  }

  const waiting = waitingView(queue?.waiting ?? [])
  const doctorName = queue ? doctorNames[queue.doctorId] : undefined

  return (
    <View className='queue-display'>
      <View className='display-header'>
        <Text className='display-doctor-heading'>{doctorName ? `${doctorName} 诊室` : '候诊'}</Text>
        <Text className='display-when'>
          {queue ? `${dayHeading(queue.date, clock)} ${periodLabel(queue.period)}` : dayHeading(dayOf(clock), clock)}
        </Text>
      </View>

      <View className='display-body'>
        <View className='display-now'>
          <Text className='display-label'>请以下患者就诊</Text>
          <Text className='display-number'>{queue?.current ? queueNumber(queue.current.queueNo) : '---'}</Text>
          <Text className='display-name'>{queue?.current ? queue.current.name : queue ? '暂无就诊' : '正在连接…'}</Text>
        </View>

        <View className='display-waiting'>
          <Text className='display-label'>候诊 {queue ? `${queue.waiting.length} 人` : ''}</Text>
          {queue && !queue.waiting.length ? <Text className='display-muted'>暂无候诊</Text> : null}
          {waiting.shown.map((entry, index) => (
            <View key={entry.key} className={`display-waiting-row ${index === 0 ? 'display-waiting-row--next' : ''}`}>
              <Text className='display-waiting-no'>{entry.queueNo}</Text>
              <Text className='display-waiting-name'>{entry.name}</Text>
              {index === 0 ? <Text className='display-next'>请准备</Text> : null}
            </View>
          ))}
          {waiting.more ? <Text className='display-muted'>另有 {waiting.more} 人候诊</Text> : null}
        </View>
      </View>

      {error ? <Text className='display-error'>{error}（稍后自动重试）</Text> : null}
    </View>
  )
}

function dayOf(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`
}
