import { DomainError } from '@clinic/platform';
import { chapterOf, minutesOf, offsetPieces, periodDays, previousPeriod, rate, validatePeriod } from './stats-math';

function fieldsOf(fn: () => void): string[] {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe('VALIDATION.FAILED');
    return ((err as DomainError).details as { field: string }[]).map((d) => d.field);
  }
  throw new Error('no error');
}

describe('statistics arithmetic', () => {
  it('p90 is the smallest value with at least 90 % of measurements at or below it', () => {
    // 10 values 1..10: 9 of 10 at or below 9.
    expect(minutesOf(Array.from({ length: 10 }, (_, i) => ({ minutes: i + 1, count: 1 })))).toEqual({ avg: 6, p90: 9, count: 10 });
    // 11 values: ceil(9.9) = 10 needed, so the 10th value.
    expect(minutesOf(Array.from({ length: 11 }, (_, i) => ({ minutes: i, count: 1 }))).p90).toBe(9);
    expect(minutesOf([{ minutes: 7, count: 1 }])).toEqual({ avg: 7, p90: 7, count: 1 });
    // Histogram order does not matter; 2,2,2,3,40: avg 49/5 = 9.8 → 10.
    expect(minutesOf([{ minutes: 40, count: 1 }, { minutes: 2, count: 3 }, { minutes: 3, count: 1 }])).toEqual({ avg: 10, p90: 40, count: 5 });
    expect(minutesOf([])).toEqual({ avg: null, p90: null, count: 0 });
    // Half up: 1 and 2 average 1.5 → 2.
    expect(minutesOf([{ minutes: 1, count: 1 }, { minutes: 2, count: 1 }]).avg).toBe(2);
  });

  it('accepts real dates, from ≤ to, at most 1096 days', () => {
    expect(() => validatePeriod({ from: '2026-01-01', to: '2026-01-01' })).not.toThrow();
    expect(() => validatePeriod({ from: '2024-01-01', to: '2026-12-31' })).not.toThrow(); // 1096 days with 2024's leap day
    expect(fieldsOf(() => validatePeriod({ from: '2024-01-01', to: '2027-01-01' }))).toEqual(['to']);
    expect(fieldsOf(() => validatePeriod({ from: '2026-02-30', to: '2026-03-01' }))).toEqual(['from']);
    expect(fieldsOf(() => validatePeriod({ from: '2026-03-01', to: '2026-13-01' }))).toEqual(['to']);
    expect(fieldsOf(() => validatePeriod({ from: '2026-03-02', to: '2026-03-01' }))).toEqual(['to']);
    expect(fieldsOf(() => validatePeriod({ from: 'x', to: 'y' }))).toEqual(['from', 'to']);
  });

  it('takes the previous period of the same length', () => {
    expect(periodDays('2024-01-01', '2026-12-31')).toBe(1096);
    expect(previousPeriod('2026-01-01', '2026-01-31')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    expect(previousPeriod('2026-03-01', '2026-03-01')).toEqual({ from: '2026-02-28', to: '2026-02-28' });
  });

  it('gives a rate with its parts, 0 over nothing', () => {
    expect(rate(1, 3)).toEqual({ numerator: 1, denominator: 3, ratio: 0.3333 });
    expect(rate(2, 3).ratio).toBe(0.6667);
    expect(rate(0, 0)).toEqual({ numerator: 0, denominator: 0, ratio: 0 });
  });

  it('finds the ICD-10 chapter of a code', () => {
    expect(chapterOf('J06.900')).toBe('J00-J99');
    expect(chapterOf('D48.1')).toBe('C00-D48');
    expect(chapterOf('D50.0')).toBe('D50-D89');
    expect(chapterOf('H60.3')).toBe('H60-H95');
    expect(chapterOf('T78.4')).toBe('S00-T98');
  });

  it('splits a period at daylight-saving changes only', () => {
    expect(offsetPieces('Asia/Shanghai', new Date('2025-01-01T00:00:00Z'), new Date('2027-01-01T00:00:00Z'))).toEqual([{ until: null, minutes: 480 }]);
    const berlin = offsetPieces('Europe/Berlin', new Date('2026-01-01T00:00:00Z'), new Date('2027-01-01T00:00:00Z'));
    expect(berlin).toEqual([
      { until: new Date('2026-03-29T01:00:00Z'), minutes: 60 },
      { until: new Date('2026-10-25T01:00:00Z'), minutes: 120 },
      { until: null, minutes: 60 },
    ]);
  });
});
