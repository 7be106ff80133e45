import { addDays } from './schedule'
import { parseLocalDate } from './time'

// Report periods: YYYY-MM-DD, both days included (the stock report and the revenue report).

/** The calendar month of a YYYY-MM-DD date: its first and last day; `offset` months away (−1 = the one before). */
export function monthRange(date: string, offset = 0): { from: string; to: string } {
  const day = parseLocalDate(date)
  if (!day) throw new RangeError(`Not a date: ${date}`)
  const first = new Date(day.getFullYear(), day.getMonth() + offset, 1)
  const from = `${first.getFullYear()}-${String(first.getMonth() + 1).padStart(2, '0')}-01`
  const nextFirst = new Date(first.getFullYear(), first.getMonth() + 1, 1)
  const nextFrom = `${nextFirst.getFullYear()}-${String(nextFirst.getMonth() + 1).padStart(2, '0')}-01`
  return { from, to: addDays(nextFrom, -1) }
}

/** Why a period cannot be asked for; null when it can. */
export function periodProblem(from: string, to: string): string | null {
  if (!parseLocalDate(from.trim())) return '开始日期格式应为 YYYY-MM-DD'
  if (!parseLocalDate(to.trim())) return '结束日期格式应为 YYYY-MM-DD'
  if (from.trim() > to.trim()) return '结束日期不能早于开始日期'
  return null
}
