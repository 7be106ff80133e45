import { useRef, useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import Taro, { useLoad } from '@tarojs/taro'
import type { StocktakeReply } from '@clinic/contracts'
import { ChoiceChips } from '../../components/choice-chips'
import { InputField } from '../../components/field'
import FormError from '../../components/form-error'
import ListState, { type LoadState } from '../../components/list-state'
import Pager from '../../components/pager'
import { canManagePharmacy } from '../../services/access'
import { api, isApiError } from '../../services/api'
import { confirmAction } from '../../services/confirm'
import { requireStaff } from '../../services/guard'
import { errorText } from '../../utils/error-text'
import { formatFen } from '../../utils/money'
import { PHARMACY_ERROR_TEXT } from '../../utils/pharmacy'
import { stocktakeStatusLabel } from '../../utils/pharmacy-labels'
import { formatDateTime } from '../../utils/time'
import {
  bookOf,
  confirmText,
  filterLines,
  lineVariance,
  pendingCounts,
  signed,
  signedFen,
  varianceTotals,
  type CountDrafts,
  type LineFilter
} from './stocktake-logic'
import './index.scss'

const PAGE_SIZE = 20
/** Lines drawn at once; the filter narrows a large stocktake down. */
const SHOWN_MAX = 120

type List = LoadState<{ stocktakes: StocktakeReply[]; total: number; page: number }>

const FILTERS: { value: LineFilter; label: string }[] = [
  { value: 'all', label: '全部批次' },
  { value: 'uncounted', label: '未盘点' },
  { value: 'differing', label: '有差异' }
]

function varianceClass(value: number): string {
  return value > 0 ? 'ph-gain' : value < 0 ? 'ph-loss' : 'muted'
}

export default function StocktakePage() {
  const [list, setList] = useState<List>({ status: 'loading' })
  const [note, setNote] = useState('')
  const [current, setCurrent] = useState<StocktakeReply | null>(null)
  const [drafts, setDrafts] = useState<CountDrafts>({})
  const [search, setSearch] = useState('')
  const [filter, setFilter] = useState<LineFilter>('all')
  const [error, setError] = useState('')
  const [busy, setBusy] = useState('')
  const latest = useRef(0)

  async function loadList(page: number) {
    const ticket = ++latest.current
    setList({ status: 'loading' })
    try {
      const reply = await api.listStocktakes(page, PAGE_SIZE)
      if (ticket === latest.current) setList({ status: 'ready', stocktakes: reply.items, total: reply.total, page: reply.page })
    } catch (e) {
      if (ticket === latest.current) setList({ status: 'error', message: errorText(e, PHARMACY_ERROR_TEXT) })
    }
  }

  useLoad(() => {
    if (requireStaff(canManagePharmacy)) void loadList(1)
  })

  function show(stocktake: StocktakeReply) {
    setCurrent(stocktake)
    setDrafts({})
    setError('')
  }

  async function run(key: string, action: () => Promise<void>) {
    if (busy) return
    setBusy(key)
    setError('')
    try {
      await action()
    } catch (e) {
      setError(errorText(e, PHARMACY_ERROR_TEXT))
      // Someone else confirmed or cancelled it meanwhile: show it as it is now.
      if (isApiError(e) && e.code === 'STOCKTAKE.CLOSED' && current) setCurrent(await api.getStocktake(current.id).catch(() => current))
    } finally {
      setBusy('')
    }
  }

  function open(id: string) {
    void run(`open-${id}`, async () => show(await api.getStocktake(id)))
  }

  function start() {
    void run('start', async () => {
      try {
        show(await api.startStocktake(note.trim() || undefined))
        setNote('')
        void loadList(1)
      } catch (e) {
        // Only one stocktake may be open: carry on with that one.
        const existing = list.status === 'ready' ? list.stocktakes.find((item) => item.status === 'OPEN') : undefined
        if (isApiError(e) && e.code === 'STOCKTAKE.OPEN_EXISTS' && existing) {
          show(await api.getStocktake(existing.id))
          void Taro.showToast({ title: '已有进行中的盘点，已为您打开', icon: 'none' })
          return
        }
        throw e
      }
    })
  }

  function save(stocktake: StocktakeReply) {
    const pending = pendingCounts(stocktake.lines, drafts)
    if (Object.keys(pending.errors).length) {
      setError('请修改标出的数量')
      return
    }
    if (!pending.counts.length) {
      void Taro.showToast({ title: '没有需要保存的录入', icon: 'none' })
      return
    }
    void run('save', async () => {
      const saved = await api.saveStocktakeCounts(stocktake.id, pending.counts)
      setCurrent(saved)
      setDrafts({})
      void Taro.showToast({ title: `已保存 ${pending.counts.length} 条`, icon: 'success' })
    })
  }

  async function confirm(stocktake: StocktakeReply) {
    const pending = pendingCounts(stocktake.lines, drafts)
    if (pending.counts.length || Object.keys(pending.errors).length) {
      setError('还有未保存的录入，请先保存')
      return
    }
    if (!stocktake.counted) {
      setError('还没有录入任何实盘数量')
      return
    }
    if (!(await confirmAction('确认盘点', confirmText(varianceTotals(stocktake.lines)), '确认并调整库存'))) return
    void run('confirm', async () => {
      setCurrent(await api.confirmStocktake(stocktake.id))
      void Taro.showToast({ title: '盘点已确认，库存已调整', icon: 'none' })
      void loadList(1)
    })
  }

  async function cancel(stocktake: StocktakeReply) {
    if (!(await confirmAction('取消盘点', '取消后本次录入的数量全部作废，库存不作调整。确定取消吗？', '取消盘点'))) return
    void run('cancel', async () => {
      setCurrent(await api.cancelStocktake(stocktake.id))
      void loadList(1)
    })
  }

  function back() {
    setCurrent(null)
    setDrafts({})
    setError('')
    void loadList(list.status === 'ready' ? list.page : 1)
  }

  const openOne = list.status === 'ready' ? list.stocktakes.find((item) => item.status === 'OPEN') : undefined

  if (current) {
    const editable = current.status === 'OPEN'
    const totals = varianceTotals(current.lines)
    const pending = pendingCounts(current.lines, drafts)
    const matching = filterLines(current.lines, search, filter)
    const shown = matching.slice(0, SHOWN_MAX)
    return (
      <View className='page stocktake-page'>
        <View className='page-inner ph-inner'>
          <View className='page-header'>
            <View>
              <Text className='page-title'>盘点 {formatDateTime(current.createdAt)}</Text>
              <Text className='page-subtitle'>
                {stocktakeStatusLabel(current.status)} · {current.createdBy}
                {current.note ? ` · ${current.note}` : ''}
              </Text>
            </View>
            <View className='header-actions'>
              <Button className='secondary-button st-back' onClick={back}>
                返回列表
              </Button>
            </View>
          </View>

          <View className='card ph-card st-review'>
            <Text className='section-title'>差异汇总{editable ? '（已保存的录入）' : ''}</Text>
            <View className='ph-figures'>
              <View className='ph-figure'>
                <Text className='ph-figure-label'>已盘点</Text>
                <Text className='ph-figure-value st-counted'>
                  {totals.counted} / {totals.lines}
                </Text>
              </View>
              <View className='ph-figure'>
                <Text className='ph-figure-label'>盘盈</Text>
                <Text className={`ph-figure-value ${totals.gainQuantity ? 'ph-gain' : ''}`}>
                  {totals.gainQuantity} · {formatFen(totals.gainFen)}
                </Text>
              </View>
              <View className='ph-figure'>
                <Text className='ph-figure-label'>盘亏</Text>
                <Text className={`ph-figure-value ${totals.lossQuantity ? 'ph-loss' : ''}`}>
                  {totals.lossQuantity} · {formatFen(totals.lossFen)}
                </Text>
              </View>
              <View className='ph-figure'>
                <Text className='ph-figure-label'>净差异</Text>
                <Text className={`ph-figure-value st-net ${varianceClass(totals.netFen)}`}>
                  {signed(totals.netQuantity)} · {signedFen(totals.netFen)}
                </Text>
              </View>
            </View>
            {editable ? <Text className='field-hint'>实盘数量与录入时的账面数量比较（盘点期间照常发药）；未盘点的批次确认时不作调整。</Text> : null}
          </View>

          <View className='st-filters'>
            <Input
              className='field-input st-search'
              type='text'
              value={search}
              maxlength={50}
              placeholder='按药品名称、规格或批号筛选'
              onInput={(e) => setSearch(e.detail.value)}
            />
          </View>
          <ChoiceChips className='ph-filters st-filter' options={FILTERS} value={filter} onChange={setFilter} />

          <View className='card ph-card st-lines'>
            <Text className='list-count muted'>
              {matching.length} 个批次{matching.length > shown.length ? `，显示前 ${shown.length} 个，请用筛选缩小范围` : ''}
            </Text>
            {!shown.length ? <View className='empty-state'>没有符合条件的批次</View> : null}
            {shown.map((line) => {
              const variance = lineVariance(line, drafts[line.batchId])
              return (
                <View key={line.batchId} className={`st-line ${variance && variance.quantity !== 0 ? 'st-line--differs' : ''}`}>
                  <View className='st-line-main'>
                    <Text className='st-line-drug'>
                      {line.drugName} <Text className='muted'>{line.spec}</Text>
                    </Text>
                    <Text className='ph-row-detail'>
                      批号 {line.batchNo} · 效期至 {line.expiryDate} · 进价 {formatFen(line.unitCostFen)}
                    </Text>
                    <Text className='ph-row-detail'>
                      冻结账面 {line.frozenQuantity} {line.unit}
                      {line.bookQuantity !== null && line.bookQuantity !== line.frozenQuantity ? ` · 录入时账面 ${line.bookQuantity}` : ''}
                    </Text>
                  </View>
                  <View className='st-line-count'>
                    {editable ? (
                      <InputField
                        className={`st-actual st-actual-${line.batchId}`}
                        label={`实盘（${line.unit}）`}
                        error={pending.errors[line.batchId]}
                        type='number'
                        value={drafts[line.batchId] ?? (line.actualQuantity === null ? '' : String(line.actualQuantity))}
                        maxlength={7}
                        placeholder={String(bookOf(line))}
                        onValue={(value) => setDrafts({ ...drafts, [line.batchId]: value })}
                      />
                    ) : (
                      <Text className='st-actual-fixed'>实盘 {line.actualQuantity ?? '未盘'}</Text>
                    )}
                    {variance ? (
                      <Text className={`st-variance ${varianceClass(variance.quantity)}`}>
                        {signed(variance.quantity)} · {signedFen(variance.fen)}
                        {variance.preview ? '（未保存）' : ''}
                      </Text>
                    ) : null}
                  </View>
                </View>
              )
            })}
          </View>

          <FormError className='st-error' message={error} />

          {editable ? (
            <View className='st-actions'>
              <View className='form-actions'>
                <Button className={`secondary-button st-save ${busy === 'save' ? 'is-busy' : ''}`} onClick={() => save(current)}>
                  保存录入{pending.counts.length ? `（${pending.counts.length}）` : ''}
                </Button>
                <Button className={`danger-button st-confirm ${busy === 'confirm' ? 'is-busy' : ''}`} onClick={() => confirm(current)}>
                  确认盘点
                </Button>
              </View>
              <Text className='danger-link st-cancel' onClick={() => cancel(current)}>
                取消本次盘点
              </Text>
            </View>
          ) : null}
        </View>
      </View>
    )
  }

  return (
    <View className='page stocktake-page'>
      <View className='page-inner ph-inner'>
        <View className='page-header'>
          <View>
            <Text className='page-title'>盘点</Text>
            <Text className='page-subtitle'>冻结账面数量，逐批录入实盘数量，核对差异后确认调整库存</Text>
          </View>
        </View>

        <View className='split-layout'>
          <View className='card split-side st-new'>
            {openOne ? (
              <>
                <Text className='section-title'>进行中的盘点</Text>
                <Text className='field-hint'>
                  {formatDateTime(openOne.createdAt)} 开始，已盘点 {openOne.counted}/{openOne.lineCount} 个批次
                </Text>
                <Button className={`primary-button st-continue ${busy ? 'is-busy' : ''}`} onClick={() => open(openOne.id)}>
                  继续盘点
                </Button>
              </>
            ) : (
              <>
                <Text className='section-title'>开始新的盘点</Text>
                <InputField className='st-note' label='备注（选填）' type='text' value={note} maxlength={200} placeholder='例如：11 月月末盘点' onValue={setNote} />
                <Text className='field-hint st-new-hint'>开始后冻结每个批次的账面数量；盘点期间可照常发药。</Text>
                <Button className={`primary-button st-start ${busy === 'start' ? 'is-busy' : ''}`} loading={busy === 'start'} onClick={start}>
                  开始盘点
                </Button>
              </>
            )}
            <FormError className='st-error' message={error} />
          </View>

          <View className='split-main'>
            <View className='card st-list'>
              <ListState state={list} onRetry={() => loadList(1)} />
              {list.status === 'ready' ? (
                <>
                  <Text className='list-count muted'>共 {list.total} 次盘点</Text>
                  {list.stocktakes.length === 0 ? <View className='empty-state'>还没有盘点记录</View> : null}
                  {list.stocktakes.map((item) => (
                    <View key={item.id} className='ph-row st-row' hoverClass='ph-row--pressed' onClick={() => open(item.id)}>
                      <View className='ph-row-main'>
                        <View className='ph-row-heading'>
                          <Text className='ph-row-title'>{formatDateTime(item.createdAt)}</Text>
                          <Text className={item.status === 'OPEN' ? 'tag tag--warning' : item.status === 'CONFIRMED' ? 'tag' : 'tag tag--muted'}>
                            {stocktakeStatusLabel(item.status)}
                          </Text>
                        </View>
                        <Text className='ph-row-detail'>
                          {item.createdBy} · 已盘点 {item.counted}/{item.lineCount}
                          {item.note ? ` · ${item.note}` : ''}
                        </Text>
                      </View>
                      <View className='ph-row-aside'>
                        <Text className={varianceClass(item.varianceFen)}>{signedFen(item.varianceFen)}</Text>
                        <Text className='muted'>差异 {signed(item.varianceQuantity)}</Text>
                      </View>
                    </View>
                  ))}
                  <Pager page={list.page} pageSize={PAGE_SIZE} total={list.total} onChange={(page) => loadList(page)} />
                </>
              ) : null}
            </View>
          </View>
        </View>
      </View>
    </View>
  )
}
