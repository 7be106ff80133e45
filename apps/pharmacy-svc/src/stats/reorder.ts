import { USAGE_WINDOW_DAYS as REORDER_WINDOW_DAYS } from '../reports/reports.service';

export interface ReorderInput {
  /** Net units used over the last 30 days; a negative (more returned than dispensed) counts as none. */
  used30d: number;
  coverDays: number;
  available: number;
  reorderLevel: number;
  /** Units an order must be a multiple of; 1 when the drug is bought by the unit. */
  orderMultiple?: number;
}

/**
 * Units to buy: enough to cover `coverDays` at the last 30 days' average daily use, after what is available,
 * i.e. max(0, ceil(used30d × coverDays / 30) − available). A drug below its reorder level is brought at least
 * back up to that level, so it is suggested even without recent use. Rounded up to a whole `orderMultiple`.
 * Integer arithmetic throughout: no float decides a ceiling.
 */
export function reorderQuantity(i: ReorderInput): number {
  const used = Math.max(0, i.used30d);
  const need = Math.floor((used * i.coverDays + REORDER_WINDOW_DAYS - 1) / REORDER_WINDOW_DAYS);
  const byUse = need - i.available;
  const byLevel = i.available < i.reorderLevel ? i.reorderLevel - i.available : 0;
  const units = Math.max(0, byUse, byLevel);
  const multiple = Math.max(1, i.orderMultiple ?? 1);
  return Math.ceil(units / multiple) * multiple;
}

/** Units per day, two decimals, for showing. */
export function dailyUseOf(used30d: number): number {
  return Math.round((Math.max(0, used30d) * 100) / REORDER_WINDOW_DAYS) / 100;
}
