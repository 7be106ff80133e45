import { useRef, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useLoad, useRouter } from '@tarojs/taro'
import type { DrugPriceReply, DrugReply, StockReply } from '@clinic/contracts'
import { ChoiceChips } from '../../components/choice-chips'
import ListState, { type Loaded, type LoadState } from '../../components/list-state'
import Pager from '../../components/pager'
import SearchBar from '../../components/search-bar'
import { canManagePharmacy } from '../../services/access'
import { api } from '../../services/api'
import { confirmAction } from '../../services/confirm'
import { requireStaff } from '../../services/guard'
import { ROUTES } from '../../services/navigation'
import { errorText, fieldErrors } from '../../utils/error-text'
import { formatFen } from '../../utils/money'
import { PHARMACY_ERROR_TEXT } from '../../utils/pharmacy'
import { batchStatusLabel } from '../../utils/pharmacy-labels'
import { today } from '../../utils/schedule'
import { formatDateTime } from '../../utils/time'
import { drugFacts, drugTags } from './drug-facts'
import DrugEditor from './drug-editor'
import { toCreateDrugInput, toDrugUpdate, type DrugFormValues } from './drug-form'
import './index.scss'

const PAGE_SIZE = 20

const FIELD_LABELS: Record<string, string> = {
  name: '药品名称',
  genericName: '通用名',
  spec: '规格',
  dosageForm: '剂型',
  unit: '单位',
  packSize: '每单位含量',
  priceFen: '零售价',
  category: '分类',
  reorderLevel: '预警库存',
  barcode: '条码',
  isPrescription: '处方类别',
  controlClass: '管制类别',
  allergyClass: '过敏分类'
}

type Scope = 'active' | 'all'
type List = LoadState<{ drugs: DrugReply[]; total: number; page: number }>
type Panel = { kind: 'closed' } | { kind: 'create' } | { kind: 'edit'; drug: DrugReply } | { kind: 'view'; drug: DrugReply }

export default function DrugAdminPage() {
  const router = useRouter()
  const [query, setQuery] = useState('')
  const [scope, setScope] = useState<Scope>('active')
  const [list, setList] = useState<List>({ status: 'loading' })
  const [panel, setPanel] = useState<Panel>({ kind: 'closed' })
  const [stock, setStock] = useState<Loaded<StockReply>>({ status: 'loading' })
  const [prices, setPrices] = useState<Loaded<DrugPriceReply[]>>({ status: 'loading' })
  const [submitting, setSubmitting] = useState(false)
  const [error, setError] = useState('')
  const [errorLines, setErrorLines] = useState<string[]>([])
  const latest = useRef(0)
  const editorKey = useRef(0)

  async function load(page: number, nextQuery = query, nextScope = scope) {
    const ticket = ++latest.current
    setList({ status: 'loading' })
    try {
      const reply = await api.listDrugs({ query: nextQuery.trim(), includeInactive: nextScope === 'all', page, pageSize: PAGE_SIZE })
      if (ticket === latest.current) setList({ status: 'ready', drugs: reply.items, total: reply.total, page: reply.page })
    } catch (e) {
      if (ticket === latest.current) setList({ status: 'error', message: errorText(e, PHARMACY_ERROR_TEXT) })
    }
  }

  async function loadDetail(drug: DrugReply) {
    setStock({ status: 'loading' })
    setPrices({ status: 'loading' })
    const [stockReply, priceReply] = await Promise.allSettled([api.drugStock(drug.id), api.drugPrices(drug.id)])
    setStock(stockReply.status === 'fulfilled' ? { status: 'ready', value: stockReply.value } : { status: 'error', message: errorText(stockReply.reason, PHARMACY_ERROR_TEXT) })
    setPrices(priceReply.status === 'fulfilled' ? { status: 'ready', value: priceReply.value } : { status: 'error', message: errorText(priceReply.reason, PHARMACY_ERROR_TEXT) })
  }

  function openPanel(next: Panel) {
    editorKey.current += 1
    setError('')
    setErrorLines([])
    setPanel(next)
    if (next.kind === 'view') void loadDetail(next.drug)
    // On a phone the panel sits above the list: bring it into view.
    if (next.kind !== 'closed') void Taro.pageScrollTo({ scrollTop: 0, duration: 200 }).catch(() => undefined)
  }

  useLoad(() => {
    if (!requireStaff(canManagePharmacy)) return
    void load(1)
    // From an alert: the drug's record and batches.
    const drugId = router.params.drugId
    if (drugId) {
      api.getDrug(drugId).then(
        (drug) => openPanel({ kind: 'view', drug }),
        (e: unknown) => setError(errorText(e, PHARMACY_ERROR_TEXT))
      )
    }
  })

  /** The saved drug replaces its row and stays open. */
  function show(drug: DrugReply) {
    if (list.status === 'ready') setList({ ...list, drugs: list.drugs.map((item) => (item.id === drug.id ? drug : item)) })
    openPanel({ kind: 'view', drug })
  }

  async function submit(values: DrugFormValues) {
    if (submitting || (panel.kind !== 'create' && panel.kind !== 'edit')) return
    const current = panel
    setSubmitting(true)
    setError('')
    setErrorLines([])
    try {
      if (current.kind === 'create') {
        const { id } = await api.createDrug(toCreateDrugInput(values))
        void Taro.showToast({ title: '已新增', icon: 'success' })
        await load(1)
        show(await api.getDrug(id))
      } else {
        const update = toDrugUpdate(current.drug, values)
        const saved = Object.keys(update).length ? await api.updateDrug(current.drug.id, update) : current.drug
        void Taro.showToast({ title: '已保存', icon: 'success' })
        show(saved)
      }
    } catch (e) {
      setError(errorText(e, PHARMACY_ERROR_TEXT))
      setErrorLines(fieldErrors(e, FIELD_LABELS))
    } finally {
      setSubmitting(false)
    }
  }

  async function toggleActive(drug: DrugReply) {
    const retiring = drug.active
    const confirmed = retiring
      ? await confirmAction('停用药品', `停用后“${drug.name}”不能再开方和入库，现有库存与记录保留。确定停用吗？`, '停用')
      : await confirmAction('启用药品', `确定重新启用“${drug.name}”吗？`, '启用', false)
    if (!confirmed) return
    try {
      show(await api.updateDrug(drug.id, { active: !retiring }))
      void Taro.showToast({ title: retiring ? '已停用' : '已启用', icon: 'none' })
    } catch (e) {
      void Taro.showModal({ title: '操作失败', content: errorText(e, PHARMACY_ERROR_TEXT), showCancel: false })
    }
  }

  const day = today()
  const chosenId = panel.kind === 'view' || panel.kind === 'edit' ? panel.drug.id : ''

  return (
    <View className='page drug-admin-page'>
      <View className='page-inner ph-inner'>
        <View className='page-header'>
          <View>
            <Text className='page-title'>药品管理</Text>
            <Text className='page-subtitle'>药品目录、价格记录与库存批次</Text>
          </View>
          <View className='header-actions'>
            <Button className='secondary-button drug-suppliers' onClick={() => Taro.navigateTo({ url: ROUTES.suppliers })}>
              供应商
            </Button>
            {panel.kind === 'create' ? null : (
              <Button className='primary-button drug-create' onClick={() => openPanel({ kind: 'create' })}>
                新增药品
              </Button>
            )}
          </View>
        </View>

        <View className='split-layout'>
          {panel.kind === 'create' || panel.kind === 'edit' ? (
            <View className='card split-side drug-editor-card'>
              <Text className='section-title'>{panel.kind === 'create' ? '新增药品' : `编辑：${panel.drug.name}`}</Text>
              <DrugEditor
                key={editorKey.current}
                original={panel.kind === 'edit' ? panel.drug : undefined}
                submitting={submitting}
                error={error}
                errorLines={errorLines}
                onSubmit={submit}
                onCancel={() => (panel.kind === 'edit' ? openPanel({ kind: 'view', drug: panel.drug }) : openPanel({ kind: 'closed' }))}
              />
            </View>
          ) : null}

          {panel.kind === 'view' ? (
            <View className='card split-side drug-detail'>
              <View className='drug-detail-header'>
                <View className='ph-row-main'>
                  <View className='ph-row-heading'>
                    <Text className='drug-detail-name'>{panel.drug.name}</Text>
                    {drugTags(panel.drug).map((tag) => (
                      <Text key={tag.text} className={tag.tone ? `tag tag--${tag.tone}` : 'tag'}>
                        {tag.text}
                      </Text>
                    ))}
                  </View>
                </View>
                <Text className='link-text drug-detail-close' onClick={() => openPanel({ kind: 'closed' })}>
                  关闭
                </Text>
              </View>

              <View className='facts drug-facts'>
                {drugFacts(panel.drug).map((fact) => (
                  <View key={fact.label} className='fact'>
                    <Text className='fact-label'>{fact.label}</Text>
                    <Text className='fact-value'>{fact.value}</Text>
                  </View>
                ))}
              </View>

              <View className='form-actions drug-detail-actions'>
                <Button className={`secondary-button drug-toggle ${panel.drug.active ? 'danger-link' : ''}`} onClick={() => toggleActive(panel.drug)}>
                  {panel.drug.active ? '停用' : '启用'}
                </Button>
                <Button className='primary-button drug-edit' onClick={() => openPanel({ kind: 'edit', drug: panel.drug })}>
                  编辑
                </Button>
              </View>

              <Text className='ph-section-title'>库存</Text>
              {stock.status === 'loading' ? <Text className='muted'>正在加载…</Text> : null}
              {stock.status === 'error' ? <Text className='list-error'>{stock.message}</Text> : null}
              {stock.status === 'ready' ? (
                <View className='drug-stock'>
                  <View className='ph-figures'>
                    {[
                      ['在库', stock.value.onHand],
                      ['已预留', stock.value.reserved],
                      ['过期未出库', stock.value.expired],
                      ['可用', stock.value.available]
                    ].map(([label, value]) => (
                      <View key={label} className='ph-figure'>
                        <Text className='ph-figure-label'>{label}</Text>
                        <Text className={`ph-figure-value ${label === '可用' && Number(value) < panel.drug.reorderLevel ? 'ph-loss' : ''}`}>
                          {value} {panel.drug.unit}
                        </Text>
                      </View>
                    ))}
                  </View>
                  {!stock.value.batches.length ? <Text className='muted'>没有库存批次</Text> : null}
                  {stock.value.batches.map((batch) => {
                    const expired = batch.status === 'EXPIRED' || batch.expiryDate < day
                    return (
                      <View key={batch.id} className={`ph-row drug-batch ${expired ? 'ph-row--muted' : ''}`}>
                        <View className='ph-row-main'>
                          <View className='ph-row-heading'>
                            <Text className='ph-row-title'>批号 {batch.batchNo}</Text>
                            <Text className={expired ? 'tag tag--danger' : 'tag tag--muted'}>{expired ? '已过期' : batchStatusLabel(batch.status)}</Text>
                          </View>
                          <Text className='ph-row-detail'>
                            效期至 {batch.expiryDate} · 进价 {formatFen(batch.unitCostFen)}
                          </Text>
                        </View>
                        <View className='ph-row-aside'>
                          <Text>
                            {batch.quantity} {panel.drug.unit}
                          </Text>
                          {batch.reserved ? <Text className='muted'>预留 {batch.reserved}</Text> : null}
                        </View>
                      </View>
                    )
                  })}
                </View>
              ) : null}

              <Text className='ph-section-title'>价格记录</Text>
              {prices.status === 'loading' ? <Text className='muted'>正在加载…</Text> : null}
              {prices.status === 'error' ? <Text className='list-error'>{prices.message}</Text> : null}
              {prices.status === 'ready' && !prices.value.length ? <Text className='muted'>没有价格记录</Text> : null}
              {prices.status === 'ready'
                ? prices.value.map((price, index) => (
                    <View key={`${price.effectiveFrom}-${index}`} className='ph-row drug-price'>
                      <View className='ph-row-main'>
                        <Text className='ph-num'>{formatDateTime(price.effectiveFrom)}</Text>
                        <Text className='ph-row-detail'>{price.changedBy}</Text>
                      </View>
                      <Text className='ph-row-aside'>{formatFen(price.priceFen)}</Text>
                    </View>
                  ))
                : null}
            </View>
          ) : null}

          <View className='split-main'>
            <ChoiceChips
              className='ph-filters drug-scope'
              options={[
                { value: 'active', label: '在用药品' },
                { value: 'all', label: '含已停用' }
              ]}
              value={scope}
              onChange={(next) => {
                setScope(next as Scope)
                void load(1, query, next as Scope)
              }}
            />
            <SearchBar
              className='drug-search'
              submitClassName='drug-search-submit'
              value={query}
              placeholder='名称、拼音首字母（如 amxl）或条码'
              onChange={setQuery}
              onSearch={() => load(1)}
            />
            {panel.kind === 'closed' && error ? <Text className='list-error'>{error}</Text> : null}
            <View className='card drug-list'>
              <ListState state={list} onRetry={() => load(1)} />
              {list.status === 'ready' ? (
                <>
                  <Text className='list-count muted'>共 {list.total} 种药品</Text>
                  {list.drugs.length === 0 ? <View className='empty-state'>没有找到药品</View> : null}
                  {list.drugs.map((drug) => (
                    <View
                      key={drug.id}
                      className={`ph-row drug-row ${drug.id === chosenId ? 'ph-row--chosen' : ''} ${drug.active ? '' : 'ph-row--muted'}`}
                      hoverClass='ph-row--pressed'
                      onClick={() => openPanel({ kind: 'view', drug })}
                    >
                      <View className='ph-row-main'>
                        <View className='ph-row-heading'>
                          <Text className='ph-row-title'>{drug.name}</Text>
                          {drugTags(drug).map((tag) => (
                            <Text key={tag.text} className={tag.tone ? `tag tag--${tag.tone}` : 'tag'}>
                              {tag.text}
                            </Text>
                          ))}
                        </View>
                        <Text className='ph-row-detail'>
                          {drug.spec} · {drug.unit}
                          {drug.category ? ` · ${drug.category}` : ''}
                        </Text>
                      </View>
                      <View className='ph-row-aside'>
                        <Text>
                          {formatFen(drug.priceFen)}/{drug.unit}
                        </Text>
                        <Text className={drug.available < drug.reorderLevel ? 'ph-loss' : 'muted'}>
                          可用 {drug.available}
                        </Text>
                      </View>
                    </View>
                  ))}
                  <Pager page={list.page} pageSize={PAGE_SIZE} total={list.total} onChange={(page) => load(page)} />
                </>
              ) : null}
            </View>
          </View>
        </View>
      </View>
    </View>
  )
}
