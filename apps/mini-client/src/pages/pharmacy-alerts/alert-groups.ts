import type { PharmacyAlert, PharmacyAlertType } from '@clinic/contracts'
import { ALERT_TYPE_LABELS } from '../../utils/pharmacy-labels'
import { keysOf } from '../../utils/labels'

export interface AlertGroup {
  type: PharmacyAlertType
  label: string
  alerts: PharmacyAlert[]
}

/** Expired first (off the shelf today), then near expiry, then low stock; the label map gives that order. */
export const ALERT_ORDER: PharmacyAlertType[] = keysOf(ALERT_TYPE_LABELS)

const byText = (a: string | undefined, b: string | undefined) => (a ?? '').localeCompare(b ?? '')

/** Most urgent first within a group: the oldest expiry, the fewest days, the smallest share of the reorder level. */
function compare(type: PharmacyAlertType): (a: PharmacyAlert, b: PharmacyAlert) => number {
  if (type === 'EXPIRED') return (a, b) => byText(a.expiryDate, b.expiryDate) || byText(a.drugName, b.drugName)
  if (type === 'NEAR_EXPIRY') return (a, b) => (a.daysLeft ?? 0) - (b.daysLeft ?? 0) || byText(a.drugName, b.drugName)
  // a.quantity / a.level < b.quantity / b.level, multiplied out to stay in whole numbers.
  return (a, b) => a.quantity * Math.max(1, b.reorderLevel ?? 1) - b.quantity * Math.max(1, a.reorderLevel ?? 1) || byText(a.drugName, b.drugName)
}

/** Every type present, in ALERT_ORDER, each sorted most urgent first; an empty type is left out. */
export function groupAlerts(alerts: readonly PharmacyAlert[]): AlertGroup[] {
  return ALERT_ORDER.map((type) => ({
    type,
    label: ALERT_TYPE_LABELS[type],
    alerts: alerts.filter((alert) => alert.type === type).sort(compare(type))
  })).filter((group) => group.alerts.length > 0)
}

/** The line under the drug's name: what is wrong, in figures. */
export function alertDetail(alert: PharmacyAlert): string {
  const batch = alert.batchNo ? `批号 ${alert.batchNo} · ` : ''
  if (alert.type === 'LOW_STOCK') return `可用 ${alert.quantity} ${alert.unit}，低于预警库存 ${alert.reorderLevel ?? '—'} ${alert.unit}`
  if (alert.type === 'EXPIRED') return `${batch}${alert.expiryDate ?? ''} 已过期 · 剩 ${alert.quantity} ${alert.unit}`
  const days = alert.daysLeft === 0 ? '今天到期' : `${alert.daysLeft ?? '?'} 天后到期`
  return `${batch}效期至 ${alert.expiryDate ?? ''}（${days}）· ${alert.quantity} ${alert.unit}`
}
