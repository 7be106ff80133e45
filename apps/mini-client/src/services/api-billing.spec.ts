import { beforeEach, describe, expect, it } from '@jest/globals'
import type { AccountReply, StaffUserReply } from '@clinic/contracts'
import { taroMock, type MockRequestOptions } from '../../test/taro-mock'
import { createClinicApi, createHttpClient, type ClinicApi } from './api'
import { createBillingApi, type BillingApi } from './api-billing'
import { relaunchToSignIn } from './navigation'
import { createStorageSessionStore } from './session'

const BASE = 'https://gateway.test'
const BILL = '3f2504e0-4f89-41d3-9a0c-0305e82c3301'
const PATIENT = '9b2c1f4e-1a2b-4c3d-8e9f-0a1b2c3d4e5f'
const KEY = 'pay-lx4k2m-9f3a7c1e'
const CASHIER: StaffUserReply = { id: 'u-7', username: 'zhou', name: '周收费', roles: ['cashier'], clinicId: 'clinic-1' }
const ACCOUNT: AccountReply = { id: 'acc-1', currentPrivacyVersion: '2026-11', privacyVersion: '2026-11', privacyConsentedAt: '2026-11-26T00:00:00Z', createdAt: '2026-11-26T00:00:00Z' }

function setup() {
  const sessions = createStorageSessionStore()
  sessions.save({ kind: 'staff', accessToken: 'access-1', refreshToken: 'refresh-1', user: CASHIER })
  return { sessions, api: createClinicApi(createHttpClient({ baseUrl: BASE, sessions, onSessionEnded: relaunchToSignIn }), sessions) }
}

/** The cashier's billing calls on their own client (what api-billing.ts builds on the shared one). */
function setupBilling() {
  const sessions = createStorageSessionStore()
  sessions.save({ kind: 'staff', accessToken: 'access-1', refreshToken: 'refresh-1', user: CASHIER })
  return { sessions, billing: createBillingApi(createHttpClient({ baseUrl: BASE, sessions, onSessionEnded: relaunchToSignIn })) }
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

describe('医保 at the desk', () => {
  it('sends the card number with the payment\'s key, and no amount', async () => {
    const { api } = setup()
    await api.payBill(BILL, { method: 'INSURANCE', insuranceCardNo: '3301001234567' }, KEY)
    expect(taroMock.requests.map(sent)).toEqual([{ method: 'POST', url: `/bills/${BILL}/payments`, body: { method: 'INSURANCE', insuranceCardNo: '3301001234567' } }])
    expect(taroMock.requests[0].header?.['Idempotency-Key']).toBe(KEY)
  })
})

describe('the cashier\'s billing endpoints', () => {
  const PAYMENT = '7c9e6679-7425-40de-944b-e07fc1f90ae7'
  const REFUND = { lines: [{ lineId: 'l-1', quantity: 2 }, { lineId: 'l-2', amountFen: 500 }], reason: '患者未取药' }
  const cases: [string, (api: BillingApi) => Promise<unknown>, { method: string; url: string; body?: unknown }][] = [
    ['a refund', (api) => api.refundBill(BILL, REFUND, KEY), { method: 'POST', url: `/bills/${BILL}/refunds`, body: REFUND }],
    ['a bill\'s refunds', (api) => api.listRefunds(BILL), { method: 'GET', url: `/refunds?billId=${BILL}` }],
    ['close a pending WeChat payment', (api) => api.closePayment(PAYMENT), { method: 'POST', url: `/payments/${PAYMENT}/close` }],
    ['reverse a payment', (api) => api.reversePayment(PAYMENT, '金额输错', KEY), { method: 'POST', url: `/payments/${PAYMENT}/reversals`, body: { reason: '金额输错' } }],
    ['a day\'s settlement', (api) => api.dailySettlement('2026-11-26'), { method: 'GET', url: '/settlements/daily/2026-11-26' }],
    [
      'close the day',
      (api) => api.closeDay({ date: '2026-11-26', countedCashFen: 10499, note: '短款一分' }),
      { method: 'POST', url: '/settlements/daily', body: { date: '2026-11-26', countedCashFen: 10499, note: '短款一分' } }
    ],
    ['closed days', (api) => api.listSettlements('2026-10-28', '2026-11-26', 30), { method: 'GET', url: '/settlements?from=2026-10-28&to=2026-11-26&page=1&pageSize=30' }],
    [
      'revenue by department',
      (api) => api.revenue({ from: '2026-11-01', to: '2026-11-30', groupBy: 'department' }),
      { method: 'GET', url: '/reports/revenue?from=2026-11-01&to=2026-11-30&groupBy=department' }
    ],
    [
      'reconcile a WeChat trade bill',
      (api) => api.importWechatBill('2026-11-25', '交易时间,商户订单号\r\n'),
      { method: 'POST', url: '/reconciliations/wechat', body: { date: '2026-11-25', csv: '交易时间,商户订单号\r\n' } }
    ],
    ['a day\'s latest reconciliation', (api) => api.listReconciliations('2026-11-25', 1), { method: 'GET', url: '/reconciliations?date=2026-11-25&page=1&pageSize=1' }],
    ['one reconciliation with its items', (api) => api.getReconciliation('r-1'), { method: 'GET', url: '/reconciliations/r-1' }]
  ]

  it.each(cases)('%s', async (_name, call, expected) => {
    const { billing } = setupBilling()
    await call(billing)
    expect(taroMock.requests.map(sent)).toEqual([{ body: undefined, ...expected }])
    expect(taroMock.requests[0].header?.Authorization).toBe('Bearer access-1')
  })

  it('sends an Idempotency-Key with refunds and reversals only, the same one again after a token refresh', async () => {
    const { billing } = setupBilling()
    taroMock.onRequest((request) => {
      if (request.url.endsWith('/auth/refresh')) return { statusCode: 200, data: { accessToken: 'access-2', refreshToken: 'refresh-2', expiresIn: 900 } }
      if (request.header?.Authorization === 'Bearer access-2') return { statusCode: 201, data: {} }
      return { statusCode: 401, data: { code: 'AUTH.TOKEN_EXPIRED', message: 'expired' } }
    })
    await billing.refundBill(BILL, REFUND, 'refund-key-1')
    await billing.reversePayment(PAYMENT, '金额输错', 'reverse-key-1')
    await billing.listRefunds(BILL)
    const keys = taroMock.requests.filter((r) => !r.url.endsWith('/auth/refresh')).map((r) => [sent(r).url, r.header?.['Idempotency-Key']])
    expect(keys).toEqual([
      [`/bills/${BILL}/refunds`, 'refund-key-1'],
      [`/bills/${BILL}/refunds`, 'refund-key-1'],
      [`/payments/${PAYMENT}/reversals`, 'reverse-key-1'],
      [`/refunds?billId=${BILL}`, undefined]
    ])
  })

  it('rejects a refund of dispensed drugs with the lines to bring back', async () => {
    taroMock.onRequest(() => ({
      statusCode: 409,
      data: { code: 'REFUND.NOT_RETURNED', message: 'return first', details: [{ lineId: 'l-1', name: '阿莫西林胶囊', refundableQty: 0 }] }
    }))
    await expect(setupBilling().billing.refundBill(BILL, REFUND, KEY)).rejects.toMatchObject({
      status: 409,
      code: 'REFUND.NOT_RETURNED',
      details: [{ lineId: 'l-1', name: '阿莫西林胶囊', refundableQty: 0 }]
    })
  })

  it('downloads the revenue export as a file, with the token and the report\'s query', async () => {
    const bytes = new TextEncoder().encode('日期,收款\r\n').buffer
    taroMock.onRequest(() => ({ statusCode: 200, data: bytes }))
    const file = await setupBilling().billing.revenueExport({ from: '2026-11-01', to: '2026-11-30', groupBy: 'day' }, 'csv')
    expect(file).toBeInstanceOf(Blob)
    expect((file as Blob).type).toBe('text/csv')
    const request = taroMock.requests[0] as MockRequestOptions & { responseType?: string }
    expect(sent(request).url).toBe('/reports/revenue/export?format=csv&from=2026-11-01&to=2026-11-30&groupBy=day')
    expect(request.responseType).toBe('arraybuffer')
    expect(request.header?.Authorization).toBe('Bearer access-1')
  })

  it('turns a refused export into the server\'s error', async () => {
    const body = new TextEncoder().encode(JSON.stringify({ code: 'AUTH.FORBIDDEN', message: 'no' })).buffer
    taroMock.onRequest(() => ({ statusCode: 403, data: body }))
    await expect(setupBilling().billing.revenueExport({ from: '2026-11-01', to: '2026-11-30', groupBy: 'day' }, 'xlsx')).rejects.toMatchObject({ status: 403, code: 'AUTH.FORBIDDEN' })
  })

  it('fetches the receipt PDF of a bill', async () => {
    taroMock.onRequest(() => ({ statusCode: 200, data: new ArrayBuffer(4) }))
    await setupBilling().billing.receiptPdf(BILL)
    expect(sent(taroMock.requests[0]).url).toBe(`/bills/${BILL}/receipt.pdf`)
  })
})

describe('the patient\'s bills', () => {
  const PAYMENT = 'w-1'

  function setupAccount() {
    const sessions = createStorageSessionStore()
    sessions.save({ kind: 'account', accessToken: 'access-p', refreshToken: 'refresh-p', account: ACCOUNT })
    return createClinicApi(createHttpClient({ baseUrl: BASE, sessions, onSessionEnded: relaunchToSignIn }), sessions)
  }

  const cases: [string, (api: ClinicApi) => Promise<unknown>, { method: string; url: string; body?: unknown }][] = [
    ['the account\'s unpaid bills', (api) => api.listMyBills({ status: 'OPEN', page: 1, pageSize: 100 }), { method: 'GET', url: '/me/bills?status=OPEN&page=1&pageSize=100' }],
    ['one patient\'s bills', (api) => api.listMyBills({ patientId: PATIENT }), { method: 'GET', url: `/me/bills?patientId=${PATIENT}` }],
    ['one bill', (api) => api.getMyBill(BILL), { method: 'GET', url: `/me/bills/${BILL}` }],
    ['open a WeChat payment', (api) => api.wechatPay(BILL, KEY), { method: 'POST', url: `/me/bills/${BILL}/wechat-pay` }],
    ['the payment\'s outcome', (api) => api.getMyPayment(PAYMENT), { method: 'GET', url: `/me/payments/${PAYMENT}` }],
    ['模拟支付 (development)', (api) => api.devCompletePayment(PAYMENT), { method: 'POST', url: `/me/payments/${PAYMENT}/dev-complete` }]
  ]

  it.each(cases)('%s', async (_name, call, expected) => {
    await call(setupAccount())
    expect(taroMock.requests.map(sent)).toEqual([{ body: undefined, ...expected }])
    expect(taroMock.requests[0].header?.Authorization).toBe('Bearer access-p')
  })

  it('opens the WeChat payment under the attempt\'s Idempotency-Key', async () => {
    await setupAccount().wechatPay(BILL, KEY)
    expect(taroMock.requests[0].header?.['Idempotency-Key']).toBe(KEY)
  })

  it('fetches the patient\'s own receipt', async () => {
    taroMock.onRequest(() => ({ statusCode: 200, data: new ArrayBuffer(4) }))
    await setupAccount().myReceiptPdf(BILL)
    expect(sent(taroMock.requests[0]).url).toBe(`/me/bills/${BILL}/receipt.pdf`)
  })
})
