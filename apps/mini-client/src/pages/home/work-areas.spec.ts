import { describe, expect, it } from '@jest/globals'
import { ROUTES } from '../../services/navigation'
import { workAreasFor } from './work-areas'

/** The pharmacy's management areas, which the admin and the pharmacist share. */
const PHARMACY = ['药品管理', '入库', '供应商', '盘点', '库存预警', '库存报表', '补货建议']

const titles = (roles: Parameters<typeof workAreasFor>[0]) => workAreasFor(roles).map((area) => area.title)

describe('workAreasFor', () => {
  it('gives each role its work areas in screen order', () => {
    expect(titles(['admin'])).toEqual(['经营看板', '用户管理', '科室管理', '排班管理', '患者', '候诊屏', ...PHARMACY, '收费项目', '日结', '收入报表'])
    expect(titles(['receptionist'])).toEqual(['患者', '挂号', '候诊屏'])
    expect(titles(['doctor'])).toEqual(['患者', '接诊'])
    expect(titles(['pharmacist'])).toEqual(['患者', '发药', ...PHARMACY])
    expect(titles(['cashier'])).toEqual(['患者', '收费', '日结', '收入报表'])
    expect(titles(['auditor'])).toEqual(['审计日志'])
    expect(titles(['patient'])).toEqual([])
  })

  it('shows a shared area once for a user with several roles', () => {
    expect(titles(['admin', 'pharmacist'])).toEqual(['经营看板', '用户管理', '科室管理', '排班管理', '患者', '候诊屏', '发药', ...PHARMACY, '收费项目', '日结', '收入报表'])
  })

  it('links only the areas that exist; the others are marked as coming soon', () => {
    const linked = workAreasFor(['admin', 'receptionist', 'doctor', 'pharmacist', 'cashier', 'auditor'])
      .filter((area) => area.url)
      .map((area) => area.title)
    expect(linked).toEqual(['经营看板', '用户管理', '科室管理', '排班管理', '患者', '挂号', '候诊屏', '接诊', '发药', ...PHARMACY, '收费项目', '收费', '日结', '收入报表', '审计日志'])
  })

  it('opens the scheduling pages from their tiles', () => {
    const url = (roles: Parameters<typeof workAreasFor>[0], key: string) => workAreasFor(roles).find((area) => area.key === key)?.url
    expect(url(['admin'], 'schedules')).toBe(ROUTES.scheduleAdmin)
    expect(url(['receptionist'], 'registration')).toBe(ROUTES.desk)
    expect(url(['doctor'], 'consultation')).toBe(ROUTES.doctorQueue)
    expect(url(['receptionist'], 'queue-display')).toBe(ROUTES.queueDisplay)
    expect(url(['doctor'], 'queue-display')).toBeUndefined()
  })

  it('opens the pharmacy pages, and 发药 for the pharmacist only (the admin manages stock but does not dispense)', () => {
    const url = (roles: Parameters<typeof workAreasFor>[0], key: string) => workAreasFor(roles).find((area) => area.key === key)?.url
    expect(url(['pharmacist'], 'dispensing')).toBe(ROUTES.dispensary)
    expect(url(['admin'], 'dispensing')).toBeUndefined()
    for (const roles of [['admin'], ['pharmacist']] as const) {
      expect(url([...roles], 'drugs')).toBe(ROUTES.drugAdmin)
      expect(url([...roles], 'stock-in')).toBe(ROUTES.stockIn)
      expect(url([...roles], 'suppliers')).toBe(ROUTES.suppliers)
      expect(url([...roles], 'stocktake')).toBe(ROUTES.stocktake)
      expect(url([...roles], 'pharmacy-alerts')).toBe(ROUTES.pharmacyAlerts)
      expect(url([...roles], 'stock-report')).toBe(ROUTES.stockReport)
    }
    expect(url(['doctor'], 'drugs')).toBeUndefined()
  })

  it('opens the cashier page from 收费, for the cashier only', () => {
    const url = (roles: Parameters<typeof workAreasFor>[0], key: string) => workAreasFor(roles).find((area) => area.key === key)?.url
    expect(url(['cashier'], 'billing')).toBe(ROUTES.cashier)
    expect(url(['admin'], 'billing')).toBeUndefined()
  })

  it('opens 日结 and 收入报表 for the cashier and the admin, and for nobody else', () => {
    const url = (roles: Parameters<typeof workAreasFor>[0], key: string) => workAreasFor(roles).find((area) => area.key === key)?.url
    for (const role of ['cashier', 'admin'] as const) {
      expect(url([role], 'settlement')).toBe(ROUTES.settlement)
      expect(url([role], 'revenue')).toBe(ROUTES.revenue)
    }
    for (const role of ['receptionist', 'doctor', 'pharmacist', 'auditor', 'patient'] as const) {
      expect(url([role], 'settlement')).toBeUndefined()
      expect(url([role], 'revenue')).toBeUndefined()
    }
  })

  it('opens 经营看板 for the admin only, and 补货建议 for the admin and the pharmacist', () => {
    const url = (roles: Parameters<typeof workAreasFor>[0], key: string) => workAreasFor(roles).find((area) => area.key === key)?.url
    expect(url(['admin'], 'dashboard')).toBe(ROUTES.dashboard)
    for (const role of ['pharmacist', 'cashier', 'receptionist', 'doctor', 'auditor'] as const) expect(url([role], 'dashboard')).toBeUndefined()
    expect(url(['admin'], 'reorder')).toBe(ROUTES.reorder)
    expect(url(['pharmacist'], 'reorder')).toBe(ROUTES.reorder)
    expect(url(['cashier'], 'reorder')).toBeUndefined()
  })

  it('sends the patients tile to the patients page', () => {
    const patients = workAreasFor(['receptionist']).find((area) => area.key === 'patients')
    expect(patients?.url).toBe(ROUTES.patients)
  })
})
