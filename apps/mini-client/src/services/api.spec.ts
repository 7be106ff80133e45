import { beforeEach, describe, expect, it } from '@jest/globals'
import type { StaffUserReply } from '@clinic/contracts'
import { taroMock, type MockRequestOptions, type MockResponse } from '../../test/taro-mock'
import { ApiError, createClinicApi, createHttpClient, NETWORK_ERROR_MESSAGE } from './api'
import { relaunchToSignIn, ROUTES } from './navigation'
import { createStorageSessionStore } from './session'

const BASE = 'https://gateway.test'
const DOCTOR: StaffUserReply = { id: 'u-1', username: 'wang', name: '王医生', roles: ['doctor'], clinicId: 'clinic-1' }

function setup() {
  const sessions = createStorageSessionStore()
  const http = createHttpClient({ baseUrl: BASE, sessions, onSessionEnded: relaunchToSignIn })
  return { sessions, api: createClinicApi(http, sessions) }
}

function pathOf(options: MockRequestOptions): string {
  return `${options.method ?? 'GET'} ${options.url.replace(BASE, '').split('?')[0]}`
}

function reply(statusCode: number, data: unknown): MockResponse {
  return { statusCode, data }
}

function error(statusCode: number, code: string, message: string, details?: unknown): MockResponse {
  return reply(statusCode, { code, message, details })
}

function deferred() {
  let release!: () => void
  const promise = new Promise<void>((resolve) => {
    release = resolve
  })
  return { promise, release }
}

/**
 * A gateway that rotates refresh tokens like the real one: each refresh token works once, and
 * only the newest access token is accepted.
 */
function rotatingGateway(options: { holdRefreshUntilExpiredHits?: number } = {}) {
  const state = { access: 'access-2', refresh: 'refresh-1', refreshCalls: 0, expiredHits: 0 }
  const hits = deferred()

  taroMock.onRequest(async (request) => {
    const route = pathOf(request)
    if (route === 'POST /api/v1/auth/refresh') {
      state.refreshCalls += 1
      if (options.holdRefreshUntilExpiredHits) await hits.promise
      const sent = (request.data as { refreshToken: string }).refreshToken
      if (sent !== state.refresh) return error(401, 'AUTH.REFRESH_INVALID', 'refresh token invalid')
      const next = state.refreshCalls + 1
      state.refresh = `refresh-${next}`
      state.access = `access-${next}`
      return reply(200, { accessToken: state.access, refreshToken: state.refresh, expiresIn: 900 })
    }
    const authorization = request.header?.Authorization
    if (authorization !== `Bearer ${state.access}`) {
      state.expiredHits += 1
      if (state.expiredHits === options.holdRefreshUntilExpiredHits) hits.release()
      return error(401, 'AUTH.TOKEN_EXPIRED', 'access token expired')
    }
    if (route === 'GET /api/v1/me') return reply(200, { kind: 'staff', user: DOCTOR })
    if (route === 'GET /api/v1/departments') return reply(200, [{ id: 'd-1', name: '内科', description: null, createdAt: '2026-01-01T00:00:00Z' }])
    return error(404, 'NOT_FOUND', `no route ${route}`)
  })
  return state
}

beforeEach(() => {
  taroMock.reset()
})

describe('token refresh', () => {
  it('refreshes once for two concurrent calls with an expired token and retries both', async () => {
    const { sessions, api } = setup()
    sessions.save({ kind: 'staff', accessToken: 'access-stale', refreshToken: 'refresh-1', user: DOCTOR })
    const gateway = rotatingGateway({ holdRefreshUntilExpiredHits: 2 })

    const [me, departments] = await Promise.all([api.me(), api.listDepartments()])

    expect(me).toMatchObject({ kind: 'staff', user: { name: '王医生' } })
    expect(departments.map((d) => d.name)).toEqual(['内科'])
    expect(gateway.refreshCalls).toBe(1)
    expect(sessions.get()).toMatchObject({ accessToken: 'access-2', refreshToken: 'refresh-2' })
    expect(taroMock.navigations).toEqual([])
  })

  it('uses the new token for a later call without refreshing again', async () => {
    const { sessions, api } = setup()
    sessions.save({ kind: 'staff', accessToken: 'access-stale', refreshToken: 'refresh-1', user: DOCTOR })
    const gateway = rotatingGateway()

    await api.me()
    await api.listDepartments()

    expect(gateway.refreshCalls).toBe(1)
    const lastRequest = taroMock.requests[taroMock.requests.length - 1]
    expect(lastRequest.header?.Authorization).toBe('Bearer access-2')
  })

  it('clears the session and sends the user to login once when the refresh token is refused', async () => {
    const { sessions, api } = setup()
    sessions.save({ kind: 'staff', accessToken: 'access-stale', refreshToken: 'refresh-revoked', user: DOCTOR })
    const gateway = rotatingGateway({ holdRefreshUntilExpiredHits: 2 })

    const results = await Promise.allSettled([api.me(), api.listDepartments()])

    for (const result of results) {
      expect(result.status).toBe('rejected')
      const reason = (result as PromiseRejectedResult).reason
      expect(reason).toBeInstanceOf(ApiError)
      expect(reason).toMatchObject({ status: 401, message: '登录已过期，请重新登录' })
    }
    expect(gateway.refreshCalls).toBe(1)
    expect(sessions.get()).toBeNull()
    expect(taroMock.storage.size).toBe(0)
    expect(taroMock.navigations).toEqual([ROUTES.login])
  })

  it('keeps the session when the refresh fails only because the gateway is down', async () => {
    const { sessions, api } = setup()
    sessions.save({ kind: 'staff', accessToken: 'access-stale', refreshToken: 'refresh-1', user: DOCTOR })
    taroMock.onRequest((request) =>
      pathOf(request) === 'POST /api/v1/auth/refresh'
        ? error(503, 'UPSTREAM.UNAVAILABLE', 'auth service unavailable')
        : error(401, 'AUTH.TOKEN_EXPIRED', 'access token expired')
    )

    await expect(api.me()).rejects.toMatchObject({ status: 503, code: 'UPSTREAM.UNAVAILABLE' })
    expect(sessions.get()?.refreshToken).toBe('refresh-1')
    expect(taroMock.navigations).toEqual([])
  })

  it('ends the session when the server rejects the token outright', async () => {
    const { sessions, api } = setup()
    sessions.save({ kind: 'staff', accessToken: 'forged', refreshToken: 'refresh-1', user: DOCTOR })
    taroMock.onRequest(() => error(401, 'AUTH.TOKEN_INVALID', 'token invalid'))

    await expect(api.me()).rejects.toMatchObject({ status: 401, code: 'AUTH.TOKEN_INVALID' })
    expect(sessions.get()).toBeNull()
    expect(taroMock.navigations).toEqual([ROUTES.login])
  })
})

describe('error mapping', () => {
  it('turns an ErrorBody into an ApiError carrying status, code, message and details', async () => {
    const { sessions, api } = setup()
    sessions.save({ kind: 'staff', accessToken: 'access-1', refreshToken: 'refresh-1', user: DOCTOR })
    const details = [{ field: 'name', errors: ['name must be shorter than or equal to 50 characters'] }]
    taroMock.onRequest(() => error(400, 'VALIDATION.FAILED', 'Validation failed', details))

    const failure = await api.createDepartment({ name: 'x'.repeat(60) }).catch((e: unknown) => e)

    expect(failure).toBeInstanceOf(ApiError)
    expect(failure).toMatchObject({ status: 400, code: 'VALIDATION.FAILED', message: 'Validation failed', details })
    // A business error must not touch the session.
    expect(sessions.get()?.accessToken).toBe('access-1')
  })

  it('keeps a conflict code so the page can name it', async () => {
    const { sessions, api } = setup()
    sessions.save({ kind: 'staff', accessToken: 'access-1', refreshToken: 'refresh-1', user: DOCTOR })
    taroMock.onRequest(() => error(409, 'DEPARTMENT.NAME_TAKEN', 'Department name already exists'))

    await expect(api.createDepartment({ name: '内科' })).rejects.toMatchObject({ status: 409, code: 'DEPARTMENT.NAME_TAKEN' })
  })

  it('reports a network failure in Chinese with status 0', async () => {
    const { api } = setup()
    taroMock.onRequest(() => Promise.reject({ errMsg: 'request:fail net::ERR_CONNECTION_REFUSED' }))

    await expect(api.health()).rejects.toMatchObject({ status: 0, code: 'NETWORK.FAILED', message: NETWORK_ERROR_MESSAGE })
  })

  it('treats a proxy error page as an unavailable service', async () => {
    const { api } = setup()
    taroMock.onRequest(() => reply(502, '<html>Bad Gateway</html>'))

    await expect(api.health()).rejects.toMatchObject({ status: 502, code: 'UPSTREAM.UNAVAILABLE' })
  })

  it('does not treat a failed login as an expired session', async () => {
    const { sessions, api } = setup()
    taroMock.onRequest(() => error(401, 'AUTH.INVALID_CREDENTIALS', 'Invalid username or password'))

    await expect(api.login('wang', 'wrong')).rejects.toMatchObject({ status: 401, code: 'AUTH.INVALID_CREDENTIALS' })
    expect(sessions.get()).toBeNull()
    expect(taroMock.navigations).toEqual([])
  })
})

describe('requests', () => {
  it('sends the bearer token and the query string to the configured gateway', async () => {
    const { sessions, api } = setup()
    sessions.save({ kind: 'staff', accessToken: 'access-1', refreshToken: 'refresh-1', user: DOCTOR })
    taroMock.onRequest(() => reply(200, { items: [], total: 0, page: 2, pageSize: 20 }))

    await api.listPatients({ query: '张 三', page: 2, pageSize: 20 })

    const [request] = taroMock.requests
    expect(request.url).toBe(`${BASE}/api/v1/patients?query=%E5%BC%A0%20%E4%B8%89&page=2&pageSize=20`)
    expect(request.header?.Authorization).toBe('Bearer access-1')
  })

  it('stores the session on login and gives the refresh token back on logout', async () => {
    const { sessions, api } = setup()
    taroMock.onRequest((request) =>
      pathOf(request) === 'POST /api/v1/auth/staff/login'
        ? reply(200, { accessToken: 'access-1', refreshToken: 'refresh-1', expiresIn: 900, user: DOCTOR })
        : reply(204, null)
    )

    await api.login('wang', 'secret')
    expect(sessions.get()).toEqual({ kind: 'staff', accessToken: 'access-1', refreshToken: 'refresh-1', user: DOCTOR })

    await api.logout()
    expect(sessions.get()).toBeNull()
    const logout = taroMock.requests.find((request) => pathOf(request) === 'POST /api/v1/auth/logout')
    expect(logout?.data).toEqual({ refreshToken: 'refresh-1' })
  })
})
