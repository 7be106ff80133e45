import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useLoad } from '@tarojs/taro'
import type { StaffUserReply } from '@clinic/contracts'
import { api, isApiError } from '../../services/api'
import { requireStaff } from '../../services/guard'
import { relaunchToLogin } from '../../services/navigation'
import { roleLabel } from '../../utils/labels'
import { workAreasFor, type WorkArea } from './work-areas'
import './index.scss'

type SystemStatus = 'checking' | 'up' | 'degraded' | 'unknown'

const STATUS_TEXT: Record<SystemStatus, string> = {
  checking: '正在检查系统状态…',
  up: '系统正常',
  degraded: '部分服务不可用',
  unknown: '无法获取系统状态'
}

export default function HomePage() {
  const [user, setUser] = useState<StaffUserReply | null>(null)
  const [status, setStatus] = useState<SystemStatus>('checking')
  const [leaving, setLeaving] = useState(false)

  useLoad(() => {
    const session = requireStaff()
    if (!session) return
    setUser(session.user)
    // Roles may have changed since login; the api client sends the user to login if the session died.
    api.me().then((reply) => {
      if (reply.kind === 'staff') setUser(reply.user)
    }, () => undefined)
    api.health().then(
      (reply) => setStatus(reply.status === 'up' ? 'up' : 'degraded'),
      // The gateway answers 503 with the failing services when one is down.
      (error: unknown) => setStatus(isApiError(error) && error.status === 503 ? 'degraded' : 'unknown')
    )
  })

  async function logout() {
    if (leaving) return
    setLeaving(true)
    await api.logout()
    relaunchToLogin()
  }

  function open(area: WorkArea) {
    if (area.url) {
      void Taro.navigateTo({ url: area.url })
    } else {
      void Taro.showToast({ title: '即将上线', icon: 'none' })
    }
  }

  if (!user) return <View className='page' />

  const areas = workAreasFor(user.roles)

  return (
    <View className='page home-page'>
      <View className='page-inner'>
        <View className='card home-header'>
          <View className='home-header-text'>
            <Text className='home-greeting'>您好，{user.name}</Text>
            <View className='home-roles'>
              {user.roles.map((role) => (
                <Text key={role} className='role-tag'>
                  {roleLabel(role)}
                </Text>
              ))}
            </View>
          </View>
          <Button className='secondary-button home-logout' onClick={logout}>
            退出登录
          </Button>
        </View>

        <View className={`home-status home-status--${status}`}>
          <View className='home-status-dot' />
          <Text>{STATUS_TEXT[status]}</Text>
        </View>

        <Text className='section-title'>工作区</Text>
        {areas.length ? (
          <View className='tile-grid'>
            {areas.map((area) => (
              <View
                key={area.key}
                className={`tile tile-${area.key} ${area.url ? '' : 'tile--pending'}`}
                hoverClass='tile--pressed'
                onClick={() => open(area)}
              >
                <View className='tile-glyph'>
                  <Text>{area.glyph}</Text>
                </View>
                <Text className='tile-title'>{area.title}</Text>
                <Text className='tile-description'>{area.description}</Text>
                {area.url ? null : <Text className='tile-badge'>即将上线</Text>}
              </View>
            ))}
          </View>
        ) : (
          <View className='card empty-state'>
            <Text>当前账号没有可用的工作区，请联系管理员分配角色</Text>
          </View>
        )}
      </View>
    </View>
  )
}
