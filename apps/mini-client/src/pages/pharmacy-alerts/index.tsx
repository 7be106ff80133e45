import { useRef, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow, useLoad } from '@tarojs/taro'
import type { PharmacyAlert, PharmacyAlertType } from '@clinic/contracts'
import { ChoiceChips } from '../../components/choice-chips'
import ListState, { type LoadState } from '../../components/list-state'
import { canManagePharmacy } from '../../services/access'
import { api } from '../../services/api'
import { requireStaff } from '../../services/guard'
import { drugStockUrl } from '../../services/navigation'
import { errorText } from '../../utils/error-text'
import { PHARMACY_ERROR_TEXT } from '../../utils/pharmacy'
import { alertDetail, groupAlerts } from './alert-groups'
import './index.scss'

type State = LoadState<{ alerts: PharmacyAlert[] }>

const TONES: Record<PharmacyAlertType, string> = { EXPIRED: 'danger', NEAR_EXPIRY: 'warning', LOW_STOCK: 'warning' }

export default function PharmacyAlertsPage() {
  const [state, setState] = useState<State>({ status: 'loading' })
  const [filter, setFilter] = useState<PharmacyAlertType | ''>('')
  const allowed = useRef(false)

  async function load() {
    setState((current) => (current.status === 'ready' ? current : { status: 'loading' }))
    try {
      setState({ status: 'ready', alerts: await api.pharmacyAlerts() })
    } catch (e) {
      setState({ status: 'error', message: errorText(e, PHARMACY_ERROR_TEXT) })
    }
  }

  useLoad(() => {
    allowed.current = requireStaff(canManagePharmacy) !== null
  })

  // Shown first after useLoad, then again on coming back from a drug's stock: the alerts as they are now.
  useDidShow(() => {
    if (allowed.current) void load()
  })

  const groups = state.status === 'ready' ? groupAlerts(state.alerts) : []
  const shown = filter ? groups.filter((group) => group.type === filter) : groups

  return (
    <View className='page pharmacy-alerts-page'>
      <View className='page-inner ph-inner alerts-inner'>
        <View className='page-header'>
          <View>
            <Text className='page-title'>库存预警</Text>
            <Text className='page-subtitle'>过期、近效期与低于预警库存的药品，点击查看批次</Text>
          </View>
          <View className='header-actions'>
            <Button className='secondary-button alerts-refresh' onClick={load}>
              刷新
            </Button>
          </View>
        </View>

        {state.status === 'ready' ? (
          <ChoiceChips
            className='ph-filters alerts-filter'
            options={[
              { value: '', label: `全部 ${state.alerts.length}` },
              ...groups.map((group) => ({ value: group.type, label: `${group.label} ${group.alerts.length}`, className: `alerts-filter-${group.type.toLowerCase()}` }))
            ]}
            value={filter}
            onChange={setFilter}
          />
        ) : null}

        <ListState state={state} onRetry={load} className='card' />
        {state.status === 'ready' && !groups.length ? <View className='card empty-state alerts-none'>库存正常，没有预警</View> : null}

        {shown.map((group) => (
          <View key={group.type} className={`card ph-card alerts-group alerts-group-${group.type.toLowerCase()}`}>
            <View className='alerts-group-header'>
              <Text className='section-title'>{group.label}</Text>
              <Text className={`tag tag--${TONES[group.type]}`}>{group.alerts.length} 项</Text>
            </View>
            {group.alerts.map((alert, index) => (
              <View
                key={`${alert.drugId}-${alert.batchId ?? index}`}
                className='ph-row alerts-row'
                hoverClass='ph-row--pressed'
                onClick={() => Taro.navigateTo({ url: drugStockUrl(alert.drugId) })}
              >
                <View className='ph-row-main'>
                  <View className='ph-row-heading'>
                    <Text className='ph-row-title'>{alert.drugName}</Text>
                    <Text className='muted alerts-spec'>{alert.spec}</Text>
                  </View>
                  <Text className='ph-row-detail'>{alertDetail(alert)}</Text>
                </View>
                <Text className='muted alerts-chevron'>›</Text>
              </View>
            ))}
          </View>
        ))}
      </View>
    </View>
  )
}
