import type { Rate } from '@clinic/contracts';
import { invalidFields } from '../errors';
import { addDays } from './clinic-time';

/** The longest period the statistics answer: three years and a leap day. */
export const MAX_STATS_DAYS = 1096;

export interface StatsPeriod {
  from: string;
  to: string;
  /** Days from..to inclusive. */
  days: number;
  /** The period of equal length just before, for the comparison. */
  previousFrom: string;
  previousTo: string;
}

const DAY_MS = 86_400_000;

/** Whole days since 1970-01-01 of a real YYYY-MM-DD date; null for "2026-02-30" and other non-dates. */
function dayNumber(date: unknown): number | null {
  if (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  const ms = Date.parse(`${date}T00:00:00Z`);
  return Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date ? null : ms / DAY_MS;
}

/**
 * Checks a statistics period (clinic days, inclusive) and derives the previous one. The gateway and every service
 * that answers statistics call this one function, so they agree on what a valid period is; a bad one is a 400
 * naming the field.
 */
export function statsPeriod(from: unknown, to: unknown, maxDays = MAX_STATS_DAYS): StatsPeriod {
  const a = dayNumber(from);
  const b = dayNumber(to);
  const bad: { field: string; errors: string[] }[] = [];
  if (a === null) bad.push({ field: 'from', errors: ['from must be a real date, YYYY-MM-DD'] });
  if (b === null) bad.push({ field: 'to', errors: ['to must be a real date, YYYY-MM-DD'] });
  if (a !== null && b !== null) {
    if (b < a) bad.push({ field: 'to', errors: ['to must not be before from'] });
    else if (b - a + 1 > maxDays) bad.push({ field: 'to', errors: [`a period is at most ${maxDays} days`] });
  }
  if (bad.length) throw invalidFields(bad);
  const days = b! - a! + 1;
  const f = from as string;
  return { from: f, to: to as string, days, previousFrom: addDays(f, -days), previousTo: addDays(f, -1) };
}

/** A rate with its parts, so it is exact; the ratio rounded to 4 decimals, 0 over nothing. */
export function rate(numerator: number, denominator: number): Rate {
  return { numerator, denominator, ratio: denominator === 0 ? 0 : Math.round((numerator / denominator) * 10_000) / 10_000 };
}
