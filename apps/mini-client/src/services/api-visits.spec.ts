import { beforeEach, describe, expect, it } from '@jest/globals'
import type { StaffUserReply } from '@clinic/contracts'
import { taroMock, type MockRequestOptions } from '../../test/taro-mock'
import { createClinicApi, createHttpClient, type ClinicApi } from './api'
import { relaunchToSignIn } from './navigation'
import { createStorageSessionStore } from './session'

const BASE = 'https://gateway.test'
const ID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301'
const DRUG = '9b2c1f4e-1a2b-4c3d-8e9f-0a1b2c3d4e5f'
const DOCTOR: StaffUserReply = { id: 'u-3', username: 'wang', name: '王医生', roles: ['doctor'], clinicId: 'clinic-1' }

function setup() {
  const sessions = createStorageSessionStore()
  sessions.save({ kind: 'staff', accessToken: 'access-1', refreshToken: 'refresh-1', user: DOCTOR })
  return { sessions, api: createClinicApi(createHttpClient({ baseUrl: BASE, sessions, onSessionEnded: relaunchToSignIn }), sessions) }
}

function sent(request: MockRequestOptions) {
  return { method: request.method ?? 'GET', url: request.url.replace(`${BASE}/api/v1`, ''), body: request.data }
}

beforeEach(() => {
  taroMock.reset()
  taroMock.onRequest(() => ({ statusCode: 200, data: {} }))
})

describe('visit endpoints', () => {
  const CONTENT = { chiefComplaint: '咳嗽 3 天', diagnoses: [{ code: 'J06.900', name: '急性上呼吸道感染', primary: true }] }
  const RX = { kind: 'NORMAL' as const, items: [{ drugId: DRUG, dosage: '0.5g', frequency: 'tid', route: '口服', days: 3, quantity: 2 }] }
  const cases: [string, (api: ClinicApi) => Promise<unknown>, { method: string; url: string; body?: unknown }][] = [
    ['open from the called appointment', (api) => api.openEncounter({ appointmentId: ID }), { method: 'POST', url: '/encounters', body: { appointmentId: ID } }],
    ['open for a walk-in', (api) => api.openEncounter({ patientId: ID }), { method: 'POST', url: '/encounters', body: { patientId: ID } }],
    ['a patient\'s history', (api) => api.listEncounters({ patientId: ID, page: 1, pageSize: 20 }), { method: 'GET', url: `/encounters?patientId=${ID}&page=1&pageSize=20` }],
    ['the account\'s own records', (api) => api.listEncounters(), { method: 'GET', url: '/encounters' }],
    ['the doctor\'s own', (api) => api.listEncounters({ mine: true, status: 'OPEN' }), { method: 'GET', url: '/encounters?status=OPEN&mine=true' }],
    ['one encounter', (api) => api.getEncounter(ID), { method: 'GET', url: `/encounters/${ID}` }],
    ['versions', (api) => api.emrVersions(ID), { method: 'GET', url: `/encounters/${ID}/emr/versions` }],
    ['save the draft', (api) => api.saveEmr(ID, CONTENT), { method: 'PUT', url: `/encounters/${ID}/emr`, body: CONTENT }],
    ['sign the record', (api) => api.signEmr(ID), { method: 'POST', url: `/encounters/${ID}/sign` }],
    [
      'amend',
      (api) => api.amendEmr(ID, '补充体征', { physicalExam: '咽部充血' }),
      { method: 'POST', url: `/encounters/${ID}/amendments`, body: { reason: '补充体征', changes: { physicalExam: '咽部充血' } } }
    ],
    ['finish', (api) => api.finishEncounter(ID), { method: 'POST', url: `/encounters/${ID}/finish` }],
    ['ICD-10 by pinyin', (api) => api.searchIcd10('shxdgr'), { method: 'GET', url: '/icd10?query=shxdgr&limit=20' }],
    ['ICD-10 by words', (api) => api.searchIcd10('上呼吸道', 5), { method: 'GET', url: '/icd10?query=%E4%B8%8A%E5%91%BC%E5%90%B8%E9%81%93&limit=5' }],
    ['templates', (api) => api.listEmrTemplates(), { method: 'GET', url: '/emr-templates' }],
    [
      'save a template',
      (api) => api.createEmrTemplate({ name: '上感', scope: 'PERSONAL', content: CONTENT }),
      { method: 'POST', url: '/emr-templates', body: { name: '上感', scope: 'PERSONAL', content: CONTENT } }
    ],
    ['delete a template', (api) => api.deleteEmrTemplate(ID), { method: 'DELETE', url: `/emr-templates/${ID}` }],
    ['prescribe', (api) => api.createPrescription(ID, RX), { method: 'POST', url: `/encounters/${ID}/prescriptions`, body: RX }],
    ['sign a prescription', (api) => api.signPrescription(ID), { method: 'POST', url: `/prescriptions/${ID}/sign` }],
    ['cancel a prescription', (api) => api.cancelPrescription(ID, '患者拒绝取药'), { method: 'POST', url: `/prescriptions/${ID}/cancel`, body: { reason: '患者拒绝取药' } }],
    ['an encounter\'s prescriptions', (api) => api.listPrescriptions({ encounterId: ID }), { method: 'GET', url: `/prescriptions?encounterId=${ID}` }],
    ['a patient\'s prescriptions', (api) => api.listPrescriptions({ patientId: ID, page: 2 }), { method: 'GET', url: `/prescriptions?patientId=${ID}&page=2` }],
    ['one prescription', (api) => api.getPrescription(ID), { method: 'GET', url: `/prescriptions/${ID}` }],
    ['reminders', (api) => api.listReminders(), { method: 'GET', url: '/me/reminders' }],
    ['reminder done', (api) => api.reminderDone(ID), { method: 'POST', url: `/me/reminders/${ID}/done` }],
    ['reminder settings', (api) => api.reminderSettings(), { method: 'GET', url: '/me/reminder-settings' }],
    [
      'save reminder settings',
      (api) => api.saveReminderSettings({ FOLLOW_UP: true, MEDICATION: false, APPOINTMENT: true }),
      { method: 'PUT', url: '/me/reminder-settings', body: { FOLLOW_UP: true, MEDICATION: false, APPOINTMENT: true } }
    ]
  ]

  it.each(cases)('%s', async (_name, call, expected) => {
    await call(setup().api)
    expect(taroMock.requests.map(sent)).toEqual([{ body: undefined, ...expected }])
    expect(taroMock.requests[0].header?.Authorization).toBe('Bearer access-1')
  })

  it('fetches the 处方笺 as a PDF with the token', async () => {
    taroMock.onRequest(() => ({ statusCode: 200, data: new TextEncoder().encode('%PDF-1.7 rx').buffer }))
    const file = await setup().api.prescriptionPdf(ID)
    expect(sent(taroMock.requests[0])).toEqual({ method: 'GET', url: `/prescriptions/${ID}/pdf`, body: undefined })
    expect(taroMock.requests[0].header).toMatchObject({ Authorization: 'Bearer access-1', Accept: 'application/pdf' })
    expect(await file.text()).toBe('%PDF-1.7 rx')
  })

  it('rejects with the fields EMR.INCOMPLETE names', async () => {
    const details = [{ field: 'chiefComplaint', errors: ['chiefComplaint is required to sign'] }]
    taroMock.onRequest(() => ({ statusCode: 400, data: { code: 'EMR.INCOMPLETE', message: 'Not signed', details } }))
    await expect(setup().api.signEmr(ID)).rejects.toMatchObject({ status: 400, code: 'EMR.INCOMPLETE', details })
  })
})
