import Taro from '@tarojs/taro'
import { ROUTES } from './navigation'

// A stock-in (入库) receipt started elsewhere (补货建议) and finished on the stock-in page. It travels through
// storage rather than the page's query: a list of drugs does not fit a URL comfortably, and the stock-in page takes
// it once (reading removes it), so a later visit opens an empty form.

export interface StockInDraftItem {
  drug: { id: string; name: string; spec: string; unit: string }
  /** Suggested units to receive; the pharmacist may change it. */
  quantity: number
  /** The last purchase cost per unit, to start from; null when the drug was never received. */
  unitCostFen: number | null
}

export interface StockInDraft {
  /** The supplier all the drugs were last bought from, when they share one. */
  supplierId: string | null
  items: StockInDraftItem[]
}

const STORAGE_KEY = 'clinic.stock-in-draft'

function isItem(value: unknown): value is StockInDraftItem {
  if (typeof value !== 'object' || value === null) return false
  const item = value as Partial<StockInDraftItem>
  const drug = item.drug as Partial<StockInDraftItem['drug']> | undefined
  return (
    typeof drug?.id === 'string' &&
    typeof drug.name === 'string' &&
    typeof drug.spec === 'string' &&
    typeof drug.unit === 'string' &&
    typeof item.quantity === 'number' &&
    (item.unitCostFen === null || typeof item.unitCostFen === 'number')
  )
}

export function saveStockInDraft(draft: StockInDraft): void {
  Taro.setStorageSync(STORAGE_KEY, draft)
}

/** The waiting draft, removed from storage; null when there is none (or it is not one). */
export function takeStockInDraft(): StockInDraft | null {
  const value: unknown = Taro.getStorageSync(STORAGE_KEY)
  Taro.removeStorageSync(STORAGE_KEY)
  if (typeof value !== 'object' || value === null) return null
  const draft = value as Partial<StockInDraft>
  if (!Array.isArray(draft.items) || !draft.items.every(isItem)) return null
  return { supplierId: typeof draft.supplierId === 'string' ? draft.supplierId : null, items: draft.items }
}

// The two links of the reorder → stock-in flow live here rather than in navigation.ts: only the staff sub-packages
// that use them carry them, not the main package every patient downloads.

/** 补货建议 covering `coverDays` days of use (the page's default without it). */
export function reorderUrl(coverDays?: number): string {
  return coverDays ? `${ROUTES.reorder}?coverDays=${coverDays}` : ROUTES.reorder
}

/** The stock-in page taking the draft waiting in storage. */
export function stockInDraftUrl(): string {
  return `${ROUTES.stockIn}?draft=1`
}
