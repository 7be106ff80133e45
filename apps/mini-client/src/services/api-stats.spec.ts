import { beforeEach, describe, expect, it } from '@jest/globals'
import type { StaffUserReply } from '@clinic/contracts'
import { taroMock, type MockRequestOptions } from '../../test/taro-mock'
import { createHttpClient } from './api'
import { createStatsApi, type StatsApi } from './api-stats'
import { relaunchToSignIn } from './navigation'
import { createStorageSessionStore } from './session'
import { reorderUrl, saveStockInDraft, stockInDraftUrl, takeStockInDraft } from './stock-in-draft'

const BASE = 'https://gateway.test'
const OWNER: StaffUserReply = { id: 'u-1', username: 'wang', name: '王院长', roles: ['admin'], clinicId: 'clinic-1' }
const PERIOD = { from: '2026-11-01', to: '2026-11-26' }

function setup(): StatsApi {
  const sessions = createStorageSessionStore()
  sessions.save({ kind: 'staff', accessToken: 'access-1', refreshToken: 'refresh-1', user: OWNER })
  return createStatsApi(createHttpClient({ baseUrl: BASE, sessions, onSessionEnded: relaunchToSignIn }))
}

function sent(request: MockRequestOptions) {
  return { method: request.method ?? 'GET', url: request.url.replace(`${BASE}/api/v1`, '') }
}

beforeEach(() => {
  taroMock.reset()
  taroMock.onRequest(() => ({ statusCode: 200, data: {} }))
})

describe('statistics endpoints', () => {
  const cases: [string, (api: StatsApi) => Promise<unknown>, string][] = [
    ['the dashboard', (api) => api.dashboard(PERIOD), '/stats/dashboard?from=2026-11-01&to=2026-11-26'],
    ['one day\'s flow (a drill-down)', (api) => api.flow({ from: '2026-11-05', to: '2026-11-05' }), '/stats/flow?from=2026-11-05&to=2026-11-05'],
    ['clinical', (api) => api.clinical(PERIOD), '/stats/clinical?from=2026-11-01&to=2026-11-26'],
    ['pharmacy with cover days', (api) => api.pharmacy({ ...PERIOD, coverDays: 45 }), '/stats/pharmacy?from=2026-11-01&to=2026-11-26&coverDays=45'],
    ['pharmacy with the server\'s cover days', (api) => api.pharmacy(PERIOD), '/stats/pharmacy?from=2026-11-01&to=2026-11-26'],
    ['money', (api) => api.money(PERIOD), '/stats/money?from=2026-11-01&to=2026-11-26']
  ]

  it.each(cases)('%s', async (_name, call, url) => {
    await call(setup())
    expect(taroMock.requests.map(sent)).toEqual([{ method: 'GET', url }])
    expect(taroMock.requests[0].header?.Authorization).toBe('Bearer access-1')
  })

  it('sends only the period, whatever else the object carries', async () => {
    await setup().money({ ...PERIOD, extra: 'x' } as typeof PERIOD)
    expect(sent(taroMock.requests[0]).url).toBe('/stats/money?from=2026-11-01&to=2026-11-26')
  })

  it('hands back the reply as it came', async () => {
    taroMock.onRequest(() => ({ statusCode: 200, data: { from: '2026-11-01', to: '2026-11-26', visits: 12 } }))
    await expect(setup().flow(PERIOD)).resolves.toMatchObject({ visits: 12 })
  })

  it('turns a refused period into the server\'s error, with the fields it names', async () => {
    taroMock.onRequest(() => ({ statusCode: 400, data: { code: 'VALIDATION.FAILED', message: 'bad', details: [{ field: 'to', message: 'to before from' }] } }))
    await expect(setup().dashboard({ from: '2026-11-26', to: '2026-11-01' })).rejects.toMatchObject({ status: 400, code: 'VALIDATION.FAILED' })
  })

  it.each(['flow', 'clinical', 'pharmacy', 'money'] as const)('exports %s as XLSX bytes', async (part) => {
    taroMock.onRequest(() => ({ statusCode: 200, data: new ArrayBuffer(8) }))
    const file = await setup().exportPart(part, PERIOD)
    expect(file).toBeInstanceOf(Blob)
    expect((file as Blob).type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    const request = taroMock.requests[0] as MockRequestOptions & { responseType?: string }
    expect(sent(request).url).toBe(`/stats/${part}/export?format=xlsx&from=2026-11-01&to=2026-11-26`)
    expect(request.responseType).toBe('arraybuffer')
    expect(request.header?.Authorization).toBe('Bearer access-1')
  })

  it('turns a refused export into the server\'s error', async () => {
    const body = new TextEncoder().encode(JSON.stringify({ code: 'AUTH.FORBIDDEN', message: 'no' })).buffer
    taroMock.onRequest(() => ({ statusCode: 403, data: body }))
    await expect(setup().exportPart('money', PERIOD)).rejects.toMatchObject({ status: 403, code: 'AUTH.FORBIDDEN' })
  })
})

describe('the stock-in draft in storage', () => {
  const draft = { supplierId: 's-1', items: [{ drug: { id: 'd-1', name: '阿莫西林胶囊', spec: '0.25g×24粒', unit: '盒' }, quantity: 40, unitCostFen: 1250 }] }

  it('is taken once', () => {
    saveStockInDraft(draft)
    expect(takeStockInDraft()).toEqual(draft)
    expect(takeStockInDraft()).toBeNull()
  })

  it('ignores what is not a draft', () => {
    taroMock.reset()
    expect(takeStockInDraft()).toBeNull()
    saveStockInDraft({ supplierId: null, items: [{ drug: { id: 'd-1' }, quantity: '3' }] } as never)
    expect(takeStockInDraft()).toBeNull()
  })
})

describe('the reorder → stock-in links', () => {
  it('opens 补货建议 with its cover days, and the stock-in page on the draft', () => {
    expect(reorderUrl(45)).toBe('/pages/reorder/index?coverDays=45')
    expect(reorderUrl()).toBe('/pages/reorder/index')
    expect(stockInDraftUrl()).toBe('/pages/stock-in/index?draft=1')
  })
})
