import { beforeEach, describe, expect, it } from '@jest/globals'
import type { AccountReply } from '@clinic/contracts'
import { taroMock, type MockRequestOptions } from '../../test/taro-mock'
import { createClinicApi, createHttpClient, type ClinicApi } from './api'
import { relaunchToSignIn, ROUTES } from './navigation'
import { createStorageSessionStore } from './session'

const BASE = 'https://gateway.test'
const ID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301'
const ACCOUNT: AccountReply = { id: 'acc-1', currentPrivacyVersion: '2026-11', privacyVersion: null, privacyConsentedAt: null, createdAt: '2026-11-26T00:00:00Z' }

function setup() {
  const sessions = createStorageSessionStore()
  const http = createHttpClient({ baseUrl: BASE, sessions, onSessionEnded: relaunchToSignIn })
  return { sessions, api: createClinicApi(http, sessions) }
}

function sent(request: MockRequestOptions) {
  return { method: request.method ?? 'GET', url: request.url.replace(`${BASE}/api/v1`, ''), body: request.data }
}

beforeEach(() => {
  taroMock.reset()
})

describe('endpoints', () => {
  const cases: [string, (api: ClinicApi) => Promise<unknown>, { method: string; url: string; body?: unknown }][] = [
    ['wechat login', (api) => api.wechatLogin('h5-abc'), { method: 'POST', url: '/auth/wechat/login', body: { code: 'h5-abc' } }],
    ['privacy consent', (api) => api.consentToPrivacy('2026-11'), { method: 'POST', url: '/me/privacy-consent', body: { version: '2026-11' } }],
    ['export', (api) => api.exportMyData(), { method: 'GET', url: '/me/export' }],
    ['close account', (api) => api.closeAccount(), { method: 'POST', url: '/me/close' }],
    [
      'list staff',
      (api) => api.listStaff({ query: '王', role: 'doctor', page: 2, pageSize: 20 }),
      { method: 'GET', url: '/staff?query=%E7%8E%8B&role=doctor&page=2&pageSize=20' }
    ],
    ['get staff', (api) => api.getStaff(ID), { method: 'GET', url: `/staff/${ID}` }],
    [
      'create staff',
      (api) => api.createStaff({ username: 'doctor.wang', password: 'Clinic-2026-ok', name: '王医生', roles: ['doctor'], title: '主治医师' }),
      {
        method: 'POST',
        url: '/staff',
        body: { username: 'doctor.wang', password: 'Clinic-2026-ok', name: '王医生', roles: ['doctor'], title: '主治医师' }
      }
    ],
    [
      'update staff',
      (api) => api.updateStaff(ID, { roles: ['doctor', 'admin'], departmentId: null }),
      { method: 'PATCH', url: `/staff/${ID}`, body: { roles: ['doctor', 'admin'], departmentId: null } }
    ],
    ['disable staff', (api) => api.disableStaff(ID), { method: 'POST', url: `/staff/${ID}/disable` }],
    ['enable staff', (api) => api.enableStaff(ID), { method: 'POST', url: `/staff/${ID}/enable` }],
    ['doctors of a department', (api) => api.listDoctors('d-1'), { method: 'GET', url: '/doctors?departmentId=d-1' }],
    ['all doctors', (api) => api.listDoctors(), { method: 'GET', url: '/doctors' }],
    ['search patients', (api) => api.listPatients({ query: 'MR00000001', page: 1, pageSize: 20 }), { method: 'GET', url: '/patients?query=MR00000001&page=1&pageSize=20' }],
    ['get patient', (api) => api.getPatient(ID), { method: 'GET', url: `/patients/${ID}` }],
    [
      'create patient',
      (api) => api.createPatient({ name: '张三', gender: 'M', birthDate: '1990-01-31', phone: '13800138000', relationship: '本人' }),
      { method: 'POST', url: '/patients', body: { name: '张三', gender: 'M', birthDate: '1990-01-31', phone: '13800138000', relationship: '本人' } }
    ],
    [
      'update patient',
      (api) => api.updatePatient(ID, { phone: '13900001111', allergies: { drugClasses: ['NSAID'], note: '' } }),
      { method: 'PATCH', url: `/patients/${ID}`, body: { phone: '13900001111', allergies: { drugClasses: ['NSAID'], note: '' } } }
    ],
    ['remove patient', (api) => api.removePatient(ID), { method: 'DELETE', url: `/patients/${ID}` }],
    [
      'link patient',
      (api) => api.linkPatient({ idCardNo: '110101199001310018', phone: '13800138000', relationship: '父母' }),
      { method: 'POST', url: '/patients/link', body: { idCardNo: '110101199001310018', phone: '13800138000', relationship: '父母' } }
    ],
    [
      'audit log',
      (api) =>
        api.listAuditLogs({ patientId: ID, action: 'PATIENT_READ', outcome: 'DENIED', from: '2026-11-01T00:00:00.000Z', page: 1, pageSize: 50 }),
      {
        method: 'GET',
        url: `/audit-logs?patientId=${ID}&action=PATIENT_READ&outcome=DENIED&from=2026-11-01T00%3A00%3A00.000Z&page=1&pageSize=50`
      }
    ]
  ]

  it.each(cases)('%s', async (_name, call, expected) => {
    const { sessions, api } = setup()
    sessions.save({ kind: 'account', accessToken: 'access-1', refreshToken: 'refresh-1', account: ACCOUNT })
    taroMock.onRequest((request) =>
      request.url.endsWith('/auth/wechat/login')
        ? { statusCode: 200, data: { accessToken: 'a', refreshToken: 'r', expiresIn: 900, account: ACCOUNT } }
        : { statusCode: 200, data: ACCOUNT }
    )

    await call(api)

    expect(taroMock.requests).toHaveLength(1)
    expect(sent(taroMock.requests[0])).toEqual({ body: undefined, ...expected })
  })

  it('escapes an id so it cannot change the path', async () => {
    const { api } = setup()
    taroMock.onRequest(() => ({ statusCode: 200, data: {} }))
    await api.getPatient('../staff')
    expect(sent(taroMock.requests[0]).url).toBe('/patients/..%2Fstaff')
  })
})

describe('patient account sessions', () => {
  it('keeps the account from the WeChat login, without a token on the login call itself', async () => {
    const { sessions, api } = setup()
    taroMock.onRequest(() => ({ statusCode: 200, data: { accessToken: 'a-1', refreshToken: 'r-1', expiresIn: 900, account: ACCOUNT } }))

    await api.wechatLogin('code-1')

    expect(taroMock.requests[0].header?.Authorization).toBeUndefined()
    expect(sessions.get()).toEqual({ kind: 'account', accessToken: 'a-1', refreshToken: 'r-1', account: ACCOUNT })
  })

  it('remembers the consent the server recorded', async () => {
    const { sessions, api } = setup()
    sessions.save({ kind: 'account', accessToken: 'a-1', refreshToken: 'r-1', account: ACCOUNT })
    const consented = { ...ACCOUNT, privacyVersion: '2026-11', privacyConsentedAt: '2026-11-26T08:00:00Z' }
    taroMock.onRequest(() => ({ statusCode: 200, data: consented }))

    await api.consentToPrivacy('2026-11')

    expect(sessions.get()).toMatchObject({ kind: 'account', account: consented })
  })

  it('forgets the session once the account is closed, but not when closing fails', async () => {
    const { sessions, api } = setup()
    sessions.save({ kind: 'account', accessToken: 'a-1', refreshToken: 'r-1', account: ACCOUNT })
    taroMock.onRequest(() => ({ statusCode: 503, data: { code: 'UPSTREAM.UNAVAILABLE', message: 'down' } }))
    await expect(api.closeAccount()).rejects.toMatchObject({ status: 503 })
    expect(sessions.get()).not.toBeNull()

    taroMock.onRequest(() => ({ statusCode: 204, data: '' }))
    await api.closeAccount()
    expect(sessions.get()).toBeNull()
  })

  it('sends a patient whose session died to the patient login, not the staff one', async () => {
    const { sessions, api } = setup()
    sessions.save({ kind: 'account', accessToken: 'forged', refreshToken: 'r-1', account: ACCOUNT })
    taroMock.onRequest(() => ({ statusCode: 401, data: { code: 'AUTH.TOKEN_INVALID', message: 'token invalid' } }))

    await expect(api.listPatients()).rejects.toMatchObject({ status: 401 })

    expect(sessions.get()).toBeNull()
    expect(taroMock.navigations).toEqual([ROUTES.patientLogin])
  })

  it('updates the stored account from /me', async () => {
    const { sessions, api } = setup()
    sessions.save({ kind: 'account', accessToken: 'a-1', refreshToken: 'r-1', account: ACCOUNT })
    const later = { ...ACCOUNT, privacyVersion: '2026-11', privacyConsentedAt: '2026-11-26T08:00:00Z' }
    taroMock.onRequest(() => ({ statusCode: 200, data: { kind: 'account', account: later } }))

    await api.me()

    expect(sessions.get()).toMatchObject({ kind: 'account', account: later })
  })
})
