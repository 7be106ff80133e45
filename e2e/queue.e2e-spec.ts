import type { Api } from './support/api';
import { adminApi, patientApi, staffApi } from './support/actors';
import { noonZone } from './support/clinic-zone';
import { queryService } from './support/db';
import { boot, systemSettings, type RunningSystem } from './support/system';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('check-in and the waiting-room queue (production topology)', () => {
  let sys: RunningSystem;
  let admin: Api;
  let desk: Api;
  let doctorA: Api & { userId: string };
  let doctorB: Api & { userId: string };
  const { zone, today } = noonZone();
  const shiftOf: Record<string, string> = {};
  const appt: Record<string, string> = {};

  const patient = async (name: string) => (await desk.post('/patients', { name, gender: 'M', birthDate: '1980-01-01', phone: '13900001111' })).body.id as string;

  beforeAll(async () => {
    sys = await boot('production', await systemSettings('production', { CLINIC_TIMEZONE: zone, NO_SHOW_SWEEP_SECONDS: '1' }), 'queue');
    admin = await adminApi(sys.baseUrl);
    desk = await staffApi(admin, 'q.desk', ['receptionist']);
    doctorA = await staffApi(admin, 'q.doctor.a', ['doctor'], { title: '主治医师' });
    doctorB = await staffApi(admin, 'q.doctor.b', ['doctor'], { title: '住院医师' });
    for (const [key, doctor] of [['A', doctorA], ['B', doctorB]] as const) {
      shiftOf[key] = (await admin.post('/schedules', { doctorId: doctor.userId, date: today, period: 'AM', startTime: '00:00', endTime: '23:59', capacity: 10 })).body.id;
    }
  });
  afterAll(() => sys?.stop());

  it('queues booked patients before walk-ins, in check-in order, with numbers and masked names on the screen', async () => {
    for (const name of ['赵一', '钱二', '孙三']) {
      const res = await desk.post('/appointments', { patientId: await patient(name), scheduleId: shiftOf.A });
      expect(res.status).toBe(201);
      appt[name] = res.body.id;
    }
    const walkIn = await desk.post('/queue/walk-in', { patientId: await patient('李四光'), scheduleId: shiftOf.A });
    expect(walkIn.body).toMatchObject({ queueNo: 1, position: 1 });
    appt['李四光'] = walkIn.body.appointmentId;
    expect((await desk.post(`/appointments/${appt['钱二']}/check-in`, {})).body).toMatchObject({ queueNo: 2, position: 1 });
    expect((await desk.post(`/appointments/${appt['赵一']}/check-in`, {})).body).toMatchObject({ queueNo: 3, position: 2 });
    expect((await desk.post(`/appointments/${appt['赵一']}/check-in`, {})).body.code).toBe('APPOINTMENT.NOT_CHECKABLE');

    // A patient checks in by scanning the code shown at the desk; a wrong or yesterday's code is refused.
    const account = await patientApi(sys.baseUrl, 'q-account');
    const own = (await account.post('/patients', { name: '周五', gender: 'F', birthDate: '1990-03-03', phone: '13900002222', relationship: '本人' })).body.id;
    appt['周五'] = (await account.post('/appointments', { patientId: own, scheduleId: shiftOf.A })).body.id;
    expect((await account.post(`/appointments/${appt['周五']}/check-in`, { code: 'CHK-19700101-xxxxxxxxxx' })).status).toBe(403);
    const code = (await desk.get('/queue/check-in-code')).body;
    expect(code.validFor).toBe(today);
    expect((await account.post(`/appointments/${appt['周五']}/check-in`, { code: code.code })).body).toMatchObject({ queueNo: 4, position: 3 });

    const queue = (await desk.get(`/queue?doctorId=${doctorA.userId}`)).body;
    expect(queue.current).toBeNull();
    expect(queue.waiting.map((e: { name: string; queueNo: number; walkIn: boolean }) => [e.name, e.queueNo, e.walkIn])).toEqual([
      ['钱二', 2, false],
      ['赵一', 3, false],
      ['周五', 4, false],
      ['李四光', 1, true],
    ]);
    expect((await desk.get(`/queue/display?doctorId=${doctorA.userId}`)).body.waiting.map((e: { name: string }) => e.name)).toEqual(['钱*', '赵*', '周*', '李*光']);
    const position = (await account.get(`/appointments/${appt['周五']}/queue`)).body;
    expect(position).toMatchObject({ queueNo: 4, ahead: 2, estimatedWaitMinutes: 20, currentQueueNo: null });
  });

  it('lets two doctors call at once, each from their own queue, and skip, recall and complete', async () => {
    const b1 = (await desk.post('/appointments', { patientId: await patient('吴六'), scheduleId: shiftOf.B })).body.id;
    await desk.post(`/appointments/${b1}/check-in`, {});
    const [a, b] = await Promise.all([
      doctorA.post('/queue/call-next', { doctorId: doctorA.userId }),
      doctorB.post('/queue/call-next', { doctorId: doctorB.userId }),
    ]);
    expect([a.body.name, b.body.name]).toEqual(['钱二', '吴六']);
    expect((await doctorB.post('/queue/call-next', { doctorId: doctorA.userId })).status).toBe(403);
    expect((await desk.post('/queue/call-next', { doctorId: doctorA.userId })).status).toBe(403);
    expect((await doctorB.post(`/appointments/${appt['赵一']}/skip`)).status).toBe(403);

    // Skip 钱二: back to the end of the booked patients, still ahead of the walk-in.
    expect((await doctorA.post(`/appointments/${appt['钱二']}/skip`)).body.status).toBe('CHECKED_IN');
    let queue = (await desk.get(`/queue?doctorId=${doctorA.userId}`)).body;
    expect(queue.waiting.map((e: { name: string }) => e.name)).toEqual(['赵一', '周五', '钱二', '李四光']);
    expect((await doctorA.post('/queue/call-next', { doctorId: doctorA.userId })).body.name).toBe('赵一');
    expect((await doctorA.post(`/appointments/${appt['钱二']}/recall`)).body.code).toBe('QUEUE.STATE'); // someone is with the doctor
    expect((await doctorA.post(`/appointments/${appt['赵一']}/complete`)).body.status).toBe('COMPLETED');
    expect((await doctorA.post(`/appointments/${appt['钱二']}/recall`)).body).toMatchObject({ name: '钱二', status: 'IN_PROGRESS' });
    await sleep(1100);
    expect((await doctorA.post('/queue/call-next', { doctorId: doctorA.userId })).body.name).toBe('周五'); // 钱二 completed by moving on
    queue = (await desk.get(`/queue?doctorId=${doctorA.userId}`)).body;
    expect(queue.current).toMatchObject({ name: '周五', queueNo: 4 });
    expect(queue.waiting.map((e: { name: string }) => e.name)).toEqual(['李四光']);
    expect((await doctorA.post('/queue/call-next', { doctorId: doctorA.userId })).body.name).toBe('李四光');
    expect((await doctorA.post('/queue/call-next', { doctorId: doctorA.userId })).body.code).toBe('QUEUE.EMPTY');

    const statuses = await queryService(sys, 'patient', 'SELECT status, COUNT(*) AS n FROM appointments WHERE shift_id = ? GROUP BY status ORDER BY status', [shiftOf.A]);
    expect(statuses.map((r) => [r.status, Number(r.n)])).toEqual([['BOOKED', 1], ['COMPLETED', 4]]); // 孙三 never came (yet)
    const [s] = await queryService(sys, 'patient', 'SELECT booked, numbers_issued FROM shifts WHERE id = ?', [shiftOf.A]);
    expect([Number(s.booked), Number(s.numbers_issued)]).toEqual([5, 4]);
  });

  it('marks missed appointments as no-shows after the shift, and pauses online booking after 3 in 90 days', async () => {
    const account = await patientApi(sys.baseUrl, 'q-no-show');
    const own = (await account.post('/patients', { name: '爽约', gender: 'M', birthDate: '1985-05-05', phone: '13900003333', relationship: '本人' })).body.id;
    const missed: string[] = [];
    for (let i = 1; i <= 3; i++) {
      const id = (await admin.post('/schedules', { doctorId: doctorB.userId, date: shiftDay(i), period: 'PM', startTime: '13:00', endTime: '17:00', capacity: 5 })).body.id;
      expect((await account.post('/appointments', { patientId: own, scheduleId: id })).status).toBe(201);
      missed.push(id);
    }
    expect(missed).toHaveLength(3);
    // Time passes: the three shifts end (moved to past days, as the clock would).
    for (const [i, id] of missed.entries()) {
      await sysQuery('UPDATE shifts SET date = ? WHERE id = ?', [shiftDay(-(i + 1)), id]);
      await sysQuery('UPDATE appointments SET day = ? WHERE shift_id = ?', [shiftDay(-(i + 1)), id]);
    }
    const swept = async () => (await queryService(sys, 'patient', "SELECT COUNT(*) AS n FROM appointments WHERE patient_id = ? AND status = 'NO_SHOW'", [own]))[0].n;
    for (let i = 0; i < 50 && Number(await swept()) < 3; i++) await sleep(200);
    expect(Number(await swept())).toBe(3);
    for (const id of missed) {
      const [row] = await queryService(sys, 'patient', "SELECT booked, (SELECT COUNT(*) FROM appointments a WHERE a.shift_id = s.id AND a.status IN ('PENDING_PAYMENT','BOOKED','CHECKED_IN','IN_PROGRESS','COMPLETED')) AS holding FROM shifts s WHERE id = ?", [id]);
      expect(Number(row.booked)).toBe(Number(row.holding));
    }

    const next = (await admin.post('/schedules', { doctorId: doctorA.userId, date: shiftDay(1), period: 'PM', startTime: '13:00', endTime: '17:00', capacity: 5 })).body.id;
    const blocked = await account.post('/appointments', { patientId: own, scheduleId: next });
    expect(blocked.status).toBe(409);
    expect(blocked.body).toMatchObject({ code: 'APPOINTMENT.NO_SHOW_BLOCKED', details: { until: shiftDay(-1 + 30) } });
    expect((await desk.post('/appointments', { patientId: own, scheduleId: next })).status).toBe(201); // the desk still can
  });

  function shiftDay(offset: number): string {
    const [y, m, d] = today.split('-').map(Number);
    return new Date(Date.UTC(y, m - 1, d + offset)).toISOString().slice(0, 10);
  }

  async function sysQuery(sql: string, params: unknown[]) {
    const mysql = await import('mysql2/promise');
    const url = new URL(sys.env.MYSQL_URL!);
    const conn = await mysql.createConnection({ host: url.hostname, port: Number(url.port || 3306), user: 'root', database: `${sys.env.CLINIC_DB_PREFIX}patient` });
    try {
      await conn.query(sql, params);
    } finally {
      await conn.end();
    }
  }
});
