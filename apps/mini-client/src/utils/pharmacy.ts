import type { ErrorTextOverrides } from './error-text'
import { isApiError } from '../services/api'
import { parseLocalDate } from './time'

// What the pharmacy pages share: their error texts, counts as typed, and how a drug or a batch is written.

export const PHARMACY_ERROR_TEXT: ErrorTextOverrides = {
  'VALIDATION.FAILED': '请检查填写的内容',
  'AUTH.FORBIDDEN': '没有权限执行此操作',
  'DRUG.DUPLICATE': '已有同名同规格（或同条码）的药品',
  'DRUG.INACTIVE': '该药品已停用',
  'SUPPLIER.NAME_TAKEN': '已有同名供应商',
  'STOCK.INSUFFICIENT': '库存不足',
  'STOCK.BATCH_MISMATCH': '批次库存已变化，请刷新后重试',
  'PRESCRIPTION.NOT_READY': '该处方当前不能发药（尚未缴费或已发药），请刷新',
  'PRESCRIPTION.EXPIRED': '处方已超过有效期，不能发药',
  'PRESCRIPTION.NOT_RELEASABLE': '该处方当前不能作废',
  'RETURN.EXCEEDS_DISPENSED': '退药数量超过了可退数量，请刷新后重试',
  'STOCKTAKE.OPEN_EXISTS': '已有进行中的盘点，请先完成或取消它',
  'STOCKTAKE.CLOSED': '该盘点已确认或已取消，不能再修改'
}

/** STOCK.INSUFFICIENT names each short drug: "阿莫西林胶囊：需 10，可用 4". */
export function shortageLines(error: unknown): string[] {
  if (!isApiError(error) || error.code !== 'STOCK.INSUFFICIENT' || !Array.isArray(error.details)) return []
  return error.details.flatMap((item: unknown) => {
    if (typeof item !== 'object' || item === null) return []
    const { name, requested, available } = item as { name?: unknown; requested?: unknown; available?: unknown }
    if (typeof name !== 'string') return []
    return [`${name}：需 ${String(requested ?? '?')}，可用 ${String(available ?? 0)}`]
  })
}

/** A whole number of units as typed ("12", " 0 "), within [min, max]; null when it is not one. */
export function parseCount(text: string, min = 0, max = 1_000_000): number | null {
  const trimmed = text.trim()
  if (!/^\d{1,9}$/.test(trimmed)) return null
  const value = Number(trimmed)
  return value >= min && value <= max ? value : null
}

/** "阿莫西林胶囊 0.25g*24粒". */
export function drugTitle(drug: { name: string; spec: string }): string {
  return `${drug.name} ${drug.spec}`
}

/** "批号 20260815A · 效期至 2028-07-31 · 12 盒". */
export function batchText(batch: { batchNo: string; expiryDate: string; quantity: number }, unit: string): string {
  return `批号 ${batch.batchNo} · 效期至 ${batch.expiryDate} · ${batch.quantity} ${unit}`
}

/** Whole days from `today` to a YYYY-MM-DD date (negative once past); null for a date that is not one. */
export function daysBetween(today: string, date: string): number | null {
  const from = parseLocalDate(today)
  const to = parseLocalDate(date)
  if (!from || !to) return null
  // Local midnights differ by 23 or 25 hours across a daylight-saving change: round, do not floor.
  return Math.round((to.getTime() - from.getTime()) / 86_400_000)
}
