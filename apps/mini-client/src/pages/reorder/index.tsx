import { useRef, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useLoad, useRouter } from '@tarojs/taro'
import { InputField } from '../../components/field'
import ListState, { type LoadState } from '../../components/list-state'
import { canReadReorder } from '../../services/access'
import { statsApi } from '../../services/api-stats'
import { requireStaff } from '../../services/guard'
import { saveStockInDraft, stockInDraftUrl } from '../../services/stock-in-draft'
import { errorText } from '../../utils/error-text'
import { formatFen } from '../../utils/money'
import { PHARMACY_ERROR_TEXT } from '../../utils/pharmacy'
import { clinicToday } from '../../utils/time'
import { buildDraft, COVER_DAYS_LIMITS, coverLeft, DEFAULT_COVER_DAYS, parseCoverDays, reorderPeriod, sortReorder, type ReorderRow } from './reorder-logic'
import './index.scss'

type List = LoadState<{ rows: ReorderRow[]; coverDays: number }>

/**
 * 补货建议: what to buy to cover some days of recent use, for the admin and the pharmacist (the dashboard is the
 * admin's alone, so the list has its own page). Chosen rows become a stock-in draft on the 入库 page.
 */
export default function ReorderPage() {
  const router = useRouter()
  const [coverText, setCoverText] = useState(String(DEFAULT_COVER_DAYS))
  const [coverError, setCoverError] = useState('')
  const [list, setList] = useState<List>({ status: 'loading' })
  const [chosen, setChosen] = useState<Set<string>>(new Set())
  const latest = useRef(0)

  async function load(text = coverText) {
    const coverDays = parseCoverDays(text)
    setCoverError(coverDays === null ? `请输入 ${COVER_DAYS_LIMITS.min}–${COVER_DAYS_LIMITS.max} 的整数天数` : '')
    if (coverDays === null) return
    const ticket = ++latest.current
    setList({ status: 'loading' })
    try {
      const reply = await statsApi.pharmacy({ ...reorderPeriod(clinicToday()), coverDays })
      if (ticket !== latest.current) return
      const rows = sortReorder(reply.reorder)
      setList({ status: 'ready', rows, coverDays: reply.coverDays })
      // Everything suggested starts chosen: the usual order is all of it, less what is not wanted.
      setChosen(new Set(rows.filter((row) => row.suggestQuantity > 0).map((row) => row.drugId)))
    } catch (e) {
      if (ticket === latest.current) setList({ status: 'error', message: errorText(e, PHARMACY_ERROR_TEXT) })
    }
  }

  useLoad(() => {
    if (!requireStaff(canReadReorder)) return
    const asked = router.params.coverDays
    const text = asked && parseCoverDays(asked) !== null ? asked : String(DEFAULT_COVER_DAYS)
    setCoverText(text)
    void load(text)
  })

  function toggle(drugId: string) {
    setChosen((current) => {
      const next = new Set(current)
      if (next.has(drugId)) next.delete(drugId)
      else next.add(drugId)
      return next
    })
  }

  const rows = list.status === 'ready' ? list.rows : []
  const allChosen = rows.length > 0 && rows.every((row) => chosen.has(row.drugId))

  function toggleAll() {
    setChosen(allChosen ? new Set() : new Set(rows.map((row) => row.drugId)))
  }

  function makeDraft() {
    const draft = buildDraft(rows, chosen)
    if (!draft.items.length) {
      void Taro.showToast({ title: '请先选择要补货的药品', icon: 'none' })
      return
    }
    saveStockInDraft(draft)
    void Taro.navigateTo({ url: stockInDraftUrl() })
  }

  return (
    <View className='page reorder-page'>
      <View className='page-inner ph-inner'>
        <View className='page-header'>
          <View>
            <Text className='page-title'>补货建议</Text>
            <Text className='page-subtitle'>按近 30 天的日均用量，估算覆盖所选天数还需采购的数量（已扣除可用库存）</Text>
          </View>
        </View>

        <View className='card ph-card reorder-controls'>
          <InputField
            className='reorder-cover-days'
            label='覆盖天数'
            error={coverError}
            type='number'
            value={coverText}
            maxlength={3}
            onValue={setCoverText}
            hint={<Text className='field-hint'>采购量 = 日均用量 × 覆盖天数 − 可用库存</Text>}
          />
          <View className='button-row'>
            <Button className='primary-button reorder-query' onClick={() => load()}>
              重新计算
            </Button>
          </View>
        </View>

        <View className='card ph-card reorder-list'>
          <ListState state={list} onRetry={() => load()} />
          {list.status === 'ready' && !rows.length ? <View className='empty-state'>库存充足，暂无需要补货的药品</View> : null}
          {rows.length ? (
            <>
              <View className='reorder-head'>
                <Text className='link-text reorder-all' onClick={toggleAll}>
                  {allChosen ? '全不选' : '全选'}
                </Text>
                <Text className='muted'>
                  已选 {rows.filter((row) => chosen.has(row.drugId)).length} / {rows.length} 种 · 覆盖 {list.status === 'ready' ? list.coverDays : ''} 天
                </Text>
              </View>
              {rows.map((row) => {
                const on = chosen.has(row.drugId)
                const left = coverLeft(row)
                return (
                  <View key={row.drugId} className={`ph-row reorder-row ${on ? 'ph-row--chosen reorder-row--chosen' : ''}`} onClick={() => toggle(row.drugId)}>
                    <View className={`reorder-check ${on ? 'reorder-check--on' : ''}`}>
                      <Text>{on ? '✓' : ''}</Text>
                    </View>
                    <View className='ph-row-main'>
                      <Text className='ph-row-title'>{row.name}</Text>
                      <Text className='ph-row-detail'>
                        {row.spec} · 可用 {row.available} {row.unit} · 日均 {row.dailyUse} {row.unit}
                        {left === null ? '' : ` · 约 ${Math.floor(left)} 天用完`}
                      </Text>
                      <Text className='ph-row-detail'>{row.lastUnitCostFen === null ? '无进货记录' : `上次进价 ${formatFen(row.lastUnitCostFen)}/${row.unit}`}</Text>
                    </View>
                    <View className='ph-row-aside'>
                      <Text className='reorder-quantity'>
                        建议 {Math.ceil(row.suggestQuantity)} {row.unit}
                      </Text>
                    </View>
                  </View>
                )
              })}
              <Button className='primary-button reorder-draft' onClick={makeDraft}>
                生成入库单草稿
              </Button>
              <Text className='field-hint'>草稿在“入库”页打开，到货后补填批号、效期并核对数量与进价再确认入库。</Text>
            </>
          ) : null}
        </View>
      </View>
    </View>
  )
}
