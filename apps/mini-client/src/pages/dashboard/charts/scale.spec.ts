import { describe, expect, it } from '@jest/globals'
import { compactNumber, labelEvery, MIN_VISIBLE_PERCENT, percentText, ratioPercent, ringBackground, scaleToMax, shareOf, showsLabel } from './scale'

describe('scaleToMax', () => {
  it('draws each value against the largest', () => {
    expect(scaleToMax([5, 10, 2.5])).toEqual([50, 100, 25])
    expect(scaleToMax([1, 3])).toEqual([33.3, 100])
  })

  it('draws nothing when there is nothing (an empty period: all zeros)', () => {
    expect(scaleToMax([0, 0, 0])).toEqual([0, 0, 0])
    expect(scaleToMax([])).toEqual([])
  })

  it('draws negatives and non-numbers as empty bars, and scales the rest to the largest positive', () => {
    expect(scaleToMax([-300, 600, 300, Number.NaN])).toEqual([0, 100, 50, 0])
    expect(scaleToMax([-5, -1])).toEqual([0, 0])
  })

  it('keeps a small positive value visible (and tappable)', () => {
    expect(scaleToMax([1, 10_000])).toEqual([MIN_VISIBLE_PERCENT, 100])
  })
})

describe('ratios', () => {
  it('writes a ratio as a percentage with one decimal, clamped to 0..100', () => {
    expect(ratioPercent(0.12345)).toBe(12.3)
    expect(percentText(0.0833)).toBe('8.3%')
    expect(percentText(0)).toBe('0.0%')
    expect(ratioPercent(1.5)).toBe(100)
    expect(ratioPercent(-0.2)).toBe(0)
    expect(ratioPercent(Number.NaN)).toBe(0)
  })

  it('gives a share of a total, 0 of nothing', () => {
    expect(shareOf(3, 12)).toBe(0.25)
    expect(shareOf(3, 0)).toBe(0)
  })

  it('fills the ring for the ratio\'s part of the turn', () => {
    expect(ringBackground(0.25, '#0f766e', '#eee')).toBe('conic-gradient(#0f766e 0deg 90deg, #eee 90deg 360deg)')
    expect(ringBackground(0, 'a', 'b')).toBe('conic-gradient(a 0deg 0deg, b 0deg 360deg)')
    expect(ringBackground(1, 'a', 'b')).toBe('conic-gradient(a 0deg 360deg, b 360deg 360deg)')
    expect(ringBackground(0.123, 'a', 'b')).toBe('conic-gradient(a 0deg 44.3deg, b 44.3deg 360deg)')
  })
})

describe('labels under a long series', () => {
  it('labels every bar that fits, else every n-th and the last', () => {
    expect(labelEvery(7, 12)).toBe(1)
    expect(labelEvery(31, 8)).toBe(4)
    const shown = Array.from({ length: 31 }, (_, index) => index).filter((index) => showsLabel(index, 31, labelEvery(31, 8)))
    expect(shown).toEqual([0, 4, 8, 12, 16, 20, 24, 28, 30])
    expect(showsLabel(3, 7, 1)).toBe(true)
  })
})

describe('compactNumber', () => {
  it('writes small figures whole and large ones in 万', () => {
    expect(compactNumber(860)).toBe('860')
    expect(compactNumber(12.6)).toBe('13')
    expect(compactNumber(12_345)).toBe('1.2万')
    expect(compactNumber(10_000)).toBe('1万')
    expect(compactNumber(3_000_000)).toBe('300万')
    expect(compactNumber(-25_000)).toBe('-2.5万')
  })
})
