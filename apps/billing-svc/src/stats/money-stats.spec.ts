import { averageFen } from './money-stats.service';

describe('money statistics arithmetic', () => {
  it('averages whole fen, halves up, nothing over no bills', () => {
    expect(averageFen(10_000, 3)).toBe(3333);
    expect(averageFen(5, 2)).toBe(3);
    expect(averageFen(4, 2)).toBe(2);
    expect(averageFen(0, 0)).toBe(0);
  });
});
