import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import { useLoad } from '@tarojs/taro'
import { api, isApiError } from '../../services/api'
import { relaunch, relaunchToLogin } from '../../services/navigation'
import { getWechatCode, WECHAT_LOGIN_NOTE } from '../../services/platform/wechat-code'
import { patientStartPage } from '../../services/privacy'
import { accountSession } from '../../services/session'
import { errorText, type ErrorTextOverrides } from '../../utils/error-text'
import './index.scss'

const LOGIN_ERROR_TEXT: ErrorTextOverrides = {
  'AUTH.WECHAT_CODE_INVALID': '微信登录失败，请重试'
}

export default function PatientLoginPage() {
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)

  useLoad(() => {
    // A patient who is still signed in goes on where they left off.
    const session = accountSession()
    if (session) relaunch(patientStartPage(session.account))
  })

  async function login() {
    if (busy) return
    setBusy(true)
    setError('')
    let code: string
    try {
      code = await getWechatCode()
    } catch {
      setError('无法获取微信登录凭证，请稍后重试')
      setBusy(false)
      return
    }
    try {
      const reply = await api.wechatLogin(code)
      relaunch(patientStartPage(reply.account))
    } catch (e) {
      // The production server refuses h5 development codes with this code; its own message says why.
      const text = errorText(e, LOGIN_ERROR_TEXT)
      setError(isApiError(e) && e.code === 'AUTH.WECHAT_CODE_INVALID' ? `${text}（${e.message}）` : text)
      setBusy(false)
    }
  }

  return (
    <View className='page patient-login-page'>
      <View className='card patient-login-card'>
        <View className='patient-login-brand'>
          <View className='patient-login-mark'>
            <Text>诊</Text>
          </View>
          <Text className='patient-login-title'>诊所就诊服务</Text>
          <Text className='patient-login-subtitle'>管理就诊人、查看和导出您的个人信息</Text>
        </View>

        {error ? (
          <View className='form-error patient-login-error'>
            <Text>{error}</Text>
          </View>
        ) : null}

        <Button className={`primary-button wechat-login ${busy ? 'is-busy' : ''}`} loading={busy} onClick={login}>
          微信一键登录
        </Button>
        {WECHAT_LOGIN_NOTE ? <Text className='patient-login-note muted'>{WECHAT_LOGIN_NOTE}</Text> : null}
        <Text className='patient-login-privacy muted'>登录后将请您阅读《隐私政策》，同意前不会收集任何个人信息</Text>
      </View>
      <Text className='login-switch staff-entry' onClick={relaunchToLogin}>
        工作人员登录
      </Text>
    </View>
  )
}
