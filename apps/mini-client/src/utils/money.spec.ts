import { describe, expect, it } from '@jest/globals'
import { formatFen } from './money'

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
