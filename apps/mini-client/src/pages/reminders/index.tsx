import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useLoad } from '@tarojs/taro'
import ListState, { type Loaded } from '../../components/list-state'
import { api, isApiError, type ReminderKind, type ReminderReply, type ReminderSettings } from '../../services/api'
import { requireAccount } from '../../services/guard'
import { relaunch, ROUTES } from '../../services/navigation'
import { CAN_SUBSCRIBE, requestSubscription } from '../../services/platform/subscribe'
import { hasCurrentConsent } from '../../services/privacy'
import { errorText } from '../../utils/error-text'
import { formatDateTime } from '../../utils/time'
import { markDone, REMINDER_KIND_HINTS, REMINDER_KIND_LABELS, REMINDER_KINDS, REMINDER_STATUS_LABELS, sortReminders, toggled } from './reminder-view'
import './index.scss'

/** 提醒: follow-up, medication and appointment reminders, and which kinds the patient wants. */
export default function RemindersPage() {
  const [list, setList] = useState<Loaded<ReminderReply[]>>({ status: 'loading' })
  const [settings, setSettings] = useState<Loaded<ReminderSettings>>({ status: 'loading' })
  const [busy, setBusy] = useState('')

  function failed(e: unknown): string {
    if (isApiError(e) && e.code === 'PRIVACY.CONSENT_REQUIRED') relaunch(ROUTES.privacy)
    return errorText(e)
  }

  async function loadList() {
    setList({ status: 'loading' })
    try {
      setList({ status: 'ready', value: sortReminders(await api.listReminders()) })
    } catch (e) {
      setList({ status: 'error', message: failed(e) })
    }
  }

  async function loadSettings() {
    setSettings({ status: 'loading' })
    try {
      setSettings({ status: 'ready', value: await api.reminderSettings() })
    } catch (e) {
      setSettings({ status: 'error', message: failed(e) })
    }
  }

  useLoad(() => {
    const session = requireAccount()
    if (!session) return
    if (!hasCurrentConsent(session.account)) {
      relaunch(ROUTES.privacy)
      return
    }
    void loadList()
    void loadSettings()
  })

  async function done(reminder: ReminderReply) {
    if (busy || list.status !== 'ready') return
    setBusy(reminder.id)
    try {
      await api.reminderDone(reminder.id)
      setList({ status: 'ready', value: sortReminders(markDone(list.value, reminder.id)) })
    } catch (e) {
      void Taro.showModal({ title: '操作未成功', content: failed(e), showCancel: false })
    } finally {
      setBusy('')
    }
  }

  async function toggle(kind: ReminderKind) {
    if (busy || settings.status !== 'ready') return
    const next = toggled(settings.value, kind)
    setBusy(kind)
    try {
      // WeChat only shows its consent prompt inside the tap, so it is asked before anything is sent.
      const outcome = next[kind] && CAN_SUBSCRIBE ? await requestSubscription() : 'unavailable'
      setSettings({ status: 'ready', value: await api.saveReminderSettings(next) })
      if (outcome === 'rejected') void Taro.showToast({ title: '未允许微信通知，提醒只在本页显示', icon: 'none' })
    } catch (e) {
      void Taro.showModal({ title: '设置未保存', content: failed(e), showCancel: false })
    } finally {
      setBusy('')
    }
  }

  return (
    <View className='page reminders-page'>
      <View className='page-inner reminders-inner'>
        <View className='page-header'>
          <View>
            <Text className='page-title'>提醒</Text>
            <Text className='page-subtitle'>复诊、用药与就诊提醒</Text>
          </View>
        </View>

        <View className='card rem-settings'>
          <Text className='section-title'>提醒设置</Text>
          <ListState state={settings} onRetry={loadSettings} />
          {settings.status === 'ready'
            ? REMINDER_KINDS.map((kind) => (
                <View key={kind} className={`rem-setting rem-setting-${kind.toLowerCase()}`}>
                  <View className='rem-setting-text'>
                    <Text className='rem-setting-title'>{REMINDER_KIND_LABELS[kind]}</Text>
                    <Text className='muted rem-setting-hint'>{REMINDER_KIND_HINTS[kind]}</Text>
                  </View>
                  {/* A tap, not a switch's change event: WeChat's subscription prompt needs a tap. */}
                  <View className={`chip rem-toggle ${settings.value[kind] ? 'chip--active' : ''} ${busy === kind ? 'is-busy' : ''}`} onClick={() => toggle(kind)}>
                    <Text>{settings.value[kind] ? '已开启' : '已关闭'}</Text>
                  </View>
                </View>
              ))
            : null}
        </View>

        <ListState state={list} onRetry={loadList} className='card' />
        {list.status === 'ready' && !list.value.length ? <View className='card empty-state'>暂无提醒</View> : null}
        {list.status === 'ready'
          ? list.value.map((reminder) => (
              <View key={reminder.id} className={`card rem-row ${reminder.status === 'DONE' ? 'rem-row--done' : ''}`}>
                <View className='rem-row-heading'>
                  <Text className='rem-row-title'>{reminder.title}</Text>
                  <Text className={reminder.status === 'DONE' ? 'tag tag--muted' : 'tag'}>{REMINDER_STATUS_LABELS[reminder.status] ?? reminder.status}</Text>
                </View>
                <Text className='muted rem-row-detail'>
                  {REMINDER_KIND_LABELS[reminder.kind] ?? reminder.kind} · {formatDateTime(reminder.dueAt)}
                </Text>
                {reminder.body ? <Text className='rem-row-body'>{reminder.body}</Text> : null}
                {reminder.status !== 'DONE' ? (
                  <Button className={`secondary-button rem-done ${busy === reminder.id ? 'is-busy' : ''}`} onClick={() => done(reminder)}>
                    标记完成
                  </Button>
                ) : null}
              </View>
            ))
          : null}
      </View>
    </View>
  )
}
