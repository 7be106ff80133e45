import { fenToYuan, formatFen, parseYuan, yuanToFen } from './money';

describe('money as text', () => {
  it('formats fen as yuan, with and without the currency sign', () => {
    expect([formatFen(1250), formatFen(-5), formatFen(0)]).toEqual(['¥12.50', '-¥0.05', '¥0.00']);
    expect([fenToYuan(1250), fenToYuan(-5), fenToYuan(7), fenToYuan(123456789)]).toEqual(['12.50', '-0.05', '0.07', '1234567.89']);
    expect(() => fenToYuan(1.5)).toThrow(RangeError);
  });

  it('reads machine-written yuan exactly, refusing anything else', () => {
    expect([yuanToFen('37.00'), yuanToFen('0.1'), yuanToFen('12'), yuanToFen('0.29'), yuanToFen('123456789012.34')]).toEqual([3700, 10, 1200, 29, 12345678901234]);
    for (const bad of ['', '-1.00', '1.234', '¥1', ' 1.00', '1,000.00', 'abc', '.5']) expect(yuanToFen(bad)).toBeNull();
    // 0.29 * 100 is 28.999999999999996 in floating point; the digits never go through a float.
    expect(parseYuan('0.29')).toBe(29);
  });
});
