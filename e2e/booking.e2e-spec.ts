import type { Api } from './support/api';
import { adminApi, patientApi, staffApi } from './support/actors';
import { queryService } from './support/db';
import { ClientProxyFactory, Transport } from '@nestjs/microservices';
import { Events, type EventEnvelope, type RegistrationPaidEvent } from '@clinic/contracts';
import { randomUUID } from 'node:crypto';
import { lastValueFrom } from 'rxjs';
import { boot, systemSettings, type RunningSystem } from './support/system';

const DAY_MS = 86_400_000;
/** Two days ahead in UTC is tomorrow or the day after in the clinic's zone: inside the booking window. */
const bookable = new Date(Date.now() + 2 * DAY_MS).toISOString().slice(0, 10);

/** Booking under load on MariaDB + Redis, through the gateway: the database holds every place. */
describe('booking (production topology)', () => {
  let sys: RunningSystem;
  let admin: Api;
  let desk: Api;
  let doctorId: string;
  let otherDoctorId: string;

  const shift = async (period: 'AM' | 'PM' | 'EVENING', capacity: number, date = bookable, doctor = doctorId) => {
    const res = await admin.post('/schedules', { doctorId: doctor, date, period, startTime: period === 'AM' ? '08:00' : period === 'PM' ? '13:30' : '18:00', endTime: period === 'AM' ? '12:00' : period === 'PM' ? '17:00' : '21:00', capacity });
    if (res.status !== 201) throw new Error(`shift: ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  };
  const patients = async (n: number, tag: string) => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) ids.push((await desk.post('/patients', { name: `${tag}${i}`, gender: 'F', birthDate: '1990-01-01', phone: `1360000${String(i).padStart(4, '0')}` })).body.id);
    return ids;
  };
  /** The invariant: the shift's count equals the appointments that hold a place on it. */
  const counts = async (shiftId: string) => {
    const [s] = await queryService(sys, 'patient', 'SELECT booked, capacity, overbooked FROM shifts WHERE id = ?', [shiftId]);
    const [a] = await queryService(sys, 'patient', "SELECT COUNT(*) AS n FROM appointments WHERE shift_id = ? AND status IN ('PENDING_PAYMENT','BOOKED','CHECKED_IN','IN_PROGRESS')", [shiftId]);
    return { booked: Number(s.booked), active: Number(a.n), capacity: Number(s.capacity), overbooked: Number(s.overbooked) };
  };

  beforeAll(async () => {
    sys = await boot('production', await systemSettings('production', { REGISTRATION_HOLD_SECONDS: '2', NO_SHOW_SWEEP_SECONDS: '1' }), 'booking');
    admin = await adminApi(sys.baseUrl);
    desk = await staffApi(admin, 'bk.desk', ['receptionist']);
    const dept = (await admin.post('/departments', { name: '预约测试科' })).body.id;
    doctorId = (await staffApi(admin, 'bk.doctor', ['doctor'], { departmentId: dept, title: '主任医师' })).userId;
    otherDoctorId = (await staffApi(admin, 'bk.doctor2', ['doctor'], { departmentId: dept, title: '住院医师' })).userId;
  });
  afterAll(() => sys?.stop());

  it('lists shifts with remaining places and the fee for the doctor\'s title', async () => {
    const id = await shift('AM', 30);
    const list = (await desk.get(`/schedules?doctorId=${doctorId}&from=${bookable}&to=${bookable}`)).body;
    expect(list).toEqual([expect.objectContaining({ id, capacity: 30, booked: 0, remaining: 30, registrationFeeFen: 5000, status: 'OPEN' })]);
    expect((await admin.post('/schedules', { doctorId: otherDoctorId, date: bookable, period: 'AM', startTime: '08:00', endTime: '12:00', capacity: 10, registrationFeeFen: 800 })).status).toBe(201);
    expect((await desk.get(`/schedules?doctorId=${otherDoctorId}&from=${bookable}&to=${bookable}`)).body[0].registrationFeeFen).toBe(800);
    expect((await admin.post('/schedules', { doctorId, date: bookable, period: 'AM', startTime: '08:00', endTime: '12:00', capacity: 5 })).body.code).toBe('SCHEDULE.EXISTS');
    const doctors = (await desk.get('/doctors')).body as { id: string; title: string; nextFreeShift: { id: string; remaining: number } | null }[];
    expect(doctors.find((d) => d.id === doctorId)).toMatchObject({ title: '主任医师', nextFreeShift: { id, remaining: 30 } });
    expect((await admin.post('/schedules', { doctorId, date: bookable, period: 'PM', startTime: '17:00', endTime: '13:00', capacity: 5 })).body.details).toEqual([{ field: 'endTime', errors: ['endTime must be after startTime'] }]);
  });

  it('gives the last 10 places to exactly 10 of 200 racing requests', async () => {
    const id = await shift('PM', 12);
    const crowd = await patients(202, '抢号');
    for (const p of crowd.slice(0, 2)) expect((await desk.post('/appointments', { patientId: p, scheduleId: id })).status).toBe(201);
    const results = await Promise.all(crowd.slice(2).map((patientId) => desk.post('/appointments', { patientId, scheduleId: id })));
    const by = (status: number, code?: string) => results.filter((r) => r.status === status && (!code || r.body.code === code)).length;
    expect({ created: by(201), full: by(409, 'APPOINTMENT.SLOT_FULL'), other: results.length - by(201) - by(409, 'APPOINTMENT.SLOT_FULL') }).toEqual({ created: 10, full: 190, other: 0 });
    expect(await counts(id)).toEqual({ booked: 12, active: 12, capacity: 12, overbooked: 0 });
    expect((await desk.get(`/schedules?doctorId=${doctorId}&from=${bookable}&to=${bookable}`)).body.find((s: { id: string }) => s.id === id).remaining).toBe(0);
  });

  it('lets one patient firing 20 bookings at one shift get exactly one', async () => {
    const id = await shift('EVENING', 50);
    const [patientId] = await patients(1, '连点');
    const results = await Promise.all(Array.from({ length: 20 }, () => desk.post('/appointments', { patientId, scheduleId: id })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.body.code === 'APPOINTMENT.DUPLICATE')).toHaveLength(19);
    expect(await counts(id)).toEqual({ booked: 1, active: 1, capacity: 50, overbooked: 0 });
  });

  it('keeps the count equal to the active appointments through cancel-and-rebook races', async () => {
    const date = new Date(Date.now() + 3 * DAY_MS).toISOString().slice(0, 10);
    const id = await shift('AM', 5, date);
    const people = await patients(25, '改约');
    const first = await Promise.all(people.slice(0, 5).map((patientId) => desk.post('/appointments', { patientId, scheduleId: id })));
    for (let round = 0; round < 3; round++) {
      const active = (await desk.get(`/appointments?scheduleId=${id}&status=BOOKED&pageSize=100`)).body.items as { id: string; patientId: string }[];
      await Promise.all([
        ...active.map((a) => desk.post(`/appointments/${a.id}/cancel`, {})),
        ...people.slice(5 + round * 5, 10 + round * 5).map((patientId) => desk.post('/appointments', { patientId, scheduleId: id })),
        ...active.slice(0, 2).map((a) => desk.post('/appointments', { patientId: a.patientId, scheduleId: id })),
      ]);
      const c = await counts(id);
      expect(c.booked).toBe(c.active);
      expect(c.booked).toBeLessThanOrEqual(5);
    }
    expect(first.every((r) => r.status === 201)).toBe(true);
    expect((await desk.post(`/appointments/${first[0].body.id}/cancel`, {})).body.code).toBe('APPOINTMENT.NOT_CANCELLABLE');
  });

  it('lets the desk overbook a full shift only with a reason, and audits it', async () => {
    const id = await shift('PM', 1, new Date(Date.now() + 4 * DAY_MS).toISOString().slice(0, 10));
    const [a, b] = await patients(2, '加号');
    expect((await desk.post('/appointments', { patientId: a, scheduleId: id })).status).toBe(201);
    expect((await desk.post('/appointments', { patientId: b, scheduleId: id })).body.code).toBe('APPOINTMENT.SLOT_FULL');
    const over = await desk.post('/appointments', { patientId: b, scheduleId: id, overbookReason: '复诊取报告' });
    expect(over.status).toBe(201);
    expect(over.body).toMatchObject({ overbooked: true, overbookReason: '复诊取报告' });
    expect(await counts(id)).toEqual({ booked: 2, active: 2, capacity: 1, overbooked: 1 });
    const audited = await queryService(sys, 'patient', "SELECT actor_id FROM audit_log WHERE action = 'APPOINTMENT_OVERBOOK' AND patient_id = ?", [b]);
    expect(audited).toHaveLength(1);
    const account = await patientApi(sys.baseUrl, 'bk-overbook');
    const own = (await account.post('/patients', { name: '自己', gender: 'M', birthDate: '1991-01-01', phone: '13512345678', relationship: '本人' })).body.id;
    expect((await account.post('/appointments', { patientId: own, scheduleId: id, overbookReason: '急' })).status).toBe(403);
    expect((await account.post('/appointments', { patientId: own, scheduleId: id })).body.code).toBe('APPOINTMENT.SLOT_FULL');
  });

  it('holds a patient to 3 active appointments a day, and to the booking window', async () => {
    const date = new Date(Date.now() + 5 * DAY_MS).toISOString().slice(0, 10);
    const shifts = [await shift('AM', 5, date), await shift('PM', 5, date), await shift('EVENING', 5, date), await shift('AM', 5, date, otherDoctorId)];
    const [p] = await patients(1, '限号');
    const results = [];
    for (const scheduleId of shifts) results.push(await desk.post('/appointments', { patientId: p, scheduleId }));
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 409]);
    expect(results[3].body.code).toBe('APPOINTMENT.DAILY_LIMIT');
    await desk.post(`/appointments/${results[0].body.id}/cancel`, {});
    expect((await desk.post('/appointments', { patientId: p, scheduleId: shifts[3] })).status).toBe(201);

    const far = await shift('AM', 5, new Date(Date.now() + 12 * DAY_MS).toISOString().slice(0, 10));
    expect((await desk.post('/appointments', { patientId: p, scheduleId: far })).body.code).toBe('APPOINTMENT.OUTSIDE_WINDOW');
    const past = await shift('PM', 5, new Date(Date.now() - 3 * DAY_MS).toISOString().slice(0, 10));
    expect((await desk.post('/appointments', { patientId: p, scheduleId: past })).body.code).toBe('APPOINTMENT.OUTSIDE_WINDOW');
  });

  it('cancels every patient on a stopped shift (停诊) with the reason, frees their places and announces each', async () => {
    const id = await shift('EVENING', 10, new Date(Date.now() + 4 * DAY_MS).toISOString().slice(0, 10));
    const people = await patients(4, '停诊');
    const booked = await Promise.all(people.map((patientId) => desk.post('/appointments', { patientId, scheduleId: id })));
    expect(booked.every((r) => r.status === 201)).toBe(true);
    const stopped = await admin.post(`/schedules/${id}/cancel`, { reason: '外出会诊' });
    expect(stopped.body).toMatchObject({ status: 'CANCELLED', cancelReason: '外出会诊', booked: 0, remaining: 0 });
    const after = (await desk.get(`/appointments?scheduleId=${id}&pageSize=100`)).body.items;
    expect(after.map((a: { status: string; cancelReason: string }) => [a.status, a.cancelReason])).toEqual(people.map(() => ['CANCELLED', '医生停诊：外出会诊']));
    expect(await counts(id)).toMatchObject({ booked: 0, active: 0 });
    const events = await queryService(sys, 'patient', "SELECT payload FROM outbox_events WHERE event_name = 'patient.appointment.cancelled.1' AND payload LIKE ?", [`%${id}%`]);
    expect(events).toHaveLength(4);
    expect((await desk.post('/appointments', { patientId: people[0], scheduleId: id })).body.code).toBe('SCHEDULE.CANCELLED');

    // A patient account holding one of them is told, in the same transaction as the cancellation.
    const account = await patientApi(sys.baseUrl, 'bk-stopped');
    const own = (await account.post('/patients', { name: '通知', gender: 'M', birthDate: '1990-09-09', phone: '13544445555', relationship: '本人' })).body.id;
    const other = await shift('AM', 5, new Date(Date.now() + 6 * DAY_MS).toISOString().slice(0, 10));
    expect((await account.post('/appointments', { patientId: own, scheduleId: other })).status).toBe(201);
    await admin.post(`/schedules/${other}/cancel`, { reason: '设备检修' });
    const inbox = (await account.get('/me/notifications')).body;
    expect(inbox).toEqual([expect.objectContaining({ kind: 'APPOINTMENT_CANCELLED', patientId: own, body: expect.stringContaining('设备检修') })]);
    expect((await admin.post(`/schedules/${id}/cancel`, { reason: '再次' })).body.code).toBe('SCHEDULE.CANCELLED');
  });

  it('keeps patient accounts to their own appointments (404 for anyone else\'s)', async () => {
    const id = await shift('PM', 10, new Date(Date.now() + 6 * DAY_MS).toISOString().slice(0, 10));
    const a = await patientApi(sys.baseUrl, 'bk-account-a');
    const b = await patientApi(sys.baseUrl, 'bk-account-b');
    const mine = (await a.post('/patients', { name: '甲方', gender: 'F', birthDate: '1992-02-02', phone: '13522223333', relationship: '本人' })).body.id;
    const booked = await a.post('/appointments', { patientId: mine, scheduleId: id });
    expect(booked.status).toBe(201);
    expect((await a.get('/appointments')).body.items.map((x: { id: string }) => x.id)).toEqual([booked.body.id]);
    expect((await b.get('/appointments')).body).toMatchObject({ total: 0, items: [] });
    expect((await b.get(`/appointments?patientId=${mine}`)).body.total).toBe(0);
    expect((await b.post(`/appointments/${booked.body.id}/cancel`, {})).status).toBe(404);
    expect((await b.post('/appointments', { patientId: mine, scheduleId: id })).status).toBe(404);
    const cancelled = await a.post(`/appointments/${booked.body.id}/cancel`, {});
    expect(cancelled.body).toMatchObject({ status: 'CANCELLED', cancelReason: '患者取消' });
  });

  it('holds an online booking in a prepaid department until the fee comes, and releases it when the hold runs out', async () => {
    const dept = (await admin.post('/departments', { name: '预付科', prepaidRegistration: true })).body.id;
    const doctor = (await staffApi(admin, 'bk.prepaid', ['doctor'], { departmentId: dept, title: '主治医师' })).userId;
    const id = await shift('AM', 5, new Date(Date.now() + 2 * DAY_MS).toISOString().slice(0, 10), doctor);
    const account = await patientApi(sys.baseUrl, 'bk-prepaid');
    const people = [];
    for (const [i, name] of ['预付甲', '预付乙', '预付丙'].entries()) {
      people.push((await account.post('/patients', { name, gender: 'M', birthDate: '1980-01-01', phone: `1350000000${i}`, relationship: '其他' })).body.id);
    }
    const book = async (patientId: string) => (await account.post('/appointments', { patientId, scheduleId: id })).body;

    const lapsed = await book(people[0]);
    expect(lapsed).toMatchObject({ status: 'PENDING_PAYMENT', registrationFeeFen: 1500 });
    expect((await counts(id)).booked).toBe(1);
    const awaiting = await queryService(sys, 'patient', "SELECT payload FROM outbox_events WHERE event_name = 'patient.appointment.awaiting-payment.1' AND payload LIKE ?", [`%${lapsed.id}%`]);
    expect(awaiting).toHaveLength(1);
    for (let i = 0; i < 40 && (await account.get(`/appointments?scheduleId=${id}`)).body.items.find((a: { id: string }) => a.id === lapsed.id)?.status !== 'CANCELLED'; i++) {
      await new Promise((r) => setTimeout(r, 200));
    }
    const after = (await account.get(`/appointments?scheduleId=${id}`)).body.items.find((a: { id: string }) => a.id === lapsed.id);
    expect(after).toMatchObject({ status: 'CANCELLED', cancelReason: '支付超时' });
    expect(await counts(id)).toMatchObject({ booked: 0, active: 0 });

    const devPaid = await book(people[1]);
    expect((await account.post(`/appointments/${devPaid.id}/dev-pay`)).body.status).toBe('BOOKED');
    expect((await account.post(`/appointments/${devPaid.id}/dev-pay`)).status).toBe(409);

    // Billing's event, delivered twice: confirmed once.
    const viaBilling = await book(people[2]);
    const event: EventEnvelope<RegistrationPaidEvent> = {
      meta: { requestId: 'e2e', eventId: randomUUID(), occurredAt: new Date().toISOString(), source: 'e2e' },
      data: { clinicId: 'clinic-1', appointmentId: viaBilling.id, amountFen: 1500, paymentId: 'pay-1' },
    };
    const redis = new URL(sys.env.REDIS_URL!);
    const client = ClientProxyFactory.create({ transport: Transport.REDIS, options: { host: redis.hostname, port: Number(redis.port) } });
    try {
      await client.connect();
      await lastValueFrom(client.emit(Events.registrationPaid, event), { defaultValue: undefined });
      await lastValueFrom(client.emit(Events.registrationPaid, event), { defaultValue: undefined });
    } finally {
      await client.close();
    }
    let status = '';
    for (let i = 0; i < 40 && status !== 'BOOKED'; i++) {
      status = (await account.get(`/appointments?scheduleId=${id}`)).body.items.find((a: { id: string }) => a.id === viaBilling.id)?.status;
      if (status !== 'BOOKED') await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe('BOOKED');
    expect(await queryService(sys, 'patient', 'SELECT event_id FROM inbox_events WHERE event_id = ?', [event.meta.eventId])).toHaveLength(1);
    expect(await counts(id)).toMatchObject({ booked: 2, active: 2 });

    // At the desk the fee is taken in person: no hold.
    const walkUp = (await desk.post('/patients', { name: '现场', gender: 'F', birthDate: '1970-07-07', phone: '13511112222' })).body.id;
    expect((await desk.post('/appointments', { patientId: walkUp, scheduleId: id })).body.status).toBe('BOOKED');
  });

  it('books time slots (分时段) with their own places, held the same way, and generates them from templates', async () => {
    const date = new Date(Date.now() + 3 * DAY_MS).toISOString().slice(0, 10);
    const created = await admin.post('/schedules', { doctorId: otherDoctorId, date, period: 'PM', startTime: '14:00', endTime: '15:30', capacity: 20, slotMinutes: 30, slotCapacity: 1 });
    expect(created.status).toBe(201);
    const shiftRow = (await desk.get(`/schedules?doctorId=${otherDoctorId}&from=${date}&to=${date}`)).body.find((x: { id: string }) => x.id === created.body.id);
    expect(shiftRow.slots.map((x: { startTime: string; endTime: string; remaining: number }) => [x.startTime, x.endTime, x.remaining])).toEqual([
      ['14:00', '14:30', 1],
      ['14:30', '15:00', 1],
      ['15:00', '15:30', 1],
    ]);
    const [first, second] = shiftRow.slots.map((x: { id: string }) => x.id);
    expect((await admin.post('/schedules', { doctorId: otherDoctorId, date, period: 'EVENING', startTime: '18:00', endTime: '19:00', capacity: 5, slotMinutes: 15 })).body.details).toEqual([
      { field: 'slotCapacity', errors: ['slotMinutes and slotCapacity go together'] },
    ]);

    const account = await patientApi(sys.baseUrl, 'bk-slots');
    const own = (await account.post('/patients', { name: '分时', gender: 'F', birthDate: '1993-03-03', phone: '13566667777', relationship: '本人' })).body.id;
    expect((await account.post('/appointments', { patientId: own, scheduleId: created.body.id })).body.code).toBe('APPOINTMENT.SLOT_REQUIRED');

    // 20 people race for the one place of the first slot: one gets it, the shift still has room.
    const crowd = await patients(20, '分时抢');
    const race = await Promise.all(crowd.map((patientId) => desk.post('/appointments', { patientId, scheduleId: created.body.id, slotId: first })));
    expect(race.filter((r) => r.status === 201)).toHaveLength(1);
    expect(race.filter((r) => r.body.code === 'APPOINTMENT.SLOT_FULL')).toHaveLength(19);
    const mine = await account.post('/appointments', { patientId: own, scheduleId: created.body.id, slotId: second });
    expect(mine.body).toMatchObject({ status: 'BOOKED', slotId: second, slotStartTime: '14:30' });
    const slotCounts = async () =>
      (await queryService(sys, 'patient', "SELECT s.start_time AS t, s.booked, (SELECT COUNT(*) FROM appointments a WHERE a.slot_id = s.id AND a.status IN ('PENDING_PAYMENT','BOOKED','CHECKED_IN','IN_PROGRESS','COMPLETED')) AS holding FROM shift_slots s WHERE s.shift_id = ? ORDER BY s.start_time", [created.body.id])).map((r) => [r.t, Number(r.booked), Number(r.holding)]);
    expect(await slotCounts()).toEqual([['14:00', 1, 1], ['14:30', 1, 1], ['15:00', 0, 0]]);
    expect((await counts(created.body.id)).booked).toBe(2);
    await account.post(`/appointments/${mine.body.id}/cancel`, {});
    expect(await slotCounts()).toEqual([['14:00', 1, 1], ['14:30', 0, 0], ['15:00', 0, 0]]);

    const template = await admin.post('/schedule-templates', { doctorId: otherDoctorId, weekday: 3, period: 'EVENING', startTime: '18:00', endTime: '19:00', capacity: 8, slotMinutes: 20, slotCapacity: 2 });
    expect(template.status).toBe(201);
    expect((await admin.post('/schedule-templates/generate', { weeks: 1, doctorId: otherDoctorId })).body.created).toBe(1);
    const range = `from=${new Date().toISOString().slice(0, 10)}&to=${new Date(Date.now() + 9 * DAY_MS).toISOString().slice(0, 10)}`;
    const wednesday = (await desk.get(`/schedules?doctorId=${otherDoctorId}&${range}`)).body.find(
      (x: { period: string }) => x.period === 'EVENING',
    );
    expect(wednesday.slots.map((x: { startTime: string; capacity: number }) => [x.startTime, x.capacity])).toEqual([['18:00', 2], ['18:20', 2], ['18:40', 2]]);
  });
});
