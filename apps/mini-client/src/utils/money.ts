/**
 * Formats an amount of integer fen as yuan: 1250 → "¥12.50", -5 → "-¥0.05".
 * Works on the decimal digits as text so no float ever touches money.
 */
export function formatFen(fen: number): string {
  if (!Number.isSafeInteger(fen)) {
    throw new RangeError(`Amount must be a whole number of fen, got ${fen}`)
  }
  const sign = fen < 0 ? '-' : ''
  const digits = String(Math.abs(fen)).padStart(3, '0')
  const yuan = digits.slice(0, -2)
  const cents = digits.slice(-2)
  return `${sign}¥${yuan}.${cents}`
}
