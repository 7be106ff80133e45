import { useRef, useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import { useLoad, useRouter } from '@tarojs/taro'
import ListState, { type LoadState } from '../../components/list-state'
import { api } from '../../services/api'
import { requireStaff } from '../../services/guard'
import { errorText } from '../../utils/error-text'
import { drugRow, feeItemRow, patientRow, type CatalogRow } from './rows'
import './index.scss'

type Tab = 'patients' | 'drugs' | 'fee-items'

const TABS: { key: Tab; title: string; searchable: boolean }[] = [
  { key: 'patients', title: '患者', searchable: true },
  { key: 'drugs', title: '药品', searchable: true },
  { key: 'fee-items', title: '收费项目', searchable: false }
]

const PAGE_SIZE = 20

interface Loaded {
  rows: CatalogRow[]
  total: number
  page: number
}

type List = LoadState<Loaded>

function parseTab(value: string | undefined): Tab {
  return TABS.some((tab) => tab.key === value) ? (value as Tab) : 'patients'
}

async function fetchPage(tab: Tab, query: string, page: number): Promise<Loaded> {
  if (tab === 'patients') {
    const reply = await api.listPatients({ query, page, pageSize: PAGE_SIZE })
    return { rows: reply.items.map(patientRow), total: reply.total, page: reply.page }
  }
  if (tab === 'drugs') {
    const reply = await api.listDrugs({ query, page, pageSize: PAGE_SIZE })
    return { rows: reply.items.map(drugRow), total: reply.total, page: reply.page }
  }
  const items = await api.listFeeItems()
  return { rows: items.map(feeItemRow), total: items.length, page: 1 }
}

export default function CatalogPage() {
  const router = useRouter()
  const [tab, setTab] = useState<Tab>(() => parseTab(router.params.tab))
  const [query, setQuery] = useState('')
  const [list, setList] = useState<List>({ status: 'loading' })
  const [loadingMore, setLoadingMore] = useState(false)
  // Answers to an earlier tab or search may arrive after a newer one; only the latest may be shown.
  const latest = useRef(0)

  async function load(nextTab: Tab, nextQuery: string) {
    const ticket = ++latest.current
    setList({ status: 'loading' })
    try {
      const loaded = await fetchPage(nextTab, nextQuery.trim(), 1)
      if (ticket === latest.current) setList({ status: 'ready', ...loaded })
    } catch (e) {
      if (ticket === latest.current) setList({ status: 'error', message: errorText(e) })
    }
  }

  async function loadMore() {
    if (list.status !== 'ready' || loadingMore) return
    const ticket = latest.current
    setLoadingMore(true)
    try {
      const next = await fetchPage(tab, query.trim(), list.page + 1)
      if (ticket === latest.current) {
        setList({ status: 'ready', rows: [...list.rows, ...next.rows], total: next.total, page: next.page })
      }
    } catch (e) {
      if (ticket === latest.current) setList({ status: 'error', message: errorText(e) })
    } finally {
      setLoadingMore(false)
    }
  }

  useLoad(() => {
    if (!requireStaff()) return
    void load(tab, query)
  })

  function switchTab(next: Tab) {
    if (next === tab) return
    setTab(next)
    setQuery('')
    void load(next, '')
  }

  const current = TABS.find((item) => item.key === tab) ?? TABS[0]

  return (
    <View className='page catalog-page'>
      <View className='page-inner catalog-inner'>
        <View className='segmented'>
          {TABS.map((item) => (
            <View
              key={item.key}
              className={`segmented-item ${item.key === tab ? 'segmented-item--active' : ''}`}
              onClick={() => switchTab(item.key)}
            >
              <Text>{item.title}</Text>
            </View>
          ))}
        </View>

        {current.searchable ? (
          <View className='catalog-search'>
            <Input
              className='field-input catalog-search-input'
              value={query}
              maxlength={50}
              confirmType='search'
              placeholder={tab === 'patients' ? '姓名、病历号或手机号' : '药品名称'}
              onInput={(e) => setQuery(e.detail.value)}
              onConfirm={() => load(tab, query)}
            />
            <Button className='secondary-button catalog-search-button' onClick={() => load(tab, query)}>
              搜索
            </Button>
          </View>
        ) : null}

        <View className='card catalog-list'>
          <ListState state={list} onRetry={() => load(tab, query)} />
          {list.status === 'ready' ? (
            <>
              <Text className='catalog-count muted'>共 {list.total} 条</Text>
              {list.rows.length === 0 ? <View className='empty-state'>没有找到记录</View> : null}
              {list.rows.map((row) => (
                <View key={row.id} className='catalog-row'>
                  <View className='catalog-row-main'>
                    <View className='catalog-row-heading'>
                      <Text className='catalog-row-title'>{row.title}</Text>
                      {row.tag ? <Text className='catalog-row-tag'>{row.tag}</Text> : null}
                    </View>
                    <Text className='catalog-row-detail muted'>{row.detail}</Text>
                  </View>
                  <Text className='catalog-row-aside'>{row.aside}</Text>
                </View>
              ))}
              {list.rows.length < list.total ? (
                <Button className='secondary-button catalog-more' loading={loadingMore} onClick={loadMore}>
                  加载更多
                </Button>
              ) : null}
            </>
          ) : null}
        </View>
      </View>
    </View>
  )
}
