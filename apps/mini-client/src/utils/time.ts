// Times arrive as ISO 8601 instants (UTC); people read them in the device's local time.

function pad(value: number): string {
  return String(value).padStart(2, '0')
}

function parse(iso: string): Date | null {
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? null : date
}

/** "2026-11-26 14:05:09" in local time; the input itself when it is not a time. */
export function formatDateTime(iso: string): string {
  const date = parse(iso)
  if (!date) return iso
  return `${formatLocalDate(date)} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
}

/** "2026-11-26" of a Date, in local time. */
export function formatLocalDate(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

/** "14:05" on the same local day as `now`, else "11月27日 14:05": enough to know when to come back. */
export function formatClock(iso: string, now: Date = new Date()): string | null {
  const date = parse(iso)
  if (!date) return null
  const clock = `${pad(date.getHours())}:${pad(date.getMinutes())}`
  return formatLocalDate(date) === formatLocalDate(now) ? clock : `${date.getMonth() + 1}月${date.getDate()}日 ${clock}`
}

/** A real calendar date written YYYY-MM-DD; the Date for its local midnight, else null. */
export function parseLocalDate(text: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  if (!match) return null
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const date = new Date(year, month - 1, day)
  if (date.getFullYear() !== year || date.getMonth() !== month - 1 || date.getDate() !== day) return null
  return date
}

/** Whole years between a YYYY-MM-DD birth date and `now`; null for a date that is not one. */
export function ageOn(birthDate: string, now: Date = new Date()): number | null {
  const born = parseLocalDate(birthDate)
  if (!born) return null
  let age = now.getFullYear() - born.getFullYear()
  if (now.getMonth() < born.getMonth() || (now.getMonth() === born.getMonth() && now.getDate() < born.getDate())) age -= 1
  return age >= 0 ? age : null
}

export function isFuture(iso: string | null, now: Date = new Date()): boolean {
  if (!iso) return false
  const date = parse(iso)
  return date !== null && date.getTime() > now.getTime()
}

/** China Standard Time: UTC+8 all year (no daylight saving since 1991). */
const CLINIC_UTC_OFFSET_MS = 8 * 60 * 60 * 1000

/**
 * The clinic's calendar date (Asia/Shanghai) at `now`, YYYY-MM-DD, whatever the device's own time zone: the
 * business day the server books money to. A fixed offset, because Intl time zones are missing on some WebViews.
 */
export function clinicToday(now: Date = new Date()): string {
  const shifted = new Date(now.getTime() + CLINIC_UTC_OFFSET_MS)
  return `${shifted.getUTCFullYear()}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}`
}
