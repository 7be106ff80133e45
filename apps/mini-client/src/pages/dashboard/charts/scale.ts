// The charts' arithmetic, apart from the Views so it can be tested: every chart here is drawn from plain Views
// sized in percent, which the mini-program and the browser lay out the same way (no canvas, no chart library in
// the package).

/** Bars are never drawn thinner than this share of the track when their value is above zero: a tap target stays. */
export const MIN_VISIBLE_PERCENT = 2

/**
 * Each value as a percentage of the largest (0..100, one decimal). Zeros and negatives draw as 0 (a net day can be
 * negative after refunds; its figure is still shown as text). A positive value never draws below MIN_VISIBLE_PERCENT.
 */
export function scaleToMax(values: readonly number[]): number[] {
  const max = values.reduce((top, value) => (Number.isFinite(value) && value > top ? value : top), 0)
  if (max <= 0) return values.map(() => 0)
  return values.map((value) => {
    if (!Number.isFinite(value) || value <= 0) return 0
    const percent = Math.round((value / max) * 1000) / 10
    return Math.max(MIN_VISIBLE_PERCENT, percent)
  })
}

/** A ratio (0..1) clamped and as a whole-percent-with-one-decimal number: 0.12345 → 12.3. */
export function ratioPercent(ratio: number): number {
  if (!Number.isFinite(ratio) || ratio <= 0) return 0
  if (ratio >= 1) return 100
  return Math.round(ratio * 1000) / 10
}

/** "12.3%": how a ratio is written beside its ring or bar. */
export function percentText(ratio: number): string {
  return `${ratioPercent(ratio).toFixed(1)}%`
}

/** A value's share of a total, as a ratio 0..1 (0 when the total is 0). */
export function shareOf(value: number, total: number): number {
  return total > 0 ? value / total : 0
}

/**
 * The ring's fill: a conic gradient whose first `percent` of the turn is the accent colour. Both the browser and the
 * mini-program's WebView draw conic gradients; the percentage is in the ring's middle as text either way.
 */
export function ringBackground(ratio: number, fill: string, track: string): string {
  const degrees = Math.round((ratioPercent(ratio) / 100) * 3600) / 10
  return `conic-gradient(${fill} 0deg ${degrees}deg, ${track} ${degrees}deg 360deg)`
}

/**
 * Which bars of a long series get their label written under them: all when they fit, else every n-th and the last,
 * so a month of days reads 1, 5, 10 … without the labels running into each other.
 */
export function labelEvery(count: number, room: number): number {
  if (count <= room || room <= 0) return 1
  return Math.ceil(count / room)
}

export function showsLabel(index: number, count: number, every: number): boolean {
  return every <= 1 || index % every === 0 || index === count - 1
}

/** A short figure for the top of a narrow bar: 860 → "860", 12_345 → "1.2万", 3_000_000 → "300万". */
export function compactNumber(value: number): string {
  const sign = value < 0 ? '-' : ''
  const size = Math.abs(value)
  if (size < 10_000) return `${sign}${Math.round(size)}`
  const wan = size / 10_000
  return `${sign}${wan >= 100 ? Math.round(wan) : Math.round(wan * 10) / 10}万`
}
