import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useLoad } from '@tarojs/taro'
import type { AccountReply } from '@clinic/contracts'
import { api } from '../../services/api'
import { requireAccount } from '../../services/guard'
import { relaunch, relaunchToPatientLogin, ROUTES } from '../../services/navigation'
import { hasCurrentConsent, PRIVACY_POLICY_VERSION } from '../../services/privacy'
import { errorText } from '../../utils/error-text'
import { formatDateTime } from '../../utils/time'
import { POLICY_SECTIONS, POLICY_TITLE, POLICY_VERSION_TEXT } from './policy'
import './index.scss'

export default function PrivacyPage() {
  const [account, setAccount] = useState<AccountReply | null>(null)
  const [agreed, setAgreed] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')

  useLoad(() => {
    const session = requireAccount()
    if (session) setAccount(session.account)
  })

  async function agree() {
    if (busy) return
    if (!agreed) {
      void Taro.showToast({ title: '请先勾选“我已阅读并同意”', icon: 'none' })
      return
    }
    setBusy(true)
    setError('')
    try {
      await api.consentToPrivacy(PRIVACY_POLICY_VERSION)
      relaunch(ROUTES.family)
    } catch (e) {
      setError(errorText(e))
      setBusy(false)
    }
  }

  async function decline() {
    if (busy) return
    setBusy(true)
    // Without consent the account can do nothing; sign out so the login page does not send the user back here.
    await api.logout()
    relaunchToPatientLogin()
  }

  if (!account) return <View className='page' />
  const consented = hasCurrentConsent(account)

  return (
    <View className='page privacy-page'>
      <View className='card privacy-card'>
        <Text className='privacy-title'>{POLICY_TITLE}</Text>
        <Text className='privacy-version muted'>{POLICY_VERSION_TEXT}</Text>
        <Text className='privacy-lead'>
          在您添加就诊人之前，请阅读以下内容。我们只在您同意后收集信息，且只收集诊疗所需的信息。
        </Text>
        {POLICY_SECTIONS.map((section, index) => (
          <View key={section.title} className='privacy-section'>
            <Text className='privacy-section-title'>
              {index + 1}. {section.title}
            </Text>
            {section.paragraphs.map((paragraph) => (
              <Text key={paragraph} className='privacy-paragraph'>
                {paragraph}
              </Text>
            ))}
          </View>
        ))}

        {consented ? (
          <View className='privacy-actions'>
            <Text className='privacy-consented'>
              您已于 {account.privacyConsentedAt ? formatDateTime(account.privacyConsentedAt) : ''} 同意本政策
            </Text>
            <Button className='secondary-button' onClick={() => Taro.navigateBack().catch(() => relaunch(ROUTES.family))}>
              返回
            </Button>
          </View>
        ) : (
          <View className='privacy-actions'>
            <View className={`checkbox privacy-agree ${agreed ? 'checkbox--checked' : ''}`} onClick={() => setAgreed(!agreed)}>
              <View className='checkbox-box'>
                <Text>{agreed ? '✓' : ''}</Text>
              </View>
              <Text>我已阅读并同意《隐私政策》</Text>
            </View>
            {error ? (
              <View className='form-error'>
                <Text>{error}</Text>
              </View>
            ) : null}
            <View className='form-actions'>
              <Button className='secondary-button privacy-decline' onClick={decline}>
                不同意
              </Button>
              <Button
                className={`primary-button privacy-accept ${agreed ? '' : 'is-disabled'} ${busy ? 'is-busy' : ''}`}
                loading={busy}
                onClick={agree}
              >
                同意
              </Button>
            </View>
          </View>
        )}
      </View>
    </View>
  )
}
