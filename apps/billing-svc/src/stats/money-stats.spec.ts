import { averageFen, rate } from './money-stats.service';

describe('money statistics arithmetic', () => {
  it('averages whole fen, halves up, nothing over no bills', () => {
    expect(averageFen(10_000, 3)).toBe(3333);
    expect(averageFen(5, 2)).toBe(3);
    expect(averageFen(4, 2)).toBe(2);
    expect(averageFen(0, 0)).toBe(0);
  });

  it('gives a rate with its parts, 4 decimals, 0 over 0', () => {
    expect(rate(1, 3)).toEqual({ numerator: 1, denominator: 3, ratio: 0.3333 });
    expect(rate(2, 3)).toEqual({ numerator: 2, denominator: 3, ratio: 0.6667 });
    expect(rate(0, 0)).toEqual({ numerator: 0, denominator: 0, ratio: 0 });
  });
});
