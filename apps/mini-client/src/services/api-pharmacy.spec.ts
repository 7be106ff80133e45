import { beforeEach, describe, expect, it } from '@jest/globals'
import type { StaffUserReply } from '@clinic/contracts'
import { taroMock, type MockRequestOptions } from '../../test/taro-mock'
import { createClinicApi, createHttpClient, type ClinicApi } from './api'
import { relaunchToSignIn, ROUTES } from './navigation'
import { createStorageSessionStore } from './session'

const BASE = 'https://gateway.test'
const ID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301'
const DRUG = '9b2c1f4e-1a2b-4c3d-8e9f-0a1b2c3d4e5f'
const PHARMACIST: StaffUserReply = { id: 'u-9', username: 'li', name: '李药师', roles: ['pharmacist'], clinicId: 'clinic-1' }

function setup() {
  const sessions = createStorageSessionStore()
  sessions.save({ kind: 'staff', accessToken: 'access-1', refreshToken: 'refresh-1', user: PHARMACIST })
  return { sessions, api: createClinicApi(createHttpClient({ baseUrl: BASE, sessions, onSessionEnded: relaunchToSignIn }), sessions) }
}

function sent(request: MockRequestOptions) {
  return { method: request.method ?? 'GET', url: request.url.replace(`${BASE}/api/v1`, ''), body: request.data }
}

const bytes = (text: string) => new TextEncoder().encode(text).buffer

beforeEach(() => {
  taroMock.reset()
  taroMock.onRequest(() => ({ statusCode: 200, data: {} }))
})

describe('pharmacy endpoints', () => {
  const STOCK_IN = {
    supplierId: ID,
    invoiceNo: 'FP-001',
    items: [{ drugId: DRUG, batchNo: '20260815A', expiryDate: '2028-07-31', quantity: 100, unitCostFen: 950 }]
  }
  const cases: [string, (api: ClinicApi) => Promise<unknown>, { method: string; url: string; body?: unknown }][] = [
    ['search drugs by pinyin', (api) => api.listDrugs({ query: 'amxl', page: 1, pageSize: 20 }), { method: 'GET', url: '/drugs?query=amxl&page=1&pageSize=20' }],
    ['drugs incl. retired', (api) => api.listDrugs({ includeInactive: true, page: 2 }), { method: 'GET', url: '/drugs?page=2&includeInactive=true' }],
    ['active drugs only', (api) => api.listDrugs({ includeInactive: false }), { method: 'GET', url: '/drugs' }],
    ['get drug', (api) => api.getDrug(DRUG), { method: 'GET', url: `/drugs/${DRUG}` }],
    [
      'create drug',
      (api) => api.createDrug({ name: '阿莫西林胶囊', spec: '0.25g*24粒', unit: '盒', priceFen: 1850, reorderLevel: 20, controlClass: 'ORDINARY', allergyClass: 'PENICILLIN' }),
      { method: 'POST', url: '/drugs', body: { name: '阿莫西林胶囊', spec: '0.25g*24粒', unit: '盒', priceFen: 1850, reorderLevel: 20, controlClass: 'ORDINARY', allergyClass: 'PENICILLIN' } }
    ],
    ['change a price', (api) => api.updateDrug(DRUG, { priceFen: 1990 }), { method: 'PATCH', url: `/drugs/${DRUG}`, body: { priceFen: 1990 } }],
    ['retire a drug', (api) => api.updateDrug(DRUG, { active: false }), { method: 'PATCH', url: `/drugs/${DRUG}`, body: { active: false } }],
    ['clear a barcode', (api) => api.updateDrug(DRUG, { barcode: null }), { method: 'PATCH', url: `/drugs/${DRUG}`, body: { barcode: null } }],
    ['price history', (api) => api.drugPrices(DRUG), { method: 'GET', url: `/drugs/${DRUG}/prices` }],
    ['stock and batches', (api) => api.drugStock(DRUG), { method: 'GET', url: `/drugs/${DRUG}/stock` }],
    ['add supplier', (api) => api.createSupplier({ name: '国药控股', contact: '王经理' }), { method: 'POST', url: '/suppliers', body: { name: '国药控股', contact: '王经理' } }],
    ['find suppliers', (api) => api.listSuppliers({ query: '国药' }), { method: 'GET', url: '/suppliers?query=%E5%9B%BD%E8%8D%AF' }],
    ['edit supplier', (api) => api.updateSupplier(ID, { contact: '' }), { method: 'PATCH', url: `/suppliers/${ID}`, body: { contact: '' } }],
    ['receive stock', (api) => api.createStockIn(STOCK_IN), { method: 'POST', url: '/stock-ins', body: STOCK_IN }],
    ['receipts', (api) => api.listStockIns(2), { method: 'GET', url: '/stock-ins?page=2&pageSize=20' }],
    ['one receipt', (api) => api.getStockIn(ID), { method: 'GET', url: `/stock-ins/${ID}` }],
    ['waiting prescriptions', (api) => api.listDispensing({ status: 'READY', page: 1, pageSize: 30 }), { method: 'GET', url: '/dispensing?status=READY&page=1&pageSize=30' }],
    ['a patient\'s dispensed', (api) => api.listDispensing({ status: 'DISPENSED', patientId: ID }), { method: 'GET', url: `/dispensing?status=DISPENSED&patientId=${ID}` }],
    ['one prescription', (api) => api.getDispensing(ID), { method: 'GET', url: `/dispensing/${ID}` }],
    ['dispense', (api) => api.dispense(ID), { method: 'POST', url: `/prescriptions/${ID}/dispense` }],
    [
      'return',
      (api) => api.returnDrugs(ID, { items: [{ drugId: DRUG, quantity: 1 }], reason: '患者过敏停药' }),
      { method: 'POST', url: `/prescriptions/${ID}/returns`, body: { items: [{ drugId: DRUG, quantity: 1 }], reason: '患者过敏停药' } }
    ],
    ['start stocktake', (api) => api.startStocktake('月末盘点'), { method: 'POST', url: '/stocktakes', body: { note: '月末盘点' } }],
    ['start stocktake, no note', (api) => api.startStocktake(), { method: 'POST', url: '/stocktakes', body: {} }],
    ['stocktakes', (api) => api.listStocktakes(), { method: 'GET', url: '/stocktakes?page=1&pageSize=20' }],
    ['one stocktake', (api) => api.getStocktake(ID), { method: 'GET', url: `/stocktakes/${ID}` }],
    [
      'save counts',
      (api) => api.saveStocktakeCounts(ID, [{ batchId: DRUG, actualQuantity: 0 }]),
      { method: 'PUT', url: `/stocktakes/${ID}/counts`, body: { counts: [{ batchId: DRUG, actualQuantity: 0 }] } }
    ],
    ['confirm stocktake', (api) => api.confirmStocktake(ID), { method: 'POST', url: `/stocktakes/${ID}/confirm` }],
    ['cancel stocktake', (api) => api.cancelStocktake(ID), { method: 'POST', url: `/stocktakes/${ID}/cancel` }],
    ['alerts', (api) => api.pharmacyAlerts(), { method: 'GET', url: '/pharmacy/alerts' }],
    ['valuation', (api) => api.stockValuation(), { method: 'GET', url: '/pharmacy/reports/valuation' }],
    ['movements', (api) => api.stockMovements({ from: '2026-11-01', to: '2026-11-30' }), { method: 'GET', url: '/pharmacy/reports/movements?from=2026-11-01&to=2026-11-30' }],
    ['usage', (api) => api.drugUsage({ from: '2026-11-01', to: '2026-11-30' }), { method: 'GET', url: '/pharmacy/reports/usage?from=2026-11-01&to=2026-11-30' }],
    ['days left', (api) => api.daysLeft(), { method: 'GET', url: '/pharmacy/reports/days-left' }]
  ]

  it.each(cases)('%s', async (_name, call, expected) => {
    await call(setup().api)
    expect(taroMock.requests.map(sent)).toEqual([{ body: undefined, ...expected }])
    expect(taroMock.requests[0].header?.Authorization).toBe('Bearer access-1')
  })

  it('names the drug short of stock in the error it rejects with', async () => {
    const details = [{ drugId: DRUG, name: '阿莫西林胶囊', requested: 10, available: 4 }]
    taroMock.onRequest(() => ({ statusCode: 409, data: { code: 'STOCK.INSUFFICIENT', message: 'short', details } }))
    await expect(setup().api.dispense(ID)).rejects.toMatchObject({ status: 409, code: 'STOCK.INSUFFICIENT', details })
  })
})

describe('the dispensing label (a PDF behind the bearer token)', () => {
  it('is fetched as bytes with the token and comes back as a PDF file', async () => {
    taroMock.onRequest(() => ({ statusCode: 200, data: bytes('%PDF-1.7 label') }))
    const file = await setup().api.labelPdf(ID)

    const [request] = taroMock.requests
    expect(sent(request)).toEqual({ method: 'GET', url: `/prescriptions/${ID}/label.pdf`, body: undefined })
    expect(request.header).toMatchObject({ Authorization: 'Bearer access-1', Accept: 'application/pdf' })
    expect((request as MockRequestOptions & { responseType?: string }).responseType).toBe('arraybuffer')
    expect(file.type).toBe('application/pdf')
    expect(await file.text()).toBe('%PDF-1.7 label')
  })

  it('reads a refusal\'s ErrorBody out of the bytes', async () => {
    taroMock.onRequest(() => ({ statusCode: 404, data: bytes(JSON.stringify({ code: 'NOT_FOUND', message: 'no such prescription' })) }))
    await expect(setup().api.labelPdf(ID)).rejects.toMatchObject({ status: 404, code: 'NOT_FOUND', message: 'no such prescription' })
  })

  it('refreshes an expired token once and fetches again, like any other call', async () => {
    const { api, sessions } = setup()
    taroMock.onRequest((request) => {
      if (request.url.endsWith('/auth/refresh')) return { statusCode: 200, data: { accessToken: 'access-2', refreshToken: 'refresh-2', expiresIn: 900 } }
      if (request.header?.Authorization === 'Bearer access-2') return { statusCode: 200, data: bytes('%PDF') }
      return { statusCode: 401, data: bytes(JSON.stringify({ code: 'AUTH.TOKEN_EXPIRED', message: 'expired' })) }
    })

    await api.labelPdf(ID)

    expect(taroMock.requests.map((request) => `${request.method} ${sent(request).url} ${request.header?.Authorization ?? ''}`.trim())).toEqual([
      `GET /prescriptions/${ID}/label.pdf Bearer access-1`,
      'POST /auth/refresh',
      `GET /prescriptions/${ID}/label.pdf Bearer access-2`
    ])
    expect(sessions.get()?.accessToken).toBe('access-2')
  })

  it('ends a session the server no longer accepts', async () => {
    const { api, sessions } = setup()
    taroMock.onRequest(() => ({ statusCode: 401, data: bytes(JSON.stringify({ code: 'AUTH.TOKEN_INVALID', message: 'invalid' })) }))
    await expect(api.labelPdf(ID)).rejects.toMatchObject({ status: 401 })
    expect(sessions.get()).toBeNull()
    expect(taroMock.navigations).toEqual([ROUTES.login])
  })

  it('says the network failed when no reply came', async () => {
    taroMock.onRequest(() => Promise.reject(new Error('offline')))
    await expect(setup().api.labelPdf(ID)).rejects.toMatchObject({ status: 0, code: 'NETWORK.FAILED' })
  })
})
