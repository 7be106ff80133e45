import type { ControlClass, PharmacyAlertType, PharmacyOrderStatus, StocktakeStatus } from '@clinic/contracts'
import { lookup } from './labels'

// The pharmacy's labels, apart from labels.ts so that only the pharmacy's sub-packages carry them.
// Records over the contracts' unions, so a new value without a label fails the type check.

/** 管制类别. */
export const CONTROL_CLASS_LABELS: Record<ControlClass, string> = {
  ORDINARY: '普通',
  PSYCHOTROPIC_2: '二类精神',
  TOXIC: '医疗用毒性',
  NARCOTIC: '麻醉'
}

export const ORDER_STATUS_LABELS: Record<PharmacyOrderStatus, string> = {
  RESERVED: '待缴费',
  READY: '待发药',
  DISPENSED: '已发药',
  RELEASED: '已作废',
  LAPSED: '已失效'
}

/** In the order the alerts page lists them: what must leave the shelf first. */
export const ALERT_TYPE_LABELS: Record<PharmacyAlertType, string> = {
  EXPIRED: '已过期',
  NEAR_EXPIRY: '近效期',
  LOW_STOCK: '库存不足'
}

export const STOCKTAKE_STATUS_LABELS: Record<StocktakeStatus, string> = {
  OPEN: '盘点中',
  CONFIRMED: '已确认',
  CANCELLED: '已取消'
}

export const BATCH_STATUS_LABELS: Record<'ACTIVE' | 'EXPIRED', string> = { ACTIVE: '在库', EXPIRED: '已过期' }

export const controlClassLabel = (value: string) => lookup(CONTROL_CLASS_LABELS, value)
export const orderStatusLabel = (value: string) => lookup(ORDER_STATUS_LABELS, value)
export const stocktakeStatusLabel = (value: string) => lookup(STOCKTAKE_STATUS_LABELS, value)
export const batchStatusLabel = (value: string) => lookup(BATCH_STATUS_LABELS, value)
