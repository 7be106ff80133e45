import { randomUUID } from 'node:crypto';
import type { Api } from './support/api';
import { adminApi, patientApi, staffApi, clinicAdminApi } from './support/actors';
import { clinicDay } from './support/clinic-zone';
import { eventually, insertRows, queryService } from './support/db';
import { boot, systemSettings, type RunningSystem } from './support/system';
import { readSheet } from './support/xlsx';

// A clinic of its own: other suites share the test databases, and these figures must be exactly this suite's.
const CLINIC = `clinic-stats-flow-${randomUUID().slice(0, 6)}`;
const sqlUtc = (iso: string) => iso.replace('T', ' ').replace('Z', '');
const shanghaiToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const hours = (counts: Record<number, number>) => Array.from({ length: 24 }, (_, h) => ({ key: String(h), label: `${String(h).padStart(2, '0')}:00`, value: counts[h] ?? 0 }));

const EMR = {
  chiefComplaint: '咽痛、发热2天',
  presentIllness: '2天前受凉后出现咽痛，伴发热。',
  pastHistory: '既往体健',
  allergies: '无',
  physicalExam: '咽部充血',
  vitals: { temperature: 38.2, systolic: 118, diastolic: 76, pulse: 88, respiration: 18, weight: 61.5 },
  diagnoses: [
    { code: 'J06.900', name: '急性上呼吸道感染', primary: true },
    { code: 'R50.900', name: '发热' },
  ],
  advice: '多饮水',
};

/**
 * Patient flow and clinical statistics on MariaDB + Redis, every figure worked out by hand. History in the past is
 * written into patient-svc's tables as its flows write them (the API only makes visits now); today's visits go through
 * the API, so the first-visit table and the diagnoses' visit start are kept by the real writes.
 * The period 2025-12-31..2026-01-01 crosses a month and a year in Asia/Shanghai (UTC+8).
 */
describe('patient flow and clinical statistics (production topology)', () => {
  let sys: RunningSystem;
  let admin: Api;
  let desk: Api;
  let doctorA: Api & { userId: string };
  let doctorB: Api & { userId: string };
  let deptA: string;
  let deptB: string;
  const tag = randomUUID().slice(0, 6);
  const names = { deptA: `内科${tag}`, deptB: `外科${tag}` };
  const P: Record<string, string> = {};
  const today = shanghaiToday();

  const flow = async (from: string, to: string, api: Api = admin) => {
    const res = await api.get(`/stats/flow?from=${from}&to=${to}`);
    if (res.status !== 200) throw new Error(`flow: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const clinical = async (from: string, to: string) => {
    const res = await admin.get(`/stats/clinical?from=${from}&to=${to}`);
    if (res.status !== 200) throw new Error(`clinical: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  async function seedHistory(): Promise<void> {
    const A = { doctor_id: doctorA.userId, doctor_name: '测试sf.doctor.a' };
    const B = { doctor_id: doctorB.userId, doctor_name: '测试sf.doctor.b' };
    const enc = (key: string, patient: string, doc: typeof A, dept: string | null, appointmentId: string | null, started: string, finished: string | null) => ({
      id: (P[key] = randomUUID()), clinic_id: CLINIC, patient_id: P[patient], ...doc, department_id: dept, appointment_id: appointmentId,
      status: finished ? 'FINISHED' : 'OPEN', called_at: null, started_at: sqlUtc(started), finished_at: finished && sqlUtc(finished),
    });
    const appt = (status: string, patient: string, doctorId: string, day: string, how: 'desk' | 'wechat' | 'walkIn', checkedIn: string | null = null, called: string | null = null) => ({
      id: randomUUID(), clinic_id: CLINIC, shift_id: randomUUID(), patient_id: P[patient], account_id: how === 'wechat' ? randomUUID() : null, doctor_id: doctorId, slot_id: null, day, status,
      active_key: null, fee_fen: 0, overbooked: 0, overbook_reason: null, queue_no: null, queue_rank: null, walk_in: how === 'walkIn' ? 1 : 0,
      checked_in_at: checkedIn && sqlUtc(checkedIn), called_at: called && sqlUtc(called), completed_at: null, hold_until: null, cancel_reason: null,
      created_by: 'e2e', created_at: sqlUtc('2025-12-01T00:00:00.000Z'), cancelled_at: status === 'CANCELLED' ? sqlUtc('2025-12-02T00:00:00.000Z') : null,
    });
    const a1 = appt('COMPLETED', 'p1', doctorA.userId, '2025-12-31', 'desk', '2025-12-30T16:10:00.000Z', '2025-12-30T16:25:00.000Z'); // waits 15
    const a2 = appt('COMPLETED', 'p2', doctorA.userId, '2025-12-31', 'wechat', '2025-12-31T01:50:00.000Z', '2025-12-31T01:58:30.000Z'); // 8.5 → 8
    const a3 = appt('COMPLETED', 'p3', doctorB.userId, '2026-01-01', 'walkIn', '2025-12-31T16:20:00.000Z', '2025-12-31T16:29:00.000Z'); // 9
    await insertRows(sys, 'patient', 'appointments', [
      a1, a2, a3,
      appt('NO_SHOW', 'p4', doctorB.userId, '2026-01-01', 'wechat'),
      appt('NO_SHOW', 'p5', doctorA.userId, '2025-12-31', 'desk'),
      appt('CANCELLED', 'p5', doctorA.userId, '2026-01-01', 'desk'),
      appt('NO_SHOW', 'p2', doctorA.userId, '2026-01-02', 'wechat'), // the day after: outside
      appt('COMPLETED', 'p1', doctorA.userId, '2025-12-30', 'desk', '2025-12-30T15:00:00.000Z', '2025-12-30T15:50:00.000Z'), // the day before: outside
    ]);
    await insertRows(sys, 'patient', 'encounters', [
      enc('e0', 'p1', A, deptA, null, '2025-12-20T02:00:00.000Z', '2025-12-20T02:10:00.000Z'), // P1's first visit, long before
      enc('e6', 'p5', A, deptA, null, '2025-12-29T03:00:00.000Z', '2025-12-29T03:10:00.000Z'), // previous period
      enc('e7', 'p1', A, deptA, null, '2025-12-30T15:59:00.000Z', '2025-12-30T16:05:00.000Z'), // 12-30 23:59 in Shanghai: previous period
      enc('e1', 'p1', A, deptA, a1.id, '2025-12-30T16:30:00.000Z', '2025-12-30T16:42:30.000Z'), // 12-31 00:30, 12.5 → 12 min
      enc('e2', 'p2', A, deptA, a2.id, '2025-12-31T02:00:00.000Z', '2025-12-31T02:05:00.000Z'), // 12-31 10:00, 5 min
      enc('e3', 'p3', B, deptB, a3.id, '2025-12-31T16:30:00.000Z', '2025-12-31T17:00:00.000Z'), // 2026-01-01 00:30, 30 min
      enc('e4', 'p4', B, deptB, null, '2026-01-01T15:59:59.000Z', null), // 01-01 23:59:59, still open, seen without appointment
      enc('e5', 'p5', A, null, null, '2026-01-01T06:00:00.000Z', '2026-01-01T06:20:00.000Z'), // 01-01 14:00, no department, 20 min
      enc('e8', 'p4', B, deptB, null, '2026-01-01T16:00:00.000Z', '2026-01-01T16:10:00.000Z'), // 01-02 00:00: outside
    ]);
    // As the encounters' opening keeps it.
    await insertRows(sys, 'patient', 'patient_first_visits', [
      { patient_id: P.p1, clinic_id: CLINIC, first_started_at: sqlUtc('2025-12-20T02:00:00.000Z') },
      { patient_id: P.p5, clinic_id: CLINIC, first_started_at: sqlUtc('2025-12-29T03:00:00.000Z') },
      { patient_id: P.p2, clinic_id: CLINIC, first_started_at: sqlUtc('2025-12-31T02:00:00.000Z') },
      { patient_id: P.p3, clinic_id: CLINIC, first_started_at: sqlUtc('2025-12-31T16:30:00.000Z') },
      { patient_id: P.p4, clinic_id: CLINIC, first_started_at: sqlUtc('2026-01-01T15:59:59.000Z') },
    ]);
    // A patient seen twice within a period (June 2025, apart from the rest): counted once.
    await insertRows(sys, 'patient', 'encounters', [
      enc('e9', 'p6', A, deptA, null, '2025-06-02T02:00:00.000Z', '2025-06-02T02:10:00.000Z'),
      enc('e10', 'p6', A, deptA, null, '2025-06-10T02:00:00.000Z', '2025-06-10T02:10:00.000Z'),
      enc('e11', 'p6', A, deptA, null, '2025-06-11T02:00:00.000Z', '2025-06-11T02:10:00.000Z'),
      enc('e12', 'p7', A, deptA, null, '2025-06-11T03:00:00.000Z', '2025-06-11T03:10:00.000Z'),
    ]);
    await insertRows(sys, 'patient', 'patient_first_visits', [
      { patient_id: P.p6, clinic_id: CLINIC, first_started_at: sqlUtc('2025-06-02T02:00:00.000Z') },
      { patient_id: P.p7, clinic_id: CLINIC, first_started_at: sqlUtc('2025-06-11T03:00:00.000Z') },
    ]);
    const started = (e: string) => (e === 'e6' ? '2025-12-29T03:00:00.000Z' : e === 'e7' ? '2025-12-30T15:59:00.000Z' : e === 'e1' ? '2025-12-30T16:30:00.000Z' : e === 'e2' ? '2025-12-31T02:00:00.000Z' : e === 'e3' ? '2025-12-31T16:30:00.000Z' : e === 'e5' ? '2026-01-01T06:00:00.000Z' : '2026-01-01T16:00:00.000Z');
    const dx = (e: string, code: string, name: string, primary = true) => ({
      id: randomUUID(), clinic_id: CLINIC, encounter_id: P[e], code, name, is_primary: primary ? 1 : 0, diagnosed_at: sqlUtc('2026-01-05T00:00:00.000Z'), encounter_started_at: sqlUtc(started(e)),
    });
    await insertRows(sys, 'patient', 'encounter_diagnoses', [
      dx('e1', 'J06.900', '急性上呼吸道感染'),
      dx('e1', 'R50.900', '发热', false),
      dx('e2', 'J06.900', '急性上呼吸道感染'),
      dx('e3', 'K29.700', '胃炎'),
      dx('e5', 'J02.900', '急性咽炎'),
      dx('e6', 'I10.x00', '特发性(原发性)高血压'),
      dx('e7', 'J06.900', '急性上呼吸道感染'),
      dx('e8', 'J06.900', '急性上呼吸道感染'),
    ]);
    const rx = (e: string, status: string, signed: string | null, totalFen: number | null) => ({
      id: randomUUID(), clinic_id: CLINIC, encounter_id: P[e], patient_id: P.p1, doctor_id: doctorA.userId, kind: 'NORMAL', status, over_limit_reason: null, allergy_override_reason: null,
      valid_until: null, signed_at: signed && sqlUtc(signed), cancelled_at: status === 'CANCELLED' ? sqlUtc('2026-01-01T00:00:00.000Z') : null, total_fen: totalFen, created_at: sqlUtc('2025-12-30T16:31:00.000Z'),
    });
    await insertRows(sys, 'patient', 'prescriptions', [
      rx('e1', 'SIGNED', '2025-12-30T16:45:00.000Z', 3550),
      rx('e2', 'SIGNED', '2025-12-31T02:04:00.000Z', 1201),
      rx('e3', 'CANCELLED', '2025-12-31T16:50:00.000Z', 9999),
      rx('e5', 'DRAFT', null, null),
      rx('e7', 'SIGNED', '2025-12-30T15:59:30.000Z', 5000), // previous period
    ]);
  }

  beforeAll(async () => {
    sys = await boot('production', await systemSettings('production', { CLINIC_TIMEZONE: 'Asia/Shanghai' }), 'stats-flow');
    admin = await clinicAdminApi(sys, CLINIC);
    desk = await staffApi(admin, 'sf.desk', ['receptionist']);
    deptA = (await admin.post('/departments', { name: names.deptA })).body.id;
    deptB = (await admin.post('/departments', { name: names.deptB })).body.id;
    doctorA = await staffApi(admin, 'sf.doctor.a', ['doctor'], { departmentId: deptA });
    doctorB = await staffApi(admin, 'sf.doctor.b', ['doctor'], { departmentId: deptB });
    for (const [k, name] of Object.entries({ p1: '赵一', p2: '钱二', p3: '孙三', p4: '李四', p5: '周五', p6: '郑七', p7: '王八', l1: '吴六' })) {
      const res = await desk.post('/patients', { name, gender: 'F', birthDate: '1980-01-02', phone: '13700001234' });
      if (res.status !== 201) throw new Error(`patient: ${res.status} ${JSON.stringify(res.body)}`);
      P[k] = res.body.id;
    }
    await seedHistory();
  });
  afterAll(() => sys?.stop());

  it('counts the flow of a period across a month and a year in the clinic zone', async () => {
    const f = await flow('2025-12-31', '2026-01-01');
    expect(f).toEqual({
      from: '2025-12-31',
      to: '2026-01-01',
      visits: 5,
      visitsByDay: [
        { key: '2025-12-31', label: '2025-12-31', value: 2 },
        { key: '2026-01-01', label: '2026-01-01', value: 3 },
      ],
      visitsByHour: hours({ 0: 2, 10: 1, 14: 1, 23: 1 }),
      newPatients: 3, // p2, p3, p4 were first seen in the period
      returningPatients: 2, // p1 (12-20), p5 (12-29)
      byDepartment: [
        { key: deptA, label: names.deptA, value: 2 },
        { key: deptB, label: names.deptB, value: 2 },
        { key: null, label: '未指定科室', value: 1 },
      ],
      byDoctor: [
        { key: doctorA.userId, label: '测试sf.doctor.a', value: 3 },
        { key: doctorB.userId, label: '测试sf.doctor.b', value: 2 },
      ],
      // Not cancelled, days 12-31 and 01-01: wechat a2 + a no-show; desk a1 + a no-show; walk-in a3, and e4 and e5 seen
      // without an appointment (these are not in the no-show denominator: they had nothing to miss).
      bookingChannel: { wechat: 2, desk: 2, walkIn: 3 },
      noShowRate: { numerator: 2, denominator: 5, ratio: 0.4 },
      // 15, 8, 9: 32/3 = 10.67 → 11; 90 % of 3 is 2.7 → the 3rd value.
      waitMinutes: { avg: 11, p90: 15, count: 3 },
      // 12, 5, 30, 20 (e4 is open): 67/4 = 16.75 → 17; ceil(3.6) = 4th value.
      consultationMinutes: { avg: 17, p90: 30, count: 4 },
    });
  });

  it('ranks diagnoses and chapters against the previous period, and prices prescriptions', async () => {
    const c = await clinical('2025-12-31', '2026-01-01');
    expect(c).toEqual({
      from: '2025-12-31',
      to: '2026-01-01',
      previousFrom: '2025-12-29',
      previousTo: '2025-12-30',
      topDiagnoses: [
        { code: 'J06.900', name: '急性上呼吸道感染', count: 2, previousCount: 1 },
        { code: 'J02.900', name: '急性咽炎', count: 1, previousCount: 0 },
        { code: 'K29.700', name: '胃炎', count: 1, previousCount: 0 },
        { code: 'R50.900', name: '发热', count: 1, previousCount: 0 },
      ],
      topChapters: [
        { chapter: 'J00-J99', title: '呼吸系统疾病', count: 3, previousCount: 1 },
        { chapter: 'K00-K93', title: '消化系统疾病', count: 1, previousCount: 0 },
        { chapter: 'R00-R99', title: '症状、体征和临床与实验室异常所见，不可归类在他处者', count: 1, previousCount: 0 },
      ],
      encounters: 5,
      prescriptions: 2,
      prescriptionsPerVisit: { numerator: 2, denominator: 5, ratio: 0.4 },
      averagePrescriptionFen: 2376, // (3550 + 1201) / 2 = 2375.5, half up
    });
    // The previous period on its own: e6 and e7, with I10 only there.
    const prev = await clinical('2025-12-29', '2025-12-30');
    expect(prev.topChapters).toEqual([
      { chapter: 'I00-I99', title: '循环系统疾病', count: 1, previousCount: 0 },
      { chapter: 'J00-J99', title: '呼吸系统疾病', count: 1, previousCount: 0 },
    ]);
    expect(prev).toMatchObject({ previousFrom: '2025-12-27', previousTo: '2025-12-28', encounters: 2, prescriptions: 1, averagePrescriptionFen: 5000, prescriptionsPerVisit: { numerator: 1, denominator: 2, ratio: 0.5 } });
  });

  it('keeps first visits and the diagnoses\' visit start when visits go through the API today', async () => {
    const shift = (await admin.post('/schedules', { doctorId: doctorA.userId, date: today, period: 'AM', startTime: '00:00', endTime: '23:59', capacity: 20 })).body.id;
    const account = await patientApi(sys.baseUrl, `sf-${tag}`);
    // The account belongs to this suite's clinic too, and signs in again to carry it.
    await queryService(sys, 'patient', 'UPDATE accounts SET clinic_id = ? WHERE id = ?', [CLINIC, account.accountId]);
    account.token = (await account.post('/auth/wechat/login', { code: `sf-${tag}` })).body.accessToken;
    const own = (await account.post('/patients', { name: '郑七', gender: 'M', birthDate: '1990-01-01', phone: '13800007777', relationship: '本人' })).body.id;
    expect((await account.post('/appointments', { patientId: own, scheduleId: shift })).status).toBe(201);

    const booked = await desk.post('/appointments', { patientId: P.l1, scheduleId: shift });
    expect(booked.status).toBe(201);
    expect((await desk.post(`/appointments/${booked.body.id}/check-in`, {})).status).toBe(200);
    expect((await doctorA.post('/queue/call-next', { doctorId: doctorA.userId })).body).toMatchObject({ name: '吴六', status: 'IN_PROGRESS' });
    const enc = (await doctorA.post('/encounters', { appointmentId: booked.body.id })).body;
    expect((await doctorA.put(`/encounters/${enc.id}/emr`, EMR)).status).toBe(200);
    expect((await doctorA.post(`/encounters/${enc.id}/sign`)).status).toBe(200);
    expect((await doctorA.post(`/encounters/${enc.id}/finish`)).body.status).toBe('FINISHED');
    // p1, seen before, walks in to doctor B and is seen at once.
    expect((await doctorB.post('/encounters', { patientId: P.p1 })).status).toBe(201);

    const [row] = await queryService(sys, 'patient', 'SELECT started_at FROM encounters WHERE id = ?', [enc.id]);
    expect(await queryService(sys, 'patient', 'SELECT first_started_at FROM patient_first_visits WHERE patient_id = ?', [P.l1])).toEqual([{ first_started_at: row.started_at }]);
    expect(await queryService(sys, 'patient', 'SELECT first_started_at FROM patient_first_visits WHERE patient_id = ?', [P.p1])).toEqual([{ first_started_at: new Date('2025-12-20T02:00:00.000Z') }]);
    const dx = await queryService(sys, 'patient', 'SELECT code, encounter_started_at FROM encounter_diagnoses WHERE encounter_id = ? ORDER BY code', [enc.id]);
    expect(dx).toEqual([
      { code: 'J06.900', encounter_started_at: row.started_at },
      { code: 'R50.900', encounter_started_at: row.started_at },
    ]);

    const f = await flow(today, today);
    expect(f).toMatchObject({
      visits: 2,
      visitsByDay: [{ key: today, label: today, value: 2 }],
      newPatients: 1,
      returningPatients: 1,
      byDepartment: [
        { key: deptA, label: names.deptA, value: 1 },
        { key: deptB, label: names.deptB, value: 1 },
      ],
      bookingChannel: { wechat: 1, desk: 1, walkIn: 1 },
      noShowRate: { numerator: 0, denominator: 2, ratio: 0 },
      waitMinutes: { avg: 0, p90: 0, count: 1 },
      consultationMinutes: { avg: 0, p90: 0, count: 1 },
    });
    const c = await clinical(today, today);
    expect(c).toMatchObject({
      topDiagnoses: [
        { code: 'J06.900', name: '急性上呼吸道感染', count: 1, previousCount: 0 },
        { code: 'R50.900', name: '发热', count: 1, previousCount: 0 },
      ],
      encounters: 2,
      prescriptions: 0,
      prescriptionsPerVisit: { numerator: 0, denominator: 2, ratio: 0 },
      averagePrescriptionFen: 0,
    });
  });

  it('answers an empty period with zeros and empty lists', async () => {
    const f = await flow('2020-02-01', '2020-02-29');
    expect(f.visitsByDay).toHaveLength(29);
    expect(f.visitsByDay.every((d: { value: number }) => d.value === 0)).toBe(true);
    expect(f).toMatchObject({
      visits: 0,
      visitsByHour: hours({}),
      newPatients: 0,
      returningPatients: 0,
      byDepartment: [],
      byDoctor: [],
      bookingChannel: { wechat: 0, desk: 0, walkIn: 0 },
      noShowRate: { numerator: 0, denominator: 0, ratio: 0 },
      waitMinutes: { avg: null, p90: null, count: 0 },
      consultationMinutes: { avg: null, p90: null, count: 0 },
    });
    expect(await clinical('2020-02-01', '2020-02-29')).toEqual({
      from: '2020-02-01',
      to: '2020-02-29',
      previousFrom: '2020-01-03',
      previousTo: '2020-01-31',
      topDiagnoses: [],
      topChapters: [],
      encounters: 0,
      prescriptions: 0,
      prescriptionsPerVisit: { numerator: 0, denominator: 0, ratio: 0 },
      averagePrescriptionFen: 0,
    });
  });

  it('refuses bad periods with a 400 naming the field, and other roles with 403', async () => {
    const fields = async (path: string) => {
      const res = await admin.get(path);
      expect(res.status).toBe(400);
      return res.body.details.map((d: { field: string }) => d.field);
    };
    expect(await fields('/stats/flow?from=2026-02-30&to=2026-03-01')).toEqual(['from']);
    expect(await fields('/stats/clinical?from=2026-03-02&to=2026-03-01')).toEqual(['to']);
    expect(await fields('/stats/flow?from=2024-01-01&to=2027-01-01')).toEqual(['to']); // 1097 days
    expect(await fields('/stats/flow?to=2026-03-01')).toEqual(['from']);
    expect(await fields('/stats/flow/export?format=pdf&from=2026-03-01&to=2026-03-01')).toEqual(['format']);
    expect((await admin.get('/stats/flow?from=2024-01-01&to=2026-12-31')).status).toBe(200); // 1096 days
    expect((await doctorA.get('/stats/flow?from=2026-01-01&to=2026-01-01')).status).toBe(403);
  });

  it('exports both as .xlsx with Chinese headers and labels', async () => {
    const file = await admin.bytes('/stats/flow/export?format=xlsx&from=2025-12-31&to=2026-01-01');
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(file.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('就诊流量统计_2025-12-31_2026-01-01.xlsx')}`);
    const sheet = readSheet(file.body);
    const rows = sheet.rows.map((r) => r.map((c) => c.value));
    expect(sheet.sheetName).toBe('就诊流量');
    expect(rows[0]).toEqual(['指标', '分组', '数值']);
    expect(rows).toEqual(
      expect.arrayContaining([
        ['就诊人次', '', '5'],
        ['新患者', '', '3'],
        ['预约渠道', '现场挂号', '3'],
        ['爽约', '爽约率', '0.4000'],
        ['候诊时长(分钟)', 'P90', '15'],
        ['按日就诊', '2026-01-01', '3'],
        ['按科室就诊', '未指定科室', '1'],
        ['按医生就诊', '测试sf.doctor.a', '3'],
      ]),
    );

    const clin = await admin.bytes('/stats/clinical/export?format=xlsx&from=2025-12-31&to=2026-01-01');
    expect(clin.status).toBe(200);
    const cs = readSheet(clin.body);
    const crows = cs.rows.map((r) => r.map((c) => c.value));
    expect(crows[0]).toEqual(['指标', '编码', '名称', '本期(2025-12-31至2026-01-01)', '上期(2025-12-29至2025-12-30)']);
    expect(crows).toEqual(
      expect.arrayContaining([
        ['平均处方金额(元)', '', '', '23.76', ''],
        ['疾病排行', 'J06.900', '急性上呼吸道感染', '2', '1'],
        ['疾病章节', 'J00-J99', '呼吸系统疾病', '3', '1'],
      ]),
    );
  });

  it('counts a patient seen twice in a past period once, by the previous visit kept in the summary', async () => {
    // p6: first seen 2025-06-02, back on 06-10 and 06-11; p7: first seen 06-11 (set up above). Long past: from the summary.
    // 06-10..06-11: three visits by two patients, p7 new, p6 returning (its 06-11 visit follows one in the period).
    expect(await flow('2025-06-10', '2025-06-11')).toMatchObject({ visits: 3, newPatients: 1, returningPatients: 1 });
    // 06-01..06-11: p6's first visit is in it too, so both are new.
    expect(await flow('2025-06-01', '2025-06-11')).toMatchObject({ visits: 4, newPatients: 2, returningPatients: 0 });
    // 06-11 alone: two patients, one visit each.
    expect(await flow('2025-06-11', '2025-06-11')).toMatchObject({ visits: 2, newPatients: 1, returningPatients: 1 });
    const built = await queryService(sys, 'patient', 'SELECT COUNT(*) AS n FROM stats_days WHERE clinic_id = ? AND day >= ? AND day <= ? AND built_version = version', [CLINIC, '2025-06-01', '2025-06-11']);
    expect(Number(built[0].n)).toBe(11);
  });

  it('adds up past days from the summary, and counts a late amendment of an old record again', async () => {
    const period = '2025-12-31';
    const dxOf = async () => (await clinical(period, period)).topDiagnoses.map((d: { code: string; count: number }) => [d.code, d.count]);
    expect(await dxOf()).toEqual([['J06.900', 2], ['R50.900', 1]]);
    // The days read so far are built and current.
    const built = await queryService(sys, 'patient', 'SELECT COUNT(*) AS n FROM stats_days WHERE clinic_id = ? AND day >= ? AND day <= ? AND built_version = version', [CLINIC, '2025-12-29', '2026-01-01']);
    expect(Number(built[0].n)).toBe(4);

    // A write that bypasses the services is not seen: the figures come from the summary, not from the visits.
    await queryService(sys, 'patient', "UPDATE encounter_diagnoses SET code = 'K29.700' WHERE encounter_id = ? AND code = 'R50.900'", [P.e1]);
    expect(await dxOf()).toEqual([['J06.900', 2], ['R50.900', 1]]);
    await queryService(sys, 'patient', "UPDATE encounter_diagnoses SET code = 'R50.900' WHERE encounter_id = ? AND code = 'K29.700'", [P.e1]);

    // Doctor A amends e2's signed record (12-31, long past): the day is counted again with the new diagnosis.
    await insertRows(sys, 'patient', 'emr_versions', [
      {
        id: randomUUID(), encounter_id: P.e2, version: 1, content: JSON.stringify(EMR), status: 'SIGNED', author_id: doctorA.userId, signed_by: doctorA.userId,
        signed_by_name: '测试sf.doctor.a', signed_at: sqlUtc('2025-12-31T02:04:00.000Z'), amendment_reason: null, updated_at: sqlUtc('2025-12-31T02:04:00.000Z'),
      },
    ]);
    const amended = await doctorA.post(`/encounters/${P.e2}/amendments`, { reason: '补充诊断', changes: { diagnoses: [{ code: 'K29.700', name: '胃炎', primary: true }] } });
    expect(amended.status).toBe(201);
    expect(await dxOf()).toEqual([['J06.900', 1], ['K29.700', 1], ['R50.900', 1]]);
    const [day] = await queryService(sys, 'patient', 'SELECT version, built_version FROM stats_days WHERE clinic_id = ? AND day = ?', [CLINIC, period]);
    expect(Number(day.version)).toBeGreaterThan(0);
    expect(Number(day.built_version)).toBe(Number(day.version));
  });
});

/** The same figures from SQLite (`npm start`): the statements differ by dialect (wall-clock hour, minutes between). */
describe('patient flow and clinical statistics (embedded)', () => {
  let sys: RunningSystem;
  afterAll(() => sys?.stop());

  it('counts a visit made through the API today', async () => {
    sys = await boot('embedded', await systemSettings('embedded', { CLINIC_TIMEZONE: 'Asia/Shanghai' }), 'stats-flow-embedded');
    const today = shanghaiToday();
    const admin = await adminApi(sys.baseUrl);
    const desk = await staffApi(admin, 'se.desk', ['receptionist']);
    const dept = (await admin.post('/departments', { name: '儿科' })).body.id;
    const doctor = await staffApi(admin, 'se.doctor', ['doctor'], { departmentId: dept });
    const shift = (await admin.post('/schedules', { doctorId: doctor.userId, date: today, period: 'AM', startTime: '00:00', endTime: '23:59', capacity: 20 })).body.id;
    const patientId = (await desk.post('/patients', { name: '王八', gender: 'M', birthDate: '2015-03-04', phone: '13700004321' })).body.id;
    const booked = (await desk.post('/appointments', { patientId, scheduleId: shift })).body.id;
    await desk.post(`/appointments/${booked}/check-in`, {});
    await doctor.post('/queue/call-next', { doctorId: doctor.userId });
    const enc = (await doctor.post('/encounters', { appointmentId: booked })).body;
    await doctor.put(`/encounters/${enc.id}/emr`, EMR);
    expect((await doctor.post(`/encounters/${enc.id}/sign`)).status).toBe(200);
    await doctor.post(`/encounters/${enc.id}/finish`);
    expect((await doctor.post('/encounters', { patientId })).status).toBe(201); // the same patient again, seen at once

    const started = new Date(enc.startedAt);
    const hour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', hourCycle: 'h23' }).format(started));
    const f = (await admin.get(`/stats/flow?from=${today}&to=${today}`)).body;
    expect(f).toMatchObject({
      visits: 2,
      visitsByDay: [{ key: today, label: today, value: 2 }],
      newPatients: 1,
      returningPatients: 0,
      byDepartment: [{ key: dept, label: '儿科', value: 2 }],
      byDoctor: [{ key: doctor.userId, label: '测试se.doctor', value: 2 }],
      bookingChannel: { wechat: 0, desk: 1, walkIn: 1 },
      noShowRate: { numerator: 0, denominator: 1, ratio: 0 },
      waitMinutes: { avg: 0, p90: 0, count: 1 },
      consultationMinutes: { avg: 0, p90: 0, count: 1 },
    });
    // Both visits began within the same minute or two; their hours add up to 2 on the clinic's clock.
    expect(f.visitsByHour[hour].value + (f.visitsByHour[(hour + 1) % 24]?.value ?? 0)).toBe(2);
    const c = (await admin.get(`/stats/clinical?from=${today}&to=${today}`)).body;
    expect(c).toMatchObject({
      topDiagnoses: [
        { code: 'J06.900', name: '急性上呼吸道感染', count: 1, previousCount: 0 },
        { code: 'R50.900', name: '发热', count: 1, previousCount: 0 },
      ],
      topChapters: [
        { chapter: 'J00-J99', title: '呼吸系统疾病', count: 1, previousCount: 0 },
        { chapter: 'R00-R99', title: '症状、体征和临床与实验室异常所见，不可归类在他处者', count: 1, previousCount: 0 },
      ],
      encounters: 2,
    });

    // A visit five days ago, signed then: past days are built into the summary, and an amendment counts again.
    const past = clinicDay(-5);
    const pastId = randomUUID();
    const at = sqlUtc(`${past}T02:00:00.000Z`); // 10:00 in Shanghai
    await insertRows(sys, 'patient', 'encounters', [
      { id: pastId, clinic_id: 'clinic-1', patient_id: patientId, doctor_id: doctor.userId, doctor_name: '测试se.doctor', department_id: dept, appointment_id: null, status: 'FINISHED', called_at: null, started_at: at, finished_at: sqlUtc(`${past}T02:07:00.000Z`) },
    ]);
    await insertRows(sys, 'patient', 'encounter_diagnoses', [{ id: randomUUID(), clinic_id: 'clinic-1', encounter_id: pastId, code: 'I10.x00', name: '特发性(原发性)高血压', is_primary: 1, diagnosed_at: at, encounter_started_at: at }]);
    await insertRows(sys, 'patient', 'emr_versions', [
      { id: randomUUID(), encounter_id: pastId, version: 1, content: JSON.stringify(EMR), status: 'SIGNED', author_id: doctor.userId, signed_by: doctor.userId, signed_by_name: '测试se.doctor', signed_at: at, amendment_reason: null, updated_at: at },
    ]);
    const week = async () => (await admin.get(`/stats/clinical?from=${clinicDay(-6)}&to=${today}`)).body;
    expect(await week()).toMatchObject({ encounters: 3, topChapters: [{ chapter: 'I00-I99', count: 1 }, { chapter: 'J00-J99', count: 1 }, { chapter: 'R00-R99', count: 1 }] });
    expect((await admin.get(`/stats/flow?from=${clinicDay(-6)}&to=${today}`)).body).toMatchObject({ visits: 3, consultationMinutes: { count: 2, p90: 7 } });
    const amended = await doctor.post(`/encounters/${pastId}/amendments`, { reason: '修正诊断', changes: { diagnoses: [{ code: 'K29.700', name: '胃炎', primary: true }] } });
    expect(amended.status).toBe(201);
    expect((await week()).topChapters).toEqual([
      { chapter: 'J00-J99', title: '呼吸系统疾病', count: 1, previousCount: 0 },
      { chapter: 'K00-K93', title: '消化系统疾病', count: 1, previousCount: 0 },
      { chapter: 'R00-R99', title: '症状、体征和临床与实验室异常所见，不可归类在他处者', count: 1, previousCount: 0 },
    ]);
    const [day] = await queryService(sys, 'patient', "SELECT version, built_version FROM stats_days WHERE day = ? AND clinic_id = 'clinic-1'", [past]);
    expect(day).toEqual({ version: 1, built_version: 1 });
  });
});

/** The day summaries are built ahead of reads: the owner's first dashboard after a deploy does not wait for them. */
describe('statistics day summaries built ahead of reads (embedded)', () => {
  let sys: RunningSystem;
  afterAll(() => sys?.stop());

  it('builds three years of past days for every clinic with visits', async () => {
    sys = await boot('embedded', await systemSettings('embedded', { STATS_WARM_SECONDS: '1' }), 'stats-warm');
    const admin = await adminApi(sys.baseUrl);
    const doctor = await staffApi(admin, 'sw.doctor', ['doctor']);
    const desk = await staffApi(admin, 'sw.desk', ['receptionist']);
    const patientId = (await desk.post('/patients', { name: '陈九', gender: 'F', birthDate: '1990-05-06', phone: '13700005678' })).body.id;
    expect((await doctor.post('/encounters', { patientId })).status).toBe(201);
    const built = () => queryService(sys, 'patient', "SELECT COUNT(*) AS n, MIN(day) AS first, MAX(day) AS last FROM stats_days WHERE clinic_id = 'clinic-1' AND built_version = version");
    const days = await eventually(async () => {
      const [row] = await built();
      return row.n === 1096 ? row : null;
    }, 60_000);
    expect(days).toEqual({ n: 1096, first: clinicDay(-1097), last: clinicDay(-2) });
    // Reading a past year adds up the built days: nothing is left to build, and the figures are those of no visits.
    const year = (await admin.get(`/stats/flow?from=${clinicDay(-366)}&to=${clinicDay(-2)}`)).body;
    expect(year).toMatchObject({ visits: 0, newPatients: 0, returningPatients: 0 });
    expect((await built())[0].n).toBe(1096);
  });
});
