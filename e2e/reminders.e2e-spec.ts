import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { PRIVACY_POLICY_VERSION } from '@clinic/contracts';
import { Api } from './support/api';
import { adminApi, staffApi } from './support/actors';
import { eventually, queryService } from './support/db';
import { startFakeWechat } from './support/fake-wechat';
import { PharmacyBus, waitForStatus } from './support/pharmacy';
import { boot, systemSettings, type RunningSystem } from './support/system';

type FakeWechat = Awaited<ReturnType<typeof startFakeWechat>>;
const APP = { appId: 'wxe2e0000000000002', appSecret: 'e2e-reminder-secret-not-real' };
const TEMPLATES = { FOLLOW_UP: 'tmpl-follow-up', MEDICATION: 'tmpl-medication', APPOINTMENT: 'tmpl-appointment' };
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Reminders through the production WeChat subscribe-message adapter, against a local HTTPS fake of WeChat. */
describe('reminders (production topology, WeChat subscribe messages)', () => {
  let sys: RunningSystem;
  let wx: FakeWechat;
  let doctor: Api & { userId: string };
  let pharmacist: Api;
  let admin: Api;

  /** A patient account signed in through the fake code2Session, with one patient of its own. */
  const account = async (openid: string, name: string) => {
    const api = new Api(sys.baseUrl) as Api & { patientId: string; accountId: string };
    const code = `code-${randomUUID()}`;
    wx.issue(code, openid);
    const login = (await api.post('/auth/wechat/login', { code })).body;
    api.token = login.accessToken;
    api.accountId = login.account.id;
    await api.post('/me/privacy-consent', { version: PRIVACY_POLICY_VERSION });
    api.patientId = (await api.post('/patients', { name, gender: 'F', birthDate: '1985-03-03', phone: '13500006666', relationship: '本人' })).body.id;
    return api;
  };
  const rows = (patientId: string) => queryService(sys, 'patient', 'SELECT id, kind, status, due_at FROM reminders WHERE patient_id = ? ORDER BY due_at', [patientId]);
  const makeDue = (ids: string[]) => queryService(sys, 'patient', `UPDATE reminders SET due_at = ? WHERE id IN (${ids.map(() => '?').join(',')})`, [new Date(Date.now() - 1000), ...ids]);
  const messagesTo = (openid: string) => wx.messages.filter((m) => m.touser === openid);

  beforeAll(async () => {
    wx = await startFakeWechat(APP);
    sys = await boot(
      'production',
      await systemSettings('production', {
        WECHAT_APP_ID: APP.appId,
        WECHAT_APP_SECRET: APP.appSecret,
        WECHAT_API_BASE: wx.url,
        NODE_EXTRA_CA_CERTS: wx.caFile,
        WECHAT_SUBSCRIBE_TEMPLATES: Object.entries(TEMPLATES).map(([k, v]) => `${k}=${v}`).join(','),
        REMINDER_JOB_SECONDS: '1',
      }),
      'reminders',
    );
    admin = await adminApi(sys.baseUrl);
    doctor = await staffApi(admin, 'rem.doctor', ['doctor']);
    pharmacist = await staffApi(admin, 'rem.pharmacist', ['pharmacist']);
  });
  afterAll(async () => {
    await sys?.stop();
    await wx?.close();
  });

  it('sends the follow-up reminder once, by subscribe message, on the follow-up date', async () => {
    const openid = 'oRemOpenid00000000000001';
    const me = await account(openid, '薛宝钗');
    const enc = (await doctor.post('/encounters', { patientId: me.patientId })).body;
    await doctor.put(`/encounters/${enc.id}/emr`, { chiefComplaint: '头晕', presentIllness: '3天', diagnoses: [{ code: 'R42.x00', name: '头晕', primary: true }], followUpDate: day(3) });
    expect((await doctor.post(`/encounters/${enc.id}/sign`)).status).toBe(200);
    const [made] = await rows(me.patientId);
    expect(made).toMatchObject({ kind: 'FOLLOW_UP', status: 'PENDING' });
    expect((await me.get('/me/reminders')).body).toEqual([expect.objectContaining({ kind: 'FOLLOW_UP', title: '复诊提醒', status: 'PENDING' })]);
    await makeDue([made.id]);
    await eventually(async () => (await rows(me.patientId))[0].status === 'SENT', 8000);
    await sleep(2500); // two more runs of the job
    expect(messagesTo(openid)).toEqual([expect.objectContaining({ template_id: TEMPLATES.FOLLOW_UP, data: expect.objectContaining({ thing1: { value: '复诊提醒' } }) })]);
    expect((await me.post(`/me/reminders/${made.id}/done`)).body.status).toBe('DONE');
    expect((await me.post(`/me/reminders/${randomUUID()}/done`)).status).toBe(404);
  });

  it('makes medication reminders from a dispensed prescription, and honours an opt-out and a refusal', async () => {
    const openid = 'oRemOpenid00000000000002';
    const me = await account(openid, '妙玉');
    const supplierId = (await pharmacist.post('/suppliers', { name: '提醒供应商' })).body.id;
    const drugId = (await pharmacist.post('/drugs', { name: '提醒测试片', spec: '10mg*20片', unit: '盒', priceFen: 800, reorderLevel: 1 })).body.id;
    await pharmacist.post('/stock-ins', { supplierId, items: [{ drugId, batchNo: 'RM1', expiryDate: day(300), quantity: 10, unitCostFen: 400 }] });
    const enc = (await doctor.post('/encounters', { patientId: me.patientId })).body;
    const rx = (await doctor.post(`/encounters/${enc.id}/prescriptions`, { items: [{ drugId, dosage: '1片', frequency: 'bid', route: '口服', days: 2, quantity: 1 }] })).body;
    expect((await doctor.post(`/prescriptions/${rx.id}/sign`)).body.status).toBe('SIGNED');
    const bus = await PharmacyBus.open(sys);
    try {
      await bus.paid([rx.id]);
    } finally {
      await bus.close();
    }
    await waitForStatus(sys, rx.id, 'READY');
    expect((await pharmacist.post(`/prescriptions/${rx.id}/dispense`, {})).status).toBe(200);
    const medication = await eventually(async () => {
      const r = (await rows(me.patientId)).filter((x) => x.kind === 'MEDICATION');
      return r.length ? r : null;
    });
    // bid over 2 days: 4 doses at 08:00 and 20:00, less those already past today.
    expect(medication!.length).toBeGreaterThanOrEqual(2);
    expect(medication!.length).toBeLessThanOrEqual(4);
    expect((await me.get('/me/reminders')).body.find((r: { kind: string }) => r.kind === 'MEDICATION').body).toContain('提醒测试片 1片');

    expect((await me.put('/me/reminder-settings', { FOLLOW_UP: true, MEDICATION: false, APPOINTMENT: true })).body).toEqual({ FOLLOW_UP: true, MEDICATION: false, APPOINTMENT: true });
    await makeDue([medication![0].id]);
    await eventually(async () => (await rows(me.patientId)).find((x) => x.id === medication![0].id)?.status === 'SKIPPED', 8000);
    await me.put('/me/reminder-settings', { FOLLOW_UP: true, MEDICATION: true, APPOINTMENT: true });
    wx.refuse(openid); // the patient never agreed in WeChat: 43101, not retried
    await makeDue([medication![1].id]);
    await eventually(async () => (await rows(me.patientId)).find((x) => x.id === medication![1].id)?.status === 'SKIPPED', 8000);
    expect(messagesTo(openid)).toEqual([]);
    expect((await me.put('/me/reminder-settings', { MEDICATION: 'no' })).status).toBe(400);
  });

  it('reminds of tomorrow\'s appointment the evening before', async () => {
    const openid = 'oRemOpenid00000000000003';
    const me = await account(openid, '探春');
    const clinicToday = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
    const tomorrow = new Date(Date.parse(`${clinicToday}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const shift = (await admin.post('/schedules', { doctorId: doctor.userId, date: tomorrow, period: 'EVENING', startTime: '18:00', endTime: '21:00', capacity: 10 })).body.id;
    expect((await me.post('/appointments', { patientId: me.patientId, scheduleId: shift })).status).toBe(201);
    const made = await eventually(async () => (await rows(me.patientId)).find((r) => r.kind === 'APPOINTMENT'), 8000);
    expect(made).toBeTruthy();
    await makeDue([made!.id]);
    await eventually(async () => (await rows(me.patientId)).find((r) => r.id === made!.id)?.status === 'SENT', 8000);
    expect(messagesTo(openid)).toEqual([expect.objectContaining({ template_id: TEMPLATES.APPOINTMENT, data: expect.objectContaining({ thing1: { value: '就诊提醒' } }) })]);
    expect((await rows(me.patientId)).filter((r) => r.kind === 'APPOINTMENT')).toHaveLength(1);
  });

  it('sends each due reminder once with two copies of the service sweeping at the same time', async () => {
    const openid = 'oRemOpenid00000000000004';
    const me = await account(openid, '惜春');
    for (let i = 0; i < 20; i++) {
      await queryService(
        sys,
        'patient',
        "INSERT INTO reminders (id, clinic_id, account_id, patient_id, kind, source_id, title, body, due_at, status, attempts, created_at) VALUES (?, 'clinic-1', ?, ?, 'FOLLOW_UP', ?, '复诊提醒', ?, ?, 'PENDING', 0, ?)",
        [randomUUID(), me.accountId, me.patientId, randomUUID(), `并发${i}`, new Date(Date.now() + 2500), new Date()],
      );
    }
    // A second copy of patient-svc, whose reminder job sweeps the same table (no API calls while it runs:
    // over Redis pub/sub both copies would answer them).
    const twin = spawn(process.execPath, [join(__dirname, '..', 'apps', 'patient-svc', 'dist', 'main.js')], { env: sys.env, stdio: 'ignore' });
    try {
      const all = await eventually(async () => (await queryService(sys, 'patient', "SELECT COUNT(*) AS n FROM reminders WHERE patient_id = ? AND status = 'SENT'", [me.patientId]))[0].n === 20, 15000);
      expect(all).toBe(true);
      await sleep(2500);
    } finally {
      twin.kill('SIGTERM');
    }
    const sent = messagesTo(openid);
    expect(sent).toHaveLength(20);
    expect(new Set(sent.map((m) => m.data.thing3.value)).size).toBe(20);
  });
});
