import { beforeEach, describe, expect, it } from '@jest/globals'
import { taroMock, type MockRequestOptions } from '../../test/taro-mock'
import { createClinicApi, createHttpClient, type ClinicApi } from './api'
import { relaunchToSignIn } from './navigation'
import { createStorageSessionStore } from './session'

const BASE = 'https://gateway.test'
const ID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301'
const DOC = '9b2c1f4e-1a2b-4c3d-8e9f-0a1b2c3d4e5f'

function setup(): ClinicApi {
  const sessions = createStorageSessionStore()
  return createClinicApi(createHttpClient({ baseUrl: BASE, sessions, onSessionEnded: relaunchToSignIn }), sessions)
}

function sent(request: MockRequestOptions) {
  return { method: request.method ?? 'GET', url: request.url.replace(`${BASE}/api/v1`, ''), body: request.data }
}

beforeEach(() => {
  taroMock.reset()
  taroMock.onRequest(() => ({ statusCode: 200, data: {} }))
})

describe('scheduling endpoints', () => {
  const cases: [string, (api: ClinicApi) => Promise<unknown>, { method: string; url: string; body?: unknown }][] = [
    ['shifts of a doctor', (api) => api.listSchedules({ doctorId: DOC, from: '2026-12-01', to: '2026-12-07' }), { method: 'GET', url: `/schedules?doctorId=${DOC}&from=2026-12-01&to=2026-12-07` }],
    ['shifts, server defaults', (api) => api.listSchedules(), { method: 'GET', url: '/schedules' }],
    [
      'create shift',
      (api) => api.createSchedule({ doctorId: DOC, date: '2026-12-01', period: 'AM', startTime: '08:00', endTime: '12:00', capacity: 30 }),
      { method: 'POST', url: '/schedules', body: { doctorId: DOC, date: '2026-12-01', period: 'AM', startTime: '08:00', endTime: '12:00', capacity: 30 } }
    ],
    ['update shift', (api) => api.updateSchedule(ID, { capacity: 40 }), { method: 'PATCH', url: `/schedules/${ID}`, body: { capacity: 40 } }],
    ['cancel shift', (api) => api.cancelSchedule(ID, '外出会诊'), { method: 'POST', url: `/schedules/${ID}/cancel`, body: { reason: '外出会诊' } }],
    ['templates', (api) => api.listTemplates(DOC), { method: 'GET', url: `/schedule-templates?doctorId=${DOC}` }],
    ['all templates', (api) => api.listTemplates(), { method: 'GET', url: '/schedule-templates' }],
    [
      'create template',
      (api) => api.createTemplate({ doctorId: DOC, weekday: 2, period: 'PM', startTime: '14:00', endTime: '17:30', capacity: 20, registrationFeeFen: 2000 }),
      {
        method: 'POST',
        url: '/schedule-templates',
        body: { doctorId: DOC, weekday: 2, period: 'PM', startTime: '14:00', endTime: '17:30', capacity: 20, registrationFeeFen: 2000 }
      }
    ],
    ['generate for all', (api) => api.generateShifts(4), { method: 'POST', url: '/schedule-templates/generate', body: { weeks: 4 } }],
    ['generate for one', (api) => api.generateShifts(2, DOC), { method: 'POST', url: '/schedule-templates/generate', body: { weeks: 2, doctorId: DOC } }],
    ['book', (api) => api.bookAppointment({ patientId: ID, scheduleId: DOC }), { method: 'POST', url: '/appointments', body: { patientId: ID, scheduleId: DOC } }],
    [
      'book over capacity',
      (api) => api.bookAppointment({ patientId: ID, scheduleId: DOC, overbookReason: '复诊' }),
      { method: 'POST', url: '/appointments', body: { patientId: ID, scheduleId: DOC, overbookReason: '复诊' } }
    ],
    ['appointments of a shift', (api) => api.listAppointments({ scheduleId: DOC, page: 1, pageSize: 100 }), { method: 'GET', url: `/appointments?scheduleId=${DOC}&page=1&pageSize=100` }],
    ['cancel appointment', (api) => api.cancelAppointment(ID), { method: 'POST', url: `/appointments/${ID}/cancel`, body: {} }],
    ['cancel with reason', (api) => api.cancelAppointment(ID, '前台退号'), { method: 'POST', url: `/appointments/${ID}/cancel`, body: { reason: '前台退号' } }],
    ['staff check-in', (api) => api.checkIn(ID), { method: 'POST', url: `/appointments/${ID}/check-in`, body: {} }],
    ['patient check-in', (api) => api.checkIn(ID, 'CODE-1'), { method: 'POST', url: `/appointments/${ID}/check-in`, body: { code: 'CODE-1' } }],
    ['queue position', (api) => api.queuePosition(ID), { method: 'GET', url: `/appointments/${ID}/queue` }],
    ['walk-in', (api) => api.walkIn({ patientId: ID, scheduleId: DOC }), { method: 'POST', url: '/queue/walk-in', body: { patientId: ID, scheduleId: DOC } }],
    ['check-in code', (api) => api.checkInCode(), { method: 'GET', url: '/queue/check-in-code' }],
    ['queue of a shift', (api) => api.queue({ scheduleId: ID }), { method: 'GET', url: `/queue?scheduleId=${ID}` }],
    ['display of a doctor', (api) => api.queueDisplay({ doctorId: DOC }), { method: 'GET', url: `/queue/display?doctorId=${DOC}` }],
    ['call next', (api) => api.callNext(DOC, ID), { method: 'POST', url: '/queue/call-next', body: { doctorId: DOC, scheduleId: ID } }],
    ['call next, any shift today', (api) => api.callNext(DOC), { method: 'POST', url: '/queue/call-next', body: { doctorId: DOC } }],
    ['skip', (api) => api.skipPatient(ID), { method: 'POST', url: `/appointments/${ID}/skip` }],
    ['recall', (api) => api.recallPatient(ID), { method: 'POST', url: `/appointments/${ID}/recall` }],
    ['complete', (api) => api.completeVisit(ID), { method: 'POST', url: `/appointments/${ID}/complete` }]
  ]

  it.each(cases)('%s', async (_name, call, expected) => {
    await call(setup())
    expect(taroMock.requests.map(sent)).toEqual([{ body: undefined, ...expected }])
  })

  it('rejects a full shift with its code so the page can say 约满', async () => {
    taroMock.onRequest(() => ({ statusCode: 409, data: { code: 'APPOINTMENT.SLOT_FULL', message: 'full' } }))
    await expect(setup().bookAppointment({ patientId: ID, scheduleId: DOC })).rejects.toMatchObject({ status: 409, code: 'APPOINTMENT.SLOT_FULL' })
  })
})
