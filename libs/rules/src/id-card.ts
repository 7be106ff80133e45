const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';
const DAY_MS = 24 * 60 * 60 * 1000;

export interface IdCardFacts {
  birthDate: string;
  gender: 'M' | 'F';
}

/**
 * Reads an 18-digit resident ID number (GB 11643-1999): the ISO 7064 MOD 11-2 check character,
 * a real birth date (from 1900, not in the future), and the gender from the parity of the sequence code. Null when it is not valid.
 */
export function parseIdCard(value: string): IdCardFacts | null {
  if (!/^\d{17}[\dX]$/.test(value)) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(value[i]) * WEIGHTS[i];
  if (CHECK_CHARS[sum % 11] !== value[17]) return null;
  const y = Number(value.slice(6, 10));
  const m = Number(value.slice(10, 12));
  const d = Number(value.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  // Nobody is born in the future; a day's grace because "today" east of UTC is still yesterday in UTC.
  if (date.getTime() > Date.now() + DAY_MS) return null;
  return {
    birthDate: `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`,
    gender: Number(value[16]) % 2 === 1 ? 'M' : 'F',
  };
}
