import { useRef, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow, useLoad } from '@tarojs/taro'
import type { PatientReply } from '@clinic/contracts'
import ListState, { type LoadState } from '../../components/list-state'
import Pager from '../../components/pager'
import SearchBar from '../../components/search-bar'
import { canEditPatients, canReadPatients } from '../../services/access'
import { api } from '../../services/api'
import { requireStaff } from '../../services/guard'
import { patientDetailUrl, ROUTES } from '../../services/navigation'
import { errorText } from '../../utils/error-text'
import { genderLabel } from '../../utils/labels'
import { maskPhone } from '../../utils/phone'
import { ageOn } from '../../utils/time'
import './index.scss'

const PAGE_SIZE = 20

type List = LoadState<{ patients: PatientReply[]; total: number; page: number; query: string }>

export default function PatientsPage() {
  const [query, setQuery] = useState('')
  const [list, setList] = useState<List>({ status: 'loading' })
  const [canRegister, setCanRegister] = useState(false)
  // An answer to an older search may arrive after a newer one; only the latest may be shown.
  const latest = useRef(0)
  // The search on screen, to repeat when the page shows again (a ref: Taro may keep the first callback).
  const shown = useRef<{ query: string; page: number } | null>(null)

  /** quiet: keep the current rows on screen until the answer arrives (a refresh, not a new search). */
  async function load(nextQuery: string, page: number, quiet = false) {
    const ticket = ++latest.current
    if (!quiet) setList({ status: 'loading' })
    try {
      const reply = await api.listPatients({ query: nextQuery.trim(), page, pageSize: PAGE_SIZE })
      if (ticket === latest.current) {
        shown.current = { query: nextQuery.trim(), page: reply.page }
        setList({ status: 'ready', patients: reply.items, total: reply.total, page: reply.page, query: nextQuery.trim() })
      }
    } catch (e) {
      if (ticket === latest.current && !quiet) setList({ status: 'error', message: errorText(e) })
    }
  }

  useLoad(() => {
    const session = requireStaff(canReadPatients)
    if (!session) return
    setCanRegister(canEditPatients(session.user.roles))
    void load('', 1)
  })

  // Coming back from registering or editing: show the list as it is now.
  useDidShow(() => {
    if (shown.current) void load(shown.current.query, shown.current.page, true)
  })

  function search() {
    void load(query, 1)
  }

  return (
    <View className='page patients-page'>
      <View className='page-inner patients-inner'>
        <View className='page-header'>
          <View>
            <Text className='page-title'>患者</Text>
            <Text className='page-subtitle'>按姓名、手机号或病历号查找患者档案</Text>
          </View>
          {canRegister ? (
            <View className='header-actions'>
              <Button className='primary-button patients-register' onClick={() => Taro.navigateTo({ url: ROUTES.patientRegister })}>
                登记新患者
              </Button>
            </View>
          ) : null}
        </View>

        <SearchBar
          className='patients-search'
          submitClassName='patients-search-submit'
          value={query}
          placeholder='姓名 / 手机号 / 病历号'
          onChange={setQuery}
          onSearch={search}
        />

        <View className='card patients-list'>
          <ListState state={list} onRetry={search} />
          {list.status === 'ready' ? (
            <>
              <Text className='list-count muted'>
                {list.query ? `“${list.query}” 共 ${list.total} 位患者` : `共 ${list.total} 位患者`}
              </Text>
              {list.patients.length === 0 ? (
                <View className='empty-state'>{list.query ? '没有找到匹配的患者，请换个关键词' : '还没有患者档案'}</View>
              ) : null}
              {list.patients.map((patient) => {
                const age = ageOn(patient.birthDate)
                return (
                  <View
                    key={patient.id}
                    className='patient-row'
                    hoverClass='patient-row--pressed'
                    onClick={() => Taro.navigateTo({ url: patientDetailUrl(patient.id) })}
                  >
                    <View className='patient-row-main'>
                      <View className='patient-row-heading'>
                        <Text className='patient-row-name'>{patient.name}</Text>
                        <Text className='tag tag--muted'>
                          {genderLabel(patient.gender)}
                          {age !== null ? ` · ${age} 岁` : ''}
                        </Text>
                        {patient.allergies.drugClasses.length || patient.allergies.note ? (
                          <Text className='tag tag--danger'>有过敏史</Text>
                        ) : null}
                      </View>
                      <Text className='patient-row-detail muted'>病历号 {patient.medicalRecordNo}</Text>
                    </View>
                    <Text className='patient-row-phone'>{maskPhone(patient.phone)}</Text>
                    <Text className='patient-row-chevron muted'>›</Text>
                  </View>
                )
              })}
              <Pager page={list.page} pageSize={PAGE_SIZE} total={list.total} onChange={(page) => load(list.query, page)} />
            </>
          ) : null}
        </View>
      </View>
    </View>
  )
}
