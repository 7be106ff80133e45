import { beforeEach, describe, expect, it } from '@jest/globals'
import type { AccountReply, StaffUserReply } from '@clinic/contracts'
import { taroMock } from '../../test/taro-mock'
import { canCloseDay, canCollect, canEditPatients, canManageStaff, canReadAudit, canReadPatients, canReadRevenue, canReadSettlements } from './access'
import { requireAccount, requireStaff } from './guard'
import { ROUTES } from './navigation'
import { createStorageSessionStore } from './session'

const ADMIN: StaffUserReply = { id: 'u-1', username: 'admin', name: '管理员', roles: ['admin'], clinicId: 'clinic-1' }
const ACCOUNT: AccountReply = { id: 'acc-1', currentPrivacyVersion: '2026-11', privacyVersion: null, privacyConsentedAt: null, createdAt: '2026-11-26T00:00:00Z' }

beforeEach(() => {
  taroMock.reset()
})

describe('who may do what', () => {
  it('lets every clinical role read patients, but only the desk and admins edit them', () => {
    for (const role of ['admin', 'receptionist', 'doctor', 'pharmacist', 'cashier'] as const) expect(canReadPatients([role])).toBe(true)
    expect(canReadPatients(['auditor'])).toBe(false)
    expect(canEditPatients(['receptionist'])).toBe(true)
    expect(canEditPatients(['doctor', 'cashier'])).toBe(false)
    expect(canManageStaff(['admin'])).toBe(true)
    expect(canManageStaff(['receptionist'])).toBe(false)
    expect(canReadAudit(['auditor'])).toBe(true)
    expect(canReadAudit(['admin'])).toBe(false)
  })

  it('lets the cashier take and give back money and close the day; the admin only reads the day and the reports', () => {
    expect(canCollect(['cashier'])).toBe(true)
    expect(canCollect(['admin'])).toBe(false)
    expect(canCloseDay(['cashier'])).toBe(true)
    expect(canCloseDay(['admin'])).toBe(false)
    for (const role of ['cashier', 'admin'] as const) {
      expect(canReadSettlements([role])).toBe(true)
      expect(canReadRevenue([role])).toBe(true)
    }
    for (const role of ['receptionist', 'doctor', 'pharmacist', 'auditor', 'patient'] as const) {
      expect(canReadSettlements([role])).toBe(false)
      expect(canReadRevenue([role])).toBe(false)
      expect(canCloseDay([role])).toBe(false)
    }
  })
})

describe('page guards', () => {
  it('sends a visitor without a staff session to the staff login', () => {
    const store = createStorageSessionStore()
    store.save({ kind: 'account', accessToken: 'a', refreshToken: 'r', account: ACCOUNT })
    expect(requireStaff(undefined, store)).toBeNull()
    expect(taroMock.navigations).toEqual([ROUTES.login])
  })

  it('sends staff without the role home, and lets the right role in', () => {
    const store = createStorageSessionStore()
    store.save({ kind: 'staff', accessToken: 'a', refreshToken: 'r', user: ADMIN })
    expect(requireStaff(canReadAudit, store)).toBeNull()
    expect(taroMock.navigations).toEqual([ROUTES.home])
    expect(requireStaff(canManageStaff, store)?.user.name).toBe('管理员')
  })

  it('lets the admin into 日结 and 收入报表 but not into 收费', () => {
    const store = createStorageSessionStore()
    store.save({ kind: 'staff', accessToken: 'a', refreshToken: 'r', user: ADMIN })
    expect(requireStaff(canReadSettlements, store)).not.toBeNull()
    expect(requireStaff(canReadRevenue, store)).not.toBeNull()
    expect(taroMock.navigations).toEqual([])
    expect(requireStaff(canCollect, store)).toBeNull()
    expect(taroMock.navigations).toEqual([ROUTES.home])
  })

  it('sends a visitor without a patient session to the patient login', () => {
    const store = createStorageSessionStore()
    store.save({ kind: 'staff', accessToken: 'a', refreshToken: 'r', user: ADMIN })
    expect(requireAccount(store)).toBeNull()
    expect(taroMock.navigations).toEqual([ROUTES.patientLogin])
  })

  it('treats a session stored by an older build (no kind) as signed out', () => {
    const store = createStorageSessionStore()
    taroMock.storage.set('clinic.session', { accessToken: 'a', refreshToken: 'r', user: ADMIN })
    expect(store.get()).toBeNull()
  })
})
