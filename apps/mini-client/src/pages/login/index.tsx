import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import { useLoad } from '@tarojs/taro'
import { InputField } from '../../components/field'
import { api } from '../../services/api'
import { relaunchToHome, relaunchToPatientLogin } from '../../services/navigation'
import { staffSession } from '../../services/session'
import { errorText, type ErrorTextOverrides } from '../../utils/error-text'
import './index.scss'

const LOGIN_ERROR_TEXT: ErrorTextOverrides = {
  'AUTH.INVALID_CREDENTIALS': '用户名或密码错误',
  'VALIDATION.FAILED': '请填写用户名和密码',
  'UPSTREAM.UNAVAILABLE': '服务暂不可用，请稍后重试'
}

export default function LoginPage() {
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [error, setError] = useState('')
  const [submitting, setSubmitting] = useState(false)

  useLoad(() => {
    // Staff already signed in who reopen the app go straight to work.
    if (staffSession()) relaunchToHome()
  })

  async function submit() {
    if (submitting) return
    const name = username.trim()
    if (!name || !password) {
      setError(LOGIN_ERROR_TEXT['VALIDATION.FAILED'] as string)
      return
    }
    setSubmitting(true)
    setError('')
    try {
      await api.login(name, password)
      relaunchToHome()
    } catch (e) {
      setError(errorText(e, LOGIN_ERROR_TEXT))
      setSubmitting(false)
    }
  }

  return (
    <View className='page login-page'>
      <View className='card login-card'>
        <View className='login-brand'>
          <View className='login-mark'>
            <Text>诊</Text>
          </View>
          <Text className='login-title'>诊所信息系统</Text>
          <Text className='login-subtitle'>工作人员登录</Text>
        </View>

        <InputField
          className='login-username'
          label='用户名'
          type='text'
          value={username}
          maxlength={64}
          placeholder='请输入用户名'
          onValue={setUsername}
        />

        <InputField
          className='login-password'
          label='密码'
          password
          value={password}
          maxlength={128}
          placeholder='请输入密码'
          onValue={setPassword}
          onConfirm={submit}
        />

        {error ? (
          <View className='form-error login-error'>
            <Text>{error}</Text>
          </View>
        ) : null}

        <Button className={`primary-button login-submit ${submitting ? 'is-busy' : ''}`} loading={submitting} onClick={submit}>
          登录
        </Button>
      </View>
      <Text className='login-footnote muted'>仅限本诊所工作人员使用</Text>
      <Text className='login-switch patient-entry' onClick={relaunchToPatientLogin}>
        患者请点此登录
      </Text>
    </View>
  )
}
