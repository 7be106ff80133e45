import { describe, expect, it } from '@jest/globals'
import { ApiError } from '../services/api'
import { batchText, daysBetween, parseCount, shortageLines } from './pharmacy'

describe('parseCount', () => {
  it('reads whole units within the range', () => {
    expect(parseCount(' 12 ')).toBe(12)
    expect(parseCount('0')).toBe(0)
    expect(parseCount('0', 1)).toBeNull()
    expect(parseCount('11', 0, 10)).toBeNull()
  })

  it('refuses what is not a whole number', () => {
    for (const text of ['', '1.5', '-1', '1e3', 'abc', '１２']) expect(parseCount(text)).toBeNull()
  })
})

describe('shortageLines', () => {
  it('names each short drug with what was asked and what is there', () => {
    const short = new ApiError(409, {
      code: 'STOCK.INSUFFICIENT',
      message: 'insufficient',
      details: [
        { drugId: 'a', name: '阿莫西林胶囊', requested: 10, available: 4 },
        { drugId: 'b', name: '布洛芬缓释胶囊', requested: 2, available: 0 },
        'noise'
      ]
    })
    expect(shortageLines(short)).toEqual(['阿莫西林胶囊：需 10，可用 4', '布洛芬缓释胶囊：需 2，可用 0'])
  })

  it('says nothing about other errors', () => {
    expect(shortageLines(new ApiError(409, { code: 'PRESCRIPTION.EXPIRED', message: 'expired' }))).toEqual([])
    expect(shortageLines(new Error('x'))).toEqual([])
  })
})

describe('batchText and daysBetween', () => {
  it('writes a batch as the pharmacist reads it off the box', () => {
    expect(batchText({ batchNo: '20260815A', expiryDate: '2028-07-31', quantity: 12 }, '盒')).toBe('批号 20260815A · 效期至 2028-07-31 · 12 盒')
  })

  it('counts calendar days, across a month end and backwards', () => {
    expect(daysBetween('2026-11-26', '2026-12-01')).toBe(5)
    expect(daysBetween('2026-11-26', '2026-11-26')).toBe(0)
    expect(daysBetween('2026-11-26', '2026-11-20')).toBe(-6)
    expect(daysBetween('2026-11-26', 'soon')).toBeNull()
  })
})
