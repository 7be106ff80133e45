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

const CHAPTER_RANGES = Object.keys(ICD10_CHAPTERS).map((range) => [range, ...range.split('-')] as const);

/**
 * The ICD-10 chapter (its code range, e.g. J00-J99) of a code column such as J06.900, as SQL; '' where none
 * matches. Categories are a letter and two digits, which every collation orders as ASCII does.
 */
export function chapterSql(code: string): string {
  return `CASE ${CHAPTER_RANGES.map(([range, lo, hi]) => `WHEN UPPER(SUBSTR(${code}, 1, 3)) BETWEEN '${lo}' AND '${hi}' THEN '${range}'`).join(' ')} ELSE '' END`;
}
