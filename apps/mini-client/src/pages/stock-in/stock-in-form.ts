import type { CreateStockInDto, DrugReply } from '@clinic/contracts'
import { itemFieldErrors } from '../../utils/error-text'
import type { StockInDraftItem } from '../../services/stock-in-draft'
import { fenToYuanText, parseYuan } from '../../utils/money'
import { parseCount } from '../../utils/pharmacy'
import { parseLocalDate } from '../../utils/time'

// The stock-in (入库) form as plain data: its lines, their totals, the checks, and the server's refusals put back
// on the line they are about.

export type LineDrug = Pick<DrugReply, 'id' | 'name' | 'spec' | 'unit'>

export interface StockInLine {
  /** Stable while lines are added and removed: the React key, and what errors are filed under. */
  key: number
  drug: LineDrug
  batchNo: string
  /** YYYY-MM-DD, 有效期至. */
  expiryDate: string
  quantity: string
  /** Purchase cost per unit in yuan, as typed. */
  unitCost: string
}

export type LineField = 'drug' | 'batchNo' | 'expiryDate' | 'quantity' | 'unitCost'
export type LineErrors = Partial<Record<LineField, string>>

export interface StockInErrors {
  supplier?: string
  invoiceNo?: string
  /** By line key. */
  lines: Record<number, LineErrors>
  /** About the receipt as a whole (no lines; a refusal the form has no field for). */
  form: string[]
}

export const LIMITS = { batchNo: 40, invoiceNo: 60, lines: 200, quantity: 1_000_000, unitCostFen: 100_000_000 } as const

export function newLine(key: number, drug: LineDrug): StockInLine {
  return { key, drug, batchNo: '', expiryDate: '', quantity: '', unitCost: '' }
}

/**
 * The lines of a draft (补货建议): drug, quantity and last cost filled in, keys from `firstKey` on. Batch and expiry
 * stay empty: they are read off the delivery.
 */
export function linesFromDraft(items: readonly StockInDraftItem[], firstKey: number): StockInLine[] {
  return items.map((item, index) => ({
    ...newLine(firstKey + index, item.drug),
    quantity: String(item.quantity),
    unitCost: item.unitCostFen === null ? '' : fenToYuanText(item.unitCostFen)
  }))
}

/** quantity × unit cost in fen; null until both are readable. Whole numbers throughout. */
export function lineTotalFen(line: Pick<StockInLine, 'quantity' | 'unitCost'>): number | null {
  const quantity = parseCount(line.quantity, 1, LIMITS.quantity)
  const cost = parseYuan(line.unitCost)
  return quantity === null || cost === null ? null : quantity * cost
}

/** The receipt's total over the lines that can be totalled, and whether that is all of them. */
export function receiptTotal(lines: readonly StockInLine[]): { totalFen: number; complete: boolean } {
  let totalFen = 0
  let complete = true
  for (const line of lines) {
    const total = lineTotalFen(line)
    if (total === null) complete = false
    else totalFen += total
  }
  return { totalFen, complete }
}

function lineErrors(line: StockInLine, today: string): LineErrors {
  const errors: LineErrors = {}
  const batchNo = line.batchNo.trim()
  if (!batchNo) errors.batchNo = '请填写批号'
  else if (batchNo.length > LIMITS.batchNo) errors.batchNo = `批号不能超过 ${LIMITS.batchNo} 个字符`
  const expiry = line.expiryDate.trim()
  if (!expiry) errors.expiryDate = '请填写有效期'
  else if (!parseLocalDate(expiry)) errors.expiryDate = '日期格式应为 YYYY-MM-DD'
  // 有效期至 is the last usable day: a batch whose day has passed cannot be received.
  else if (expiry < today) errors.expiryDate = '该批次已过有效期，不能入库'
  if (parseCount(line.quantity, 1, LIMITS.quantity) === null) errors.quantity = '请输入正整数数量'
  const cost = parseYuan(line.unitCost)
  if (cost === null) errors.unitCost = '请输入进价（元，最多两位小数）'
  else if (cost > LIMITS.unitCostFen) errors.unitCost = '进价过大'
  return errors
}

export function validateStockIn(supplierId: string, invoiceNo: string, lines: readonly StockInLine[], today: string): StockInErrors {
  const errors: StockInErrors = { lines: {}, form: [] }
  if (!supplierId) errors.supplier = '请选择供应商'
  if (invoiceNo.trim().length > LIMITS.invoiceNo) errors.invoiceNo = `票据号不能超过 ${LIMITS.invoiceNo} 个字符`
  if (!lines.length) errors.form.push('请至少添加一种药品')
  if (lines.length > LIMITS.lines) errors.form.push(`一张入库单最多 ${LIMITS.lines} 行`)
  // One batch of one drug is one line: the server refuses a repeat, so say which line it repeats.
  const seen = new Map<string, number>()
  lines.forEach((line, index) => {
    const found = lineErrors(line, today)
    const key = `${line.drug.id}|${line.batchNo.trim()}`
    if (!found.batchNo && seen.has(key)) found.batchNo = `与第 ${(seen.get(key) ?? 0) + 1} 行的药品和批号相同`
    else if (!seen.has(key)) seen.set(key, index)
    if (Object.keys(found).length) errors.lines[line.key] = found
  })
  return errors
}

export function hasErrors(errors: StockInErrors): boolean {
  return Boolean(errors.supplier || errors.invoiceNo || errors.form.length || Object.keys(errors.lines).length)
}

/** The request for a form that passed validateStockIn. */
export function toStockInInput(supplierId: string, invoiceNo: string, lines: readonly StockInLine[]): CreateStockInDto {
  const input: CreateStockInDto = {
    supplierId,
    items: lines.map((line) => ({
      drugId: line.drug.id,
      batchNo: line.batchNo.trim(),
      expiryDate: line.expiryDate.trim(),
      quantity: parseCount(line.quantity, 1, LIMITS.quantity) ?? 0,
      unitCostFen: parseYuan(line.unitCost) ?? 0
    }))
  }
  const invoice = invoiceNo.trim()
  if (invoice) input.invoiceNo = invoice
  return input
}

/** The request's item fields, as the form calls them. */
const ITEM_FIELDS: Record<string, LineField> = {
  drugId: 'drug',
  batchNo: 'batchNo',
  expiryDate: 'expiryDate',
  quantity: 'quantity',
  unitCostFen: 'unitCost'
}

/**
 * What to say about a refused field. The field is the contract; the server's own words (English, for its logs)
 * only sharpen the text where they are recognised.
 */
function lineMessage(field: LineField, message: string): string {
  switch (field) {
    case 'drug':
      return /no longer active/i.test(message) ? '该药品已停用，不能入库' : '药品不存在，请重新选择'
    case 'expiryDate':
      return /expired/i.test(message) ? '该批次已过有效期，不能入库' : '有效期不是有效日期'
    case 'batchNo': {
      const line = /line (\d+)/i.exec(message)
      return line ? `与第 ${line[1]} 行的药品和批号相同` : '批号有误'
    }
    case 'quantity':
      return '数量须为正整数'
    case 'unitCost':
      return '进价有误'
  }
}

const FIELD_LABELS: Record<string, string> = { supplierId: '供应商', invoiceNo: '票据号', items: '入库明细' }

/**
 * A refused receipt (VALIDATION.FAILED naming `items.<n>.<field>`) as errors of the form: `n` is the line's place
 * in the request, which is the order of `sent`.
 */
export function serverErrors(error: unknown, sent: readonly StockInLine[]): StockInErrors {
  const found = itemFieldErrors(error, FIELD_LABELS)
  const errors: StockInErrors = { lines: {}, form: found.other }
  for (const [index, fields] of Object.entries(found.lines)) {
    const line = sent[Number(index)]
    if (!line) continue
    const mapped: LineErrors = {}
    for (const [field, message] of Object.entries(fields)) {
      const own = ITEM_FIELDS[field]
      if (own) mapped[own] = lineMessage(own, message)
      else errors.form.push(`第 ${Number(index) + 1} 行：${message}`)
    }
    errors.lines[line.key] = mapped
  }
  return errors
}
