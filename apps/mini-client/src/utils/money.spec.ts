import { describe, expect, it } from '@jest/globals'
import { fenToYuanText, formatFen, formatOutFen, parseYuan } from './money'

describe('formatFen', () => {
  it.each([
    [1250, '¥12.50'],
    [0, '¥0.00'],
    [5, '¥0.05'],
    [10, '¥0.10'],
    [100, '¥1.00'],
    [123456789, '¥1234567.89'],
    [-5, '-¥0.05'],
    [-1999, '-¥19.99'],
    // Large amounts, where float division starts to round.
    [Number.MAX_SAFE_INTEGER, '¥90071992547409.91'],
    // (fen / 100).toFixed(2) gives .91 here: the quotient is not exactly representable.
    [Number.MAX_SAFE_INTEGER - 1, '¥90071992547409.90']
  ])('formats %p fen as %p', (fen, text) => {
    expect(formatFen(fen)).toBe(text)
  })

  it.each([0.1 + 0.2, 12.5, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 1])(
    'refuses %p, which is not a whole number of fen',
    (fen) => {
      expect(() => formatFen(fen)).toThrow(RangeError)
    }
  )
})

describe('parseYuan', () => {
  it('reads yuan with up to two decimals as whole fen', () => {
    expect(parseYuan('15')).toBe(1500)
    expect(parseYuan('15.5')).toBe(1550)
    expect(parseYuan(' ¥0.05 ')).toBe(5)
    expect(parseYuan('0.1')).toBe(10)
    // 0.29 * 100 is 28.999… in floating point; the text route is exact.
    expect(parseYuan('0.29')).toBe(29)
  })

  it('refuses what is not an amount', () => {
    for (const text of ['', '-1', '1.234', 'abc', '1e3', '.5']) expect(parseYuan(text)).toBeNull()
  })

  it('round-trips with the input text of an amount', () => {
    expect(fenToYuanText(1550)).toBe('15.50')
    expect(parseYuan(fenToYuanText(1999))).toBe(1999)
  })
})

describe('formatOutFen', () => {
  it('shows money going out with a minus, whichever sign it arrives with', () => {
    expect(formatOutFen(1250)).toBe('-¥12.50')
    expect(formatOutFen(-1250)).toBe('-¥12.50')
    expect(formatOutFen(0)).toBe('¥0.00')
  })
})
