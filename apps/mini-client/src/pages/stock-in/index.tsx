import { useRef, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useLoad, useRouter } from '@tarojs/taro'
import type { DrugReply, StockInReply, SupplierReply } from '@clinic/contracts'
import { ChoiceChips } from '../../components/choice-chips'
import DateField from '../../components/date-field'
import { Field, InputField } from '../../components/field'
import FormError from '../../components/form-error'
import ListState, { type LoadState } from '../../components/list-state'
import Pager from '../../components/pager'
import SearchBar from '../../components/search-bar'
import { canManagePharmacy } from '../../services/access'
import { api } from '../../services/api'
import { requireStaff } from '../../services/guard'
import { ROUTES } from '../../services/navigation'
import { CAN_SCAN_BARCODE, scanBarcode } from '../../services/platform/scan'
import { takeStockInDraft } from '../../services/stock-in-draft'
import { errorText } from '../../utils/error-text'
import { formatFen } from '../../utils/money'
import { drugTitle, PHARMACY_ERROR_TEXT } from '../../utils/pharmacy'
import { today } from '../../utils/schedule'
import { formatDateTime } from '../../utils/time'
import {
  hasErrors,
  LIMITS,
  lineTotalFen,
  linesFromDraft,
  newLine,
  receiptTotal,
  serverErrors,
  toStockInInput,
  validateStockIn,
  type LineField,
  type StockInErrors,
  type StockInLine
} from './stock-in-form'
import './index.scss'

const RECENT_PAGE_SIZE = 10
const NO_ERRORS: StockInErrors = { lines: {}, form: [] }

type Found = LoadState<{ drugs: DrugReply[]; query: string }>
type Recent = LoadState<{ receipts: StockInReply[]; total: number; page: number }>

export default function StockInPage() {
  const router = useRouter()
  const [suppliers, setSuppliers] = useState<SupplierReply[]>([])
  const [supplierQuery, setSupplierQuery] = useState('')
  const [supplierId, setSupplierId] = useState('')
  const [invoiceNo, setInvoiceNo] = useState('')
  const [drugQuery, setDrugQuery] = useState('')
  const [found, setFound] = useState<Found | null>(null)
  const [lines, setLines] = useState<StockInLine[]>([])
  const [errors, setErrors] = useState<StockInErrors>(NO_ERRORS)
  const [submitError, setSubmitError] = useState('')
  const [submitting, setSubmitting] = useState(false)
  const [recent, setRecent] = useState<Recent>({ status: 'loading' })
  const [openReceipt, setOpenReceipt] = useState('')
  const [draftNote, setDraftNote] = useState('')
  const nextKey = useRef(1)
  const searchTicket = useRef(0)

  async function loadSuppliers(query: string) {
    try {
      setSuppliers((await api.listSuppliers({ query: query.trim(), page: 1, pageSize: 50 })).items)
    } catch (e) {
      setSubmitError(errorText(e, PHARMACY_ERROR_TEXT))
    }
  }

  async function loadRecent(page: number) {
    setRecent({ status: 'loading' })
    try {
      const reply = await api.listStockIns(page, RECENT_PAGE_SIZE)
      setRecent({ status: 'ready', receipts: reply.items, total: reply.total, page: reply.page })
    } catch (e) {
      setRecent({ status: 'error', message: errorText(e, PHARMACY_ERROR_TEXT) })
    }
  }

  useLoad(() => {
    if (!requireStaff(canManagePharmacy)) return
    void loadSuppliers('')
    void loadRecent(1)
    if (router.params.draft) takeDraft()
  })

  /** The receipt drafted by 补货建议 (services/stock-in-draft), taken once. */
  function takeDraft() {
    const draft = takeStockInDraft()
    if (!draft?.items.length) return
    const drafted = linesFromDraft(draft.items, nextKey.current)
    nextKey.current += drafted.length
    setLines(drafted)
    if (draft.supplierId) setSupplierId(draft.supplierId)
    setDraftNote(`已从补货建议带入 ${drafted.length} 种药品：到货后请填写批号与效期，并核对数量与进价`)
  }

  async function searchDrugs(text: string) {
    const query = text.trim()
    if (!query) return
    const ticket = ++searchTicket.current
    setFound({ status: 'loading' })
    try {
      const reply = await api.listDrugs({ query, page: 1, pageSize: 20 })
      if (ticket !== searchTicket.current) return
      // A scanned or typed barcode names one drug: take it straight onto the receipt.
      if (reply.items.length === 1 && reply.items[0].barcode === query) {
        addLine(reply.items[0])
        setFound(null)
        setDrugQuery('')
        return
      }
      setFound({ status: 'ready', drugs: reply.items, query })
    } catch (e) {
      if (ticket === searchTicket.current) setFound({ status: 'error', message: errorText(e, PHARMACY_ERROR_TEXT) })
    }
  }

  async function scan() {
    const code = await scanBarcode()
    if (!code) return
    setDrugQuery(code)
    void searchDrugs(code)
  }

  function addLine(drug: DrugReply) {
    setLines((current) => [...current, newLine(nextKey.current++, drug)])
    setSubmitError('')
    void Taro.showToast({ title: `已添加 ${drug.name}`, icon: 'none' })
  }

  function changeLine(key: number, field: Exclude<LineField, 'drug'>, value: string) {
    setLines((current) => current.map((line) => (line.key === key ? { ...line, [field]: value } : line)))
    const lineErrors = errors.lines[key]
    if (lineErrors?.[field]) setErrors({ ...errors, lines: { ...errors.lines, [key]: { ...lineErrors, [field]: undefined } } })
  }

  function removeLine(key: number) {
    setLines((current) => current.filter((line) => line.key !== key))
    const rest = { ...errors.lines }
    delete rest[key]
    setErrors({ ...errors, lines: rest })
  }

  async function submit() {
    if (submitting) return
    const found = validateStockIn(supplierId, invoiceNo, lines, today())
    setErrors(found)
    setSubmitError(hasErrors(found) ? '请检查标出的内容' : '')
    if (hasErrors(found)) return
    const sent = lines
    setSubmitting(true)
    try {
      await api.createStockIn(toStockInInput(supplierId, invoiceNo, sent))
      void Taro.showToast({ title: '入库成功', icon: 'success' })
      setLines([])
      setInvoiceNo('')
      setErrors(NO_ERRORS)
      void loadRecent(1)
    } catch (e) {
      // The server refuses the whole receipt, naming the line (items.2.expiryDate): show it there.
      setErrors(serverErrors(e, sent))
      setSubmitError(errorText(e, PHARMACY_ERROR_TEXT))
    } finally {
      setSubmitting(false)
    }
  }

  const total = receiptTotal(lines)
  const supplierChoices = suppliers.map((supplier) => ({ value: supplier.id, label: supplier.name, className: 'si-supplier' }))
  const chosen = suppliers.find((supplier) => supplier.id === supplierId)

  return (
    <View className='page stock-in-page'>
      <View className='page-inner ph-inner'>
        <View className='page-header'>
          <View>
            <Text className='page-title'>入库</Text>
            <Text className='page-subtitle'>按供应商票据登记到货的批号、效期、数量与进价</Text>
          </View>
          <View className='header-actions'>
            <Button className='secondary-button si-suppliers-link' onClick={() => Taro.navigateTo({ url: ROUTES.suppliers })}>
              供应商
            </Button>
          </View>
        </View>

        <View className='si-form'>
          <View className='card ph-card si-head'>
            <Text className='section-title'>供应商与票据</Text>
            <SearchBar
              className='si-supplier-search'
              submitClassName='si-supplier-search-submit'
              value={supplierQuery}
              placeholder='供应商名称'
              onChange={setSupplierQuery}
              onSearch={() => loadSuppliers(supplierQuery)}
            />
            <Field label={chosen ? `供应商：${chosen.name}` : '供应商'} error={errors.supplier}>
              {supplierChoices.length ? (
                <ChoiceChips
                  options={supplierChoices}
                  value={supplierId}
                  onChange={(id) => {
                    setSupplierId(id)
                    setErrors({ ...errors, supplier: undefined })
                  }}
                />
              ) : (
                <Text className='muted'>没有找到供应商，请先在“供应商”中添加</Text>
              )}
            </Field>
            <InputField
              className='si-invoice'
              label='票据号（选填）'
              error={errors.invoiceNo}
              type='text'
              value={invoiceNo}
              maxlength={LIMITS.invoiceNo}
              placeholder='发票或随货同行单号'
              onValue={setInvoiceNo}
            />
          </View>

          <View className='card ph-card si-lines'>
            <Text className='section-title'>入库明细</Text>
            {draftNote ? <Text className='field-hint si-draft-note'>{draftNote}</Text> : null}
            <View className='si-drug-search'>
              <SearchBar
                className='si-drug-query'
                submitClassName='si-drug-query-submit'
                value={drugQuery}
                placeholder='药品名称、拼音首字母或条码'
                onChange={setDrugQuery}
                onSearch={() => searchDrugs(drugQuery)}
              />
              {CAN_SCAN_BARCODE ? (
                <Button className='secondary-button si-scan' onClick={scan}>
                  扫码
                </Button>
              ) : null}
            </View>
            {found?.status === 'loading' ? <Text className='muted'>正在查找…</Text> : null}
            {found?.status === 'error' ? <Text className='list-error'>{found.message}</Text> : null}
            {found?.status === 'ready' && !found.drugs.length ? <Text className='muted'>没有找到“{found.query}”</Text> : null}
            {found?.status === 'ready'
              ? found.drugs.map((drug) => (
                  <View key={drug.id} className='ph-row si-drug-result' hoverClass='ph-row--pressed' onClick={() => addLine(drug)}>
                    <View className='ph-row-main'>
                      <Text className='ph-row-title'>{drug.name}</Text>
                      <Text className='ph-row-detail'>
                        {drug.spec} · {drug.unit}
                        {drug.barcode ? ` · ${drug.barcode}` : ''}
                      </Text>
                    </View>
                    <View className='ph-row-aside'>
                      <Text className='muted'>
                        可用 {drug.available} {drug.unit}
                      </Text>
                      <Text className='link-text'>添加 ＋</Text>
                    </View>
                  </View>
                ))
              : null}

            {!lines.length ? <View className='empty-state'>搜索或扫码添加药品，每个批号一行</View> : null}
            {lines.map((line, index) => {
              const lineErrors = errors.lines[line.key] ?? {}
              const lineTotal = lineTotalFen(line)
              return (
                <View key={line.key} className={`si-line si-line-${index + 1}`}>
                  <View className='si-line-heading'>
                    <Text className='si-line-drug'>
                      {index + 1}. {drugTitle(line.drug)}
                    </Text>
                    <Text className='danger-link si-line-remove' onClick={() => removeLine(line.key)}>
                      删除
                    </Text>
                  </View>
                  {lineErrors.drug ? <Text className='field-error'>{lineErrors.drug}</Text> : null}
                  <View className='si-line-fields'>
                    <InputField
                      className='si-batch'
                      label='批号'
                      error={lineErrors.batchNo}
                      type='text'
                      value={line.batchNo}
                      maxlength={LIMITS.batchNo}
                      placeholder='包装上的批号'
                      onValue={(value) => changeLine(line.key, 'batchNo', value)}
                    />
                    <DateField
                      className='si-expiry'
                      label='有效期至'
                      error={lineErrors.expiryDate}
                      value={line.expiryDate}
                      start={today()}
                      onChange={(value) => changeLine(line.key, 'expiryDate', value)}
                    />
                    <InputField
                      className='si-quantity'
                      label={`数量（${line.drug.unit}）`}
                      error={lineErrors.quantity}
                      type='number'
                      value={line.quantity}
                      maxlength={7}
                      onValue={(value) => changeLine(line.key, 'quantity', value)}
                    />
                    <InputField
                      className='si-cost'
                      label={`进价（元/${line.drug.unit}）`}
                      error={lineErrors.unitCost}
                      type='digit'
                      value={line.unitCost}
                      maxlength={10}
                      placeholder='0.00'
                      onValue={(value) => changeLine(line.key, 'unitCost', value)}
                    />
                  </View>
                  <Text className='si-line-total ph-num'>小计 {lineTotal === null ? '—' : formatFen(lineTotal)}</Text>
                </View>
              )
            })}

            <View className='si-total'>
              <Text className='muted'>共 {lines.length} 行</Text>
              <Text className='si-total-value ph-num'>
                合计 {formatFen(total.totalFen)}
                {total.complete ? '' : '（部分行未填完）'}
              </Text>
            </View>

            <FormError className='si-error' message={submitError} lines={errors.form} />
            <Button className={`primary-button si-submit ${submitting ? 'is-busy' : ''}`} loading={submitting} onClick={submit}>
              确认入库
            </Button>
          </View>
        </View>

        <View className='card si-recent'>
          <Text className='section-title'>最近入库</Text>
          <ListState state={recent} />
          {recent.status === 'ready' && !recent.receipts.length ? <View className='empty-state'>还没有入库记录</View> : null}
          {recent.status === 'ready'
            ? recent.receipts.map((receipt) => (
                <View key={receipt.id} className='si-receipt'>
                  <View className='ph-row si-receipt-row' onClick={() => setOpenReceipt(openReceipt === receipt.id ? '' : receipt.id)}>
                    <View className='ph-row-main'>
                      <Text className='ph-row-title'>{receipt.supplierName}</Text>
                      <Text className='ph-row-detail'>
                        {formatDateTime(receipt.receivedAt)} · {receipt.items.length} 行{receipt.invoiceNo ? ` · 票据 ${receipt.invoiceNo}` : ''}
                      </Text>
                    </View>
                    <View className='ph-row-aside'>
                      <Text>{formatFen(receipt.totalCostFen)}</Text>
                    </View>
                  </View>
                  {openReceipt === receipt.id
                    ? receipt.items.map((item, index) => (
                        <Text key={`${item.drugId}-${item.batchNo}-${index}`} className='si-receipt-item'>
                          {item.drugName} · 批号 {item.batchNo} · 效期至 {item.expiryDate} · {item.quantity} × {formatFen(item.unitCostFen)}
                        </Text>
                      ))
                    : null}
                </View>
              ))
            : null}
          {recent.status === 'ready' ? (
            <Pager page={recent.page} pageSize={RECENT_PAGE_SIZE} total={recent.total} onChange={(page) => loadRecent(page)} />
          ) : null}
        </View>
      </View>
    </View>
  )
}
