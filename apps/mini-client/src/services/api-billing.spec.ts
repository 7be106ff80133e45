import { beforeEach, describe, expect, it } from '@jest/globals'
import type { StaffUserReply } from '@clinic/contracts'
import { taroMock, type MockRequestOptions } from '../../test/taro-mock'
import { createClinicApi, createHttpClient, type ClinicApi } from './api'
import { relaunchToSignIn } from './navigation'
import { createStorageSessionStore } from './session'

const BASE = 'https://gateway.test'
const BILL = '3f2504e0-4f89-41d3-9a0c-0305e82c3301'
const PATIENT = '9b2c1f4e-1a2b-4c3d-8e9f-0a1b2c3d4e5f'
const KEY = 'pay-lx4k2m-9f3a7c1e'
const CASHIER: StaffUserReply = { id: 'u-7', username: 'zhou', name: '周收费', roles: ['cashier'], clinicId: 'clinic-1' }

function setup() {
  const sessions = createStorageSessionStore()
  sessions.save({ kind: 'staff', accessToken: 'access-1', refreshToken: 'refresh-1', user: CASHIER })
  return { sessions, api: createClinicApi(createHttpClient({ baseUrl: BASE, sessions, onSessionEnded: relaunchToSignIn }), sessions) }
}

function sent(request: MockRequestOptions) {
  return { method: request.method ?? 'GET', url: request.url.replace(`${BASE}/api/v1`, ''), body: request.data }
}

beforeEach(() => {
  taroMock.reset()
  taroMock.onRequest(() => ({ statusCode: 200, data: {} }))
})

describe('billing endpoints', () => {
  const cases: [string, (api: ClinicApi) => Promise<unknown>, { method: string; url: string; body?: unknown }][] = [
    ['a patient\'s open bills', (api) => api.listBills({ patientId: PATIENT, status: 'OPEN', page: 1, pageSize: 100 }), { method: 'GET', url: `/bills?patientId=${PATIENT}&status=OPEN&page=1&pageSize=100` }],
    ['all of a patient\'s bills', (api) => api.listBills({ patientId: PATIENT, page: 2 }), { method: 'GET', url: `/bills?patientId=${PATIENT}&page=2` }],
    ['one bill', (api) => api.getBill(BILL), { method: 'GET', url: `/bills/${BILL}` }],
    [
      'cash with change',
      (api) => api.payBill(BILL, { method: 'CASH', amountFen: 3700, tenderedFen: 5000 }, KEY),
      { method: 'POST', url: `/bills/${BILL}/payments`, body: { method: 'CASH', amountFen: 3700, tenderedFen: 5000 } }
    ],
    ['card', (api) => api.payBill(BILL, { method: 'CARD', amountFen: 1200 }, KEY), { method: 'POST', url: `/bills/${BILL}/payments`, body: { method: 'CARD', amountFen: 1200 } }]
  ]

  it.each(cases)('%s', async (_name, call, expected) => {
    await call(setup().api)
    expect(taroMock.requests.map(sent)).toEqual([{ body: undefined, ...expected }])
    expect(taroMock.requests[0].header?.Authorization).toBe('Bearer access-1')
  })

  it('sends the payment\'s Idempotency-Key, and only on the payment', async () => {
    const { api } = setup()
    await api.payBill(BILL, { method: 'CARD', amountFen: 1200 }, KEY)
    await api.getBill(BILL)
    expect(taroMock.requests[0].header).toMatchObject({ 'Idempotency-Key': KEY, Authorization: 'Bearer access-1', 'Content-Type': 'application/json' })
    expect(taroMock.requests[1].header).not.toHaveProperty('Idempotency-Key')
  })

  it('keeps the same Idempotency-Key when the payment is sent again after a token refresh', async () => {
    const { api } = setup()
    taroMock.onRequest((request) => {
      if (request.url.endsWith('/auth/refresh')) return { statusCode: 200, data: { accessToken: 'access-2', refreshToken: 'refresh-2', expiresIn: 900 } }
      if (request.header?.Authorization === 'Bearer access-2') return { statusCode: 201, data: { id: 'p-1', method: 'CARD', amountFen: 1200 } }
      return { statusCode: 401, data: { code: 'AUTH.TOKEN_EXPIRED', message: 'expired' } }
    })

    await api.payBill(BILL, { method: 'CARD', amountFen: 1200 }, KEY)

    const payments = taroMock.requests.filter((request) => request.url.endsWith('/payments'))
    expect(payments.map((request) => request.header?.['Idempotency-Key'])).toEqual([KEY, KEY])
    expect(taroMock.requests.find((request) => request.url.endsWith('/auth/refresh'))?.header).not.toHaveProperty('Idempotency-Key')
  })

  it('rejects with the server\'s code and details', async () => {
    taroMock.onRequest(() => ({ statusCode: 409, data: { code: 'PAYMENT.EXCEEDS_DUE', message: 'exceeds', details: { dueFen: 800 } } }))
    await expect(setup().api.payBill(BILL, { method: 'CASH', amountFen: 1000 }, KEY)).rejects.toMatchObject({
      status: 409,
      code: 'PAYMENT.EXCEEDS_DUE',
      details: { dueFen: 800 }
    })
  })
})
