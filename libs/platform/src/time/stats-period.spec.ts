import { DomainError } from '../errors';
import { MAX_STATS_DAYS, statsPeriod, rate } from './stats-period';

const fieldsOf = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe('VALIDATION.FAILED');
    return ((err as DomainError).details as { field: string }[]).map((d) => d.field);
  }
  throw new Error('no error');
};

describe('statsPeriod', () => {
  it('derives the previous period of equal length, ending the day before', () => {
    expect(statsPeriod('2026-11-01', '2026-11-30')).toEqual({ from: '2026-11-01', to: '2026-11-30', days: 30, previousFrom: '2026-10-02', previousTo: '2026-10-31' });
    expect(statsPeriod('2026-01-01', '2026-01-01')).toEqual({ from: '2026-01-01', to: '2026-01-01', days: 1, previousFrom: '2025-12-31', previousTo: '2025-12-31' });
    // A leap year's February.
    expect(statsPeriod('2028-03-01', '2028-03-31')).toMatchObject({ previousFrom: '2028-01-30', previousTo: '2028-02-29' });
  });

  it('allows up to 1,096 days and no more', () => {
    expect(statsPeriod('2024-01-01', '2026-12-31').days).toBe(MAX_STATS_DAYS);
    expect(fieldsOf(() => statsPeriod('2024-01-01', '2027-01-01'))).toEqual(['to']);
  });

  it('names the field that is wrong', () => {
    expect(fieldsOf(() => statsPeriod('2026-11-30', '2026-11-01'))).toEqual(['to']);
    expect(fieldsOf(() => statsPeriod('2026-02-30', '2026-03-01'))).toEqual(['from']);
    expect(fieldsOf(() => statsPeriod('2026-01-01', '2026-13-01'))).toEqual(['to']);
    expect(fieldsOf(() => statsPeriod('yesterday', undefined))).toEqual(['from', 'to']);
  });
});

describe('rate', () => {
  it('gives a rate with its parts, 0 over nothing', () => {
    expect(rate(1, 3)).toEqual({ numerator: 1, denominator: 3, ratio: 0.3333 });
    expect(rate(2, 3).ratio).toBe(0.6667);
    expect(rate(0, 0)).toEqual({ numerator: 0, denominator: 0, ratio: 0 });
  });
});
