import Database from 'better-sqlite3';
import { chapterSql, minutesOf } from './stats-math';

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

  it('finds the ICD-10 chapter of a code in SQL, at both ends of a range', () => {
    const db = new Database(':memory:');
    const chapterOf = (code: string) => (db.prepare(`SELECT ${chapterSql('@code')} AS c`).get({ code }) as { c: string }).c;
    try {
      const cases: [string, string][] = [
        ['J06.900', 'J00-J99'],
        ['j06.900', 'J00-J99'],
        ['D48.1', 'C00-D48'],
        ['D50.0', 'D50-D89'],
        ['H60.3', 'H60-H95'],
        ['T78.4', 'S00-T98'],
        ['A00.000', 'A00-B99'],
        ['Z99.9', 'Z00-Z99'],
        ['U07.1', 'U00-U99'],
        ['Y98', 'V01-Y98'],
        ['Y99.0', ''],
        ['', ''],
      ];
      expect(cases.map(([code]) => [code, chapterOf(code)])).toEqual(cases);
    } finally {
      db.close();
    }
  });
});
