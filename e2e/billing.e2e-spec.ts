import { randomUUID } from 'node:crypto';
import type { Api } from './support/api';
import { adminApi, patientApi, staffApi } from './support/actors';
import { eventually, queryService } from './support/db';
import { waitForStatus } from './support/pharmacy';
import { boot, type RunningSystem } from './support/system';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const pay = (api: Api, billId: string, body: Record<string, unknown>, key: string | null = randomUUID()) => api.post(`/bills/${billId}/payments`, body, key ? { headers: { 'idempotency-key': key } } : {});

/** The money path on MariaDB + Redis: a signed prescription becomes bill lines, the desk takes the money once, pharmacy dispenses. */
describe('bills and desk payments (production topology)', () => {
  let sys: RunningSystem;
  let admin: Api;
  let doctor: Api & { userId: string };
  let cashier: Api;
  let pharmacist: Api;
  let supplierId: string;
  const tag = randomUUID().slice(0, 6);

  const drug = async (priceFen: number) => {
    const id = (await pharmacist.post('/drugs', { name: `收费药${tag}-${priceFen}`, spec: '10mg*10片', unit: '盒', priceFen, reorderLevel: 1 })).body.id as string;
    await pharmacist.post('/stock-ins', { supplierId, items: [{ drugId: id, batchNo: `P${priceFen}`, expiryDate: day(300), quantity: 20, unitCostFen: 100 }] });
    return id;
  };
  /** A walk-in encounter with a signed prescription of these drugs: its bill, once billing has it. */
  const billFor = async (items: { drugId: string; quantity: number }[]) => {
    const patientId = (await admin.post('/patients', { name: '收费患者', gender: 'F', birthDate: '1970-01-01', phone: '13100001111' })).body.id;
    const enc = (await doctor.post('/encounters', { patientId })).body;
    const rx = (await doctor.post(`/encounters/${enc.id}/prescriptions`, { items: items.map((i) => ({ ...i, dosage: '1片', frequency: 'qd', route: '口服', days: 3 })) })).body;
    expect((await doctor.post(`/prescriptions/${rx.id}/sign`)).body.status).toBe('SIGNED');
    const bill = await eventually(async () => (await cashier.get(`/bills?patientId=${patientId}`)).body.items[0]);
    return { bill, rx, patientId, encounterId: enc.id as string };
  };

  beforeAll(async () => {
    sys = await boot('production', undefined, 'billing');
    admin = await adminApi(sys.baseUrl);
    doctor = await staffApi(admin, `bill.doctor.${tag}`, ['doctor']);
    cashier = await staffApi(admin, `bill.cashier.${tag}`, ['cashier']);
    pharmacist = await staffApi(admin, `bill.pharm.${tag}`, ['pharmacist']);
    supplierId = (await pharmacist.post('/suppliers', { name: `收费供应商${tag}` })).body.id;
  });
  afterAll(() => sys?.stop());

  it('bills a signed prescription at the reserved prices, takes cash once for ten identical requests, and pharmacy can dispense', async () => {
    const [a, b] = [await drug(1250), await drug(880)];
    const { bill, rx } = await billFor([{ drugId: a, quantity: 2 }, { drugId: b, quantity: 1 }]);
    expect(bill).toMatchObject({ sourceType: 'ENCOUNTER', status: 'OPEN', totalFen: 3380, paidFen: 0, dueFen: 3380 });
    expect(bill.lines.map((l: { kind: string; refId: string; unitPriceFen: number; quantity: number; amountFen: number }) => [l.kind, l.refId, l.unitPriceFen, l.quantity, l.amountFen])).toEqual([
      ['DRUG', rx.id, 1250, 2, 2500],
      ['DRUG', rx.id, 880, 1, 880],
    ]);

    expect((await pay(cashier, bill.id, { method: 'CASH', amountFen: 3380 }, null)).body.code).toBe('PAYMENT.IDEMPOTENCY_KEY_REQUIRED');
    expect((await pay(cashier, bill.id, { method: 'CASH', amountFen: 3380, tenderedFen: 3000 })).body.code).toBe('PAYMENT.TENDER_SHORT');
    expect((await pay(cashier, bill.id, { method: 'CASH', amountFen: 3381 })).body.code).toBe('PAYMENT.EXCEEDS_DUE');
    expect((await pay(doctor, bill.id, { method: 'CASH', amountFen: 3380 })).status).toBe(403);

    const key = randomUUID();
    const replies = await Promise.all(Array.from({ length: 10 }, () => pay(cashier, bill.id, { method: 'CASH', amountFen: 3380, tenderedFen: 5000 }, key)));
    expect(replies.map((r) => r.status).every((s) => s === 201)).toBe(true);
    expect(new Set(replies.map((r) => r.body.id)).size).toBe(1);
    expect(replies[0].body).toMatchObject({ method: 'CASH', amountFen: 3380, tenderedFen: 5000, changeFen: 1620 });
    expect(await queryService(sys, 'billing', 'SELECT COUNT(*) AS n, SUM(amount_fen) AS fen FROM payments WHERE bill_id = ?', [bill.id])).toEqual([{ n: 1, fen: '3380' }]);
    expect((await cashier.get(`/bills/${bill.id}`)).body).toMatchObject({ status: 'PAID', paidFen: 3380, dueFen: 0 });
    expect((await pay(cashier, bill.id, { method: 'CARD', amountFen: 3380 }, key)).body.code).toBe('PAYMENT.IDEMPOTENCY_KEY_REUSED');
    expect((await pay(cashier, bill.id, { method: 'CARD', amountFen: 1 })).body.code).toBe('PAYMENT.EXCEEDS_DUE');

    // bill.paid reaches pharmacy: the prescription is ready at the window.
    await waitForStatus(sys, rx.id, 'READY');
    expect((await pharmacist.post(`/prescriptions/${rx.id}/dispense`, {})).status).toBe(200);
  });

  it('takes a split payment, card then cash, and a second prescription reopens the encounter\'s bill', async () => {
    const c = await drug(2000);
    const { bill, encounterId } = await billFor([{ drugId: c, quantity: 1 }]);
    expect((await pay(cashier, bill.id, { method: 'CARD', amountFen: 1500 })).status).toBe(201);
    expect((await cashier.get(`/bills/${bill.id}`)).body).toMatchObject({ status: 'PARTIALLY_PAID', paidFen: 1500, dueFen: 500 });
    expect((await pay(cashier, bill.id, { method: 'CASH', amountFen: 500, tenderedFen: 1000 })).body.changeFen).toBe(500);
    expect((await cashier.get(`/bills/${bill.id}`)).body.status).toBe('PAID');

    const more = (await doctor.post(`/encounters/${encounterId}/prescriptions`, { items: [{ drugId: c, dosage: '1片', frequency: 'qd', route: '口服', days: 1, quantity: 1 }] })).body;
    await doctor.post(`/prescriptions/${more.id}/sign`);
    const reopened = await eventually(async () => {
      const b = (await cashier.get(`/bills/${bill.id}`)).body;
      return b.totalFen === 4000 ? b : null;
    });
    expect(reopened).toMatchObject({ status: 'PARTIALLY_PAID', paidFen: 2000, dueFen: 2000 });
    // Cancelling the unpaid prescription takes its line off again.
    await doctor.post(`/prescriptions/${more.id}/cancel`, { reason: '患者不要了' });
    const back = await eventually(async () => {
      const b = (await cashier.get(`/bills/${bill.id}`)).body;
      return b.totalFen === 2000 ? b : null;
    });
    expect(back).toMatchObject({ status: 'PAID', dueFen: 0 });
  });

  it('bills a prepaid registration and confirms the appointment when the desk takes the fee', async () => {
    const dept = (await admin.post('/departments', { name: `预付收费科${tag}`, prepaidRegistration: true })).body.id;
    const doc = await staffApi(admin, `bill.prepaid.${tag}`, ['doctor'], { departmentId: dept, title: '主治医师' });
    const shift = (await admin.post('/schedules', { doctorId: doc.userId, date: day(2), period: 'PM', startTime: '13:30', endTime: '17:00', capacity: 5 })).body.id;
    const account = await patientApi(sys.baseUrl, `bill-${tag}`);
    const own = (await account.post('/patients', { name: '挂号人', gender: 'M', birthDate: '1992-02-02', phone: '13100002222', relationship: '本人' })).body.id;
    const appt = (await account.post('/appointments', { patientId: own, scheduleId: shift })).body;
    expect(appt.status).toBe('PENDING_PAYMENT');
    const bill = await eventually(async () => (await cashier.get(`/bills?patientId=${own}`)).body.items[0]);
    expect(bill).toMatchObject({ sourceType: 'APPOINTMENT', sourceId: appt.id, totalFen: appt.registrationFeeFen, lines: [{ kind: 'REGISTRATION', name: '挂号费', amountFen: appt.registrationFeeFen }] });
    expect((await pay(cashier, bill.id, { method: 'CARD', amountFen: appt.registrationFeeFen })).status).toBe(201);
    const booked = await eventually(async () => (await account.get(`/appointments?scheduleId=${shift}`)).body.items.find((a: { id: string; status: string }) => a.id === appt.id && a.status === 'BOOKED'));
    expect(booked).toBeTruthy();
  });
});
