import { chapterOf, minutesOf } from './stats-math';

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

  it('finds the ICD-10 chapter of a code', () => {
    expect(chapterOf('J06.900')).toBe('J00-J99');
    expect(chapterOf('D48.1')).toBe('C00-D48');
    expect(chapterOf('D50.0')).toBe('D50-D89');
    expect(chapterOf('H60.3')).toBe('H60-H95');
    expect(chapterOf('T78.4')).toBe('S00-T98');
  });
});
