import { describe, expect, it } from '@jest/globals'
import { ROUTES } from '../../services/navigation'
import { workAreasFor } from './work-areas'

const titles = (roles: Parameters<typeof workAreasFor>[0]) => workAreasFor(roles).map((area) => area.title)

describe('workAreasFor', () => {
  it('gives each role its work areas in screen order', () => {
    expect(titles(['admin'])).toEqual(['用户管理', '科室管理', '排班管理', '患者', '候诊屏', '药品目录', '收费项目'])
    expect(titles(['receptionist'])).toEqual(['患者', '挂号', '候诊屏'])
    expect(titles(['doctor'])).toEqual(['患者', '接诊'])
    expect(titles(['pharmacist'])).toEqual(['患者', '发药', '药品目录'])
    expect(titles(['cashier'])).toEqual(['患者', '收费'])
    expect(titles(['auditor'])).toEqual(['审计日志'])
    expect(titles(['patient'])).toEqual([])
  })

  it('shows a shared area once for a user with several roles', () => {
    expect(titles(['admin', 'pharmacist'])).toEqual(['用户管理', '科室管理', '排班管理', '患者', '候诊屏', '发药', '药品目录', '收费项目'])
  })

  it('links only the areas that exist; the others are marked as coming soon', () => {
    const linked = workAreasFor(['admin', 'receptionist', 'doctor', 'pharmacist', 'cashier', 'auditor'])
      .filter((area) => area.url)
      .map((area) => area.title)
    expect(linked).toEqual(['用户管理', '科室管理', '排班管理', '患者', '挂号', '候诊屏', '接诊', '药品目录', '收费项目', '审计日志'])
  })

  it('opens the scheduling pages from their tiles', () => {
    const url = (roles: Parameters<typeof workAreasFor>[0], key: string) => workAreasFor(roles).find((area) => area.key === key)?.url
    expect(url(['admin'], 'schedules')).toBe(ROUTES.scheduleAdmin)
    expect(url(['receptionist'], 'registration')).toBe(ROUTES.desk)
    expect(url(['doctor'], 'consultation')).toBe(ROUTES.doctorQueue)
    expect(url(['receptionist'], 'queue-display')).toBe(ROUTES.queueDisplay)
    expect(url(['doctor'], 'queue-display')).toBeUndefined()
  })

  it('sends the patients tile to the patients page', () => {
    const patients = workAreasFor(['receptionist']).find((area) => area.key === 'patients')
    expect(patients?.url).toBe(ROUTES.patients)
  })
})
