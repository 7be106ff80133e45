import { useState } from 'react'
import { Button, Input, ScrollView, Text, View } from '@tarojs/components'
import Taro, { useLoad } from '@tarojs/taro'
import type { AccountReply } from '@clinic/contracts'
import { api } from '../../services/api'
import { confirmAction } from '../../services/confirm'
import { requireAccount } from '../../services/guard'
import { relaunchToPatientLogin, ROUTES } from '../../services/navigation'
import { EXPORT_ACTION_LABEL, offerExport } from '../../services/platform/export-file'
import { errorText } from '../../utils/error-text'
import { formatDateTime } from '../../utils/time'
import { CLOSE_CONFIRM_WORD, exportFileName, exportText } from './export-text'
import './index.scss'

interface ExportView {
  text: string
  fileName: string
  patients: number
}

export default function ProfilePage() {
  const [account, setAccount] = useState<AccountReply | null>(null)
  const [exported, setExported] = useState<ExportView | null>(null)
  const [exporting, setExporting] = useState(false)
  const [closing, setClosing] = useState(false)
  const [closeOpen, setCloseOpen] = useState(false)
  const [closeWord, setCloseWord] = useState('')
  const [error, setError] = useState('')

  useLoad(() => {
    const session = requireAccount()
    if (!session) return
    setAccount(session.account)
    api.me().then((reply) => {
      if (reply.kind === 'account') setAccount(reply.account)
    }, () => undefined)
  })

  async function exportData() {
    if (exporting) return
    setExporting(true)
    setError('')
    try {
      const reply = await api.exportMyData()
      setExported({ text: exportText(reply), fileName: exportFileName(reply), patients: reply.patients.length })
    } catch (e) {
      setError(errorText(e))
    } finally {
      setExporting(false)
    }
  }

  async function save() {
    if (!exported) return
    try {
      const message = await offerExport(exported.text, exported.fileName)
      void Taro.showToast({ title: message, icon: 'none' })
    } catch {
      void Taro.showToast({ title: '操作失败，请重试', icon: 'none' })
    }
  }

  async function closeAccount() {
    if (closing || closeWord.trim() !== CLOSE_CONFIRM_WORD) return
    const confirmed = await confirmAction('注销账号', '注销后无法恢复，您账号下的就诊人关联将全部解除。确定注销吗？', '确定注销')
    if (!confirmed) return
    setClosing(true)
    setError('')
    try {
      await api.closeAccount()
      void Taro.showToast({ title: '账号已注销', icon: 'none' })
      relaunchToPatientLogin()
    } catch (e) {
      setError(errorText(e))
      setClosing(false)
    }
  }

  async function logout() {
    await api.logout()
    relaunchToPatientLogin()
  }

  if (!account) return <View className='page' />
  const closeReady = closeWord.trim() === CLOSE_CONFIRM_WORD

  return (
    <View className='page profile-page'>
      <View className='page-inner profile-inner'>
        <View className='card profile-card'>
          <Text className='section-title'>账号信息</Text>
          <View className='facts'>
            <View className='fact'>
              <Text className='fact-label'>账号编号</Text>
              <Text className='fact-value'>{account.id}</Text>
            </View>
            <View className='fact'>
              <Text className='fact-label'>注册时间</Text>
              <Text className='fact-value'>{formatDateTime(account.createdAt)}</Text>
            </View>
            <View className='fact fact--span'>
              <Text className='fact-label'>隐私政策</Text>
              <Text className='fact-value'>
                {account.privacyVersion && account.privacyConsentedAt
                  ? `已同意版本 ${account.privacyVersion}（${formatDateTime(account.privacyConsentedAt)}）`
                  : '尚未同意'}
              </Text>
              <Text className='link-text profile-policy' onClick={() => Taro.navigateTo({ url: ROUTES.privacy })}>
                查看隐私政策 ›
              </Text>
            </View>
          </View>
        </View>

        {error ? (
          <View className='form-error profile-error'>
            <Text>{error}</Text>
          </View>
        ) : null}

        <View className='card profile-card profile-visits'>
          <Text className='section-title'>就诊服务</Text>
          <View className='button-row profile-visit-actions'>
            <Button className='primary-button profile-booking' onClick={() => Taro.navigateTo({ url: ROUTES.booking })}>
              预约挂号
            </Button>
            <Button className='secondary-button profile-appointments' onClick={() => Taro.navigateTo({ url: ROUTES.appointments })}>
              我的预约
            </Button>
          </View>
          <View className='button-row profile-visit-actions'>
            <Button className='secondary-button profile-visits-link' onClick={() => Taro.navigateTo({ url: ROUTES.visits })}>
              就诊记录
            </Button>
            <Button className='secondary-button profile-reminders' onClick={() => Taro.navigateTo({ url: ROUTES.reminders })}>
              提醒
            </Button>
          </View>
          <View className='button-row profile-visit-actions'>
            <Button className='secondary-button profile-bills' onClick={() => Taro.navigateTo({ url: ROUTES.bills })}>
              我的账单
            </Button>
          </View>
        </View>

        <View className='card profile-card'>
          <Text className='section-title'>导出我的数据</Text>
          <Text className='field-hint profile-hint'>导出本账号及所有就诊人的个人信息（完整号码，不打码），格式为 JSON。请妥善保管。</Text>
          <Button className={`secondary-button profile-export ${exporting ? 'is-busy' : ''}`} loading={exporting} onClick={exportData}>
            {exported ? '重新导出' : '导出我的数据'}
          </Button>
          {exported ? (
            <View className='export-result'>
              <Text className='muted export-summary'>
                共 {exported.patients} 位就诊人 · {exported.fileName}
              </Text>
              <ScrollView className='export-text' scrollY scrollX>
                <Text userSelect className='export-json'>
                  {exported.text}
                </Text>
              </ScrollView>
              <Button className='primary-button export-save' onClick={save}>
                {EXPORT_ACTION_LABEL}
              </Button>
            </View>
          ) : null}
        </View>

        <View className='card profile-card profile-danger'>
          <Text className='section-title'>注销账号</Text>
          <Text className='field-hint profile-hint'>
            注销后您将无法登录本账号，账号与就诊人的关联全部解除且无法恢复。诊所依法保存的病历等医疗记录不会删除。建议先导出您的数据。
          </Text>
          {closeOpen ? (
            <View className='close-confirm'>
              <Text className='field-label'>请输入“{CLOSE_CONFIRM_WORD}”以确认</Text>
              <Input
                className='field-input close-word'
                type='text'
                value={closeWord}
                maxlength={10}
                placeholder={CLOSE_CONFIRM_WORD}
                onInput={(e) => setCloseWord(e.detail.value)}
              />
              <View className='form-actions close-actions'>
                <Button
                  className='secondary-button'
                  onClick={() => {
                    setCloseOpen(false)
                    setCloseWord('')
                  }}
                >
                  取消
                </Button>
                <Button
                  className={`danger-button close-submit ${closeReady ? '' : 'is-disabled'} ${closing ? 'is-busy' : ''}`}
                  loading={closing}
                  onClick={closeAccount}
                >
                  确认注销
                </Button>
              </View>
            </View>
          ) : (
            <Text className='danger-link profile-close' onClick={() => setCloseOpen(true)}>
              注销账号 ›
            </Text>
          )}
        </View>

        <Button className='secondary-button profile-logout' onClick={logout}>
          退出登录
        </Button>
      </View>
    </View>
  )
}
