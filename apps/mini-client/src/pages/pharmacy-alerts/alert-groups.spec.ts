import { describe, expect, it } from '@jest/globals'
import type { PharmacyAlert } from '@clinic/contracts'
import { alertDetail, groupAlerts } from './alert-groups'

const base = { spec: '0.25g*24粒', unit: '盒' }
const low = (name: string, quantity: number, reorderLevel: number): PharmacyAlert => ({ ...base, type: 'LOW_STOCK', drugId: name, drugName: name, quantity, reorderLevel })
const near = (name: string, daysLeft: number): PharmacyAlert => ({ ...base, type: 'NEAR_EXPIRY', drugId: name, drugName: name, batchId: `b-${name}`, batchNo: `B-${name}`, expiryDate: '2026-12-20', quantity: 8, daysLeft })
const expired = (name: string, expiryDate: string): PharmacyAlert => ({ ...base, type: 'EXPIRED', drugId: name, drugName: name, batchId: `x-${name}`, batchNo: `X-${name}`, expiryDate, quantity: 3 })

describe('groupAlerts', () => {
  it('lists expired, then near expiry, then low stock, with counts, leaving out empty groups', () => {
    const groups = groupAlerts([low('a', 1, 10), near('b', 20), expired('c', '2026-11-01'), near('d', 3)])
    expect(groups.map((group) => [group.label, group.alerts.length])).toEqual([
      ['已过期', 1],
      ['近效期', 2],
      ['库存不足', 1]
    ])
    expect(groupAlerts([low('a', 1, 10)]).map((group) => group.type)).toEqual(['LOW_STOCK'])
    expect(groupAlerts([])).toEqual([])
  })

  it('puts the most urgent first in each group', () => {
    const groups = groupAlerts([near('later', 20), near('soon', 3), expired('new', '2026-11-20'), expired('old', '2026-10-01'), low('half', 10, 20), low('tenth', 10, 100)])
    expect(groups.map((group) => group.alerts.map((alert) => alert.drugName))).toEqual([
      ['old', 'new'],
      ['soon', 'later'],
      ['tenth', 'half']
    ])
  })
})

describe('alertDetail', () => {
  it('says what is wrong in figures', () => {
    expect(alertDetail(low('a', 4, 20))).toBe('可用 4 盒，低于预警库存 20 盒')
    expect(alertDetail(near('b', 12))).toBe('批号 B-b · 效期至 2026-12-20（12 天后到期）· 8 盒')
    expect(alertDetail(near('b', 0))).toBe('批号 B-b · 效期至 2026-12-20（今天到期）· 8 盒')
    expect(alertDetail(expired('c', '2026-11-01'))).toBe('批号 X-c · 2026-11-01 已过期 · 剩 3 盒')
  })
})
