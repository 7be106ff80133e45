/**
 * Formats an amount of integer fen as yuan: 1250 → "¥12.50", -5 → "-¥0.05".
 * Works on the decimal digits as text so no float ever touches money.
 */
export function formatFen(fen: number): string {
  const plain = fenToYuan(fen);
  return plain.startsWith('-') ? `-¥${plain.slice(1)}` : `¥${plain}`;
}

/**
 * Integer fen as plain yuan with two decimals and no currency sign, for files a spreadsheet reads as numbers:
 * 1250 → "12.50", -5 → "-0.05". Digits as text again.
 */
export function fenToYuan(fen: number): string {
  if (!Number.isSafeInteger(fen)) {
    throw new RangeError(`Amount must be a whole number of fen, got ${fen}`);
  }
  const sign = fen < 0 ? '-' : '';
  const digits = String(Math.abs(fen)).padStart(3, '0');
  return `${sign}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/**
 * Reads an amount typed in yuan ("15", "15.5", "15.50", "¥15") as integer fen; null when it is not one
 * (negative, more than two decimals, not a number). Digits as text again: no float arithmetic.
 */
export function parseYuan(text: string): number | null {
  const match = /^¥?\s*(\d{1,7})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!match) return null;
  const cents = (match[2] ?? '').padEnd(2, '0');
  return Number(match[1]) * 100 + Number(cents);
}

/**
 * Reads a yuan amount written by a machine (a payment channel's statement: "37.00", "0.5") as integer fen: up to
 * twelve integer digits, at most two decimals, no sign or currency mark; null otherwise. Totals of a busy day may
 * pass parseYuan's limit for a typed amount, hence the separate reader.
 */
export function yuanToFen(text: string): number | null {
  const match = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}
