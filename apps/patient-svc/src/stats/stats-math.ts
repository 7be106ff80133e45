import { ICD10_CHAPTERS, type Minutes } from '@clinic/contracts';

/**
 * Average and 90th percentile of whole-minute measurements given as a histogram (minutes → how many).
 * p90 is the smallest value with at least 90 % of the measurements at or below it; the average is rounded half up.
 */
export function minutesOf(histogram: { minutes: number; count: number }[]): Minutes {
  const bins = histogram.filter((b) => b.count > 0).sort((a, b) => a.minutes - b.minutes);
  const count = bins.reduce((s, b) => s + b.count, 0);
  if (count === 0) return { avg: null, p90: null, count: 0 };
  const total = bins.reduce((s, b) => s + b.minutes * b.count, 0);
  // At least 90 % at or below: the first bin where the running count reaches ceil(0.9 × count).
  const needed = Math.ceil((count * 9) / 10);
  let seen = 0;
  let p90 = bins[bins.length - 1].minutes;
  for (const b of bins) {
    seen += b.count;
    if (seen >= needed) {
      p90 = b.minutes;
      break;
    }
  }
  return { avg: Math.floor(total / count + 0.5), p90, count };
}

/** The ICD-10 chapter (its code range, e.g. J00-J99) of a code such as J06.900; null if none matches. */
export function chapterOf(code: string): string | null {
  const category = code.slice(0, 3).toUpperCase();
  for (const range of Object.keys(ICD10_CHAPTERS)) {
    const [lo, hi] = range.split('-');
    if (category >= lo && category <= hi) return range;
  }
  return null;
}

/** A SUM or COUNT as the driver gives it (MariaDB: a number or decimal text; SQLite: a number). */
export function whole(v: unknown): number {
  if (v === null || v === undefined) return 0;
  const n = typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : /^-?\d+(\.0+)?$/.test(String(v)) ? Number(v) : NaN;
  if (!Number.isSafeInteger(n)) throw new Error(`not a whole number: ${String(v)}`);
  return n;
}

/**
 * The zone's UTC offset over [start, end) as pieces of constant offset (one piece for Asia/Shanghai; two or three a
 * year where daylight saving moves the clock), so SQL can turn an instant into clinic wall time by adding minutes.
 */
export function offsetPieces(timeZone: string, start: Date, end: Date): { until: Date | null; minutes: number }[] {
  const pieces: { until: Date | null; minutes: number }[] = [];
  const step = 86_400_000;
  let current = offsetMinutes(timeZone, start);
  // Step by days (no zone changes its clock twice in one) and find the minute of a change by bisection.
  for (let t = start.getTime() + step; t < end.getTime() + step; t += step) {
    const o = offsetMinutes(timeZone, new Date(t));
    if (o === current) continue;
    let lo = t - step;
    let hi = t;
    while (hi - lo > 60_000) {
      const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
      if (offsetMinutes(timeZone, new Date(mid)) === current) lo = mid;
      else hi = mid;
    }
    pieces.push({ until: new Date(hi), minutes: current });
    current = o;
  }
  pieces.push({ until: null, minutes: current });
  return pieces;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

export function offsetMinutes(timeZone: string, at: Date): number {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  const p = Object.fromEntries(
    f
      .formatToParts(at)
      .map((x) => [x.type, Number(x.value)]),
  );
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
  return Math.round((wall - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000);
}
