import type { DispensingLineReply, DispensingReply, PharmacyOrderStatus, ReturnDto } from '@clinic/contracts'
import { directions } from '@clinic/rules'
import { parseCount } from '../../utils/pharmacy'

// The dispensary's rules as plain data: what a line says, what may still come back, and the return form.

/** The lists the window works from. */
export const DISPENSARY_TABS: { status: PharmacyOrderStatus; label: string }[] = [
  { status: 'READY', label: '待发药' },
  { status: 'DISPENSED', label: '已发药' },
  { status: 'RESERVED', label: '待缴费' }
]

/** "口服 每次0.5g 每日三次 共7天": the words the label prints; empty when the doctor gave nothing. */
export function usageText(line: Pick<DispensingLineReply, 'dosage' | 'frequency' | 'route' | 'days'>): string {
  return directions(line)
}

/** Units of a line that may still be returned: what was dispensed less what has come back already. */
export function returnable(line: Pick<DispensingLineReply, 'quantity' | 'returnedQuantity'>): number {
  return Math.max(0, line.quantity - line.returnedQuantity)
}

/** 退药 applies to a dispensed prescription with something left to return. */
export function canReturn(order: Pick<DispensingReply, 'status' | 'lines'>): boolean {
  return order.status === 'DISPENSED' && order.lines.some((line) => returnable(line) > 0)
}

export const RETURN_REASON_MAX = 200

/** The return form as typed: units per line id (empty = none) and the reason. */
export interface ReturnDraft {
  quantities: Record<string, string>
  reason: string
}

export interface ReturnCheck {
  /** What to send; absent while something is wrong. */
  input?: ReturnDto
  /** By line id. */
  lineErrors: Record<string, string>
  /** What is wrong with the form as a whole. */
  problem?: string
  /** The refund at the prices charged, of the lines that are right. */
  amountFen: number
}

/**
 * Checks the return form against what each line may still return. The server takes returns by drug, so two
 * lines of one drug are added up (each line was already held to its own limit).
 */
export function checkReturn(order: Pick<DispensingReply, 'lines'>, draft: ReturnDraft): ReturnCheck {
  const lineErrors: Record<string, string> = {}
  const byDrug = new Map<string, number>()
  let amountFen = 0
  for (const line of order.lines) {
    const text = (draft.quantities[line.lineId] ?? '').trim()
    if (!text) continue
    const limit = returnable(line)
    const quantity = parseCount(text)
    if (quantity === null) {
      lineErrors[line.lineId] = '请输入整数'
    } else if (quantity > limit) {
      lineErrors[line.lineId] = `最多可退 ${limit} ${line.unit}`
    } else if (quantity > 0) {
      byDrug.set(line.drugId, (byDrug.get(line.drugId) ?? 0) + quantity)
      amountFen += quantity * line.unitPriceFen
    }
  }
  const reason = draft.reason.trim()
  let problem: string | undefined
  if (Object.keys(lineErrors).length) problem = '请修改标出的退药数量'
  else if (!byDrug.size) problem = '请填写至少一种药品的退药数量'
  else if (!reason) problem = '请填写退药原因'
  else if (reason.length > RETURN_REASON_MAX) problem = `退药原因不能超过 ${RETURN_REASON_MAX} 个字`
  if (problem) return { lineErrors, problem, amountFen }
  return { lineErrors, amountFen, input: { items: [...byDrug].map(([drugId, quantity]) => ({ drugId, quantity })), reason } }
}

/** A short form of a prescription id for the screen: its first 8 characters. */
export function shortRef(id: string): string {
  return id.slice(0, 8).toUpperCase()
}
