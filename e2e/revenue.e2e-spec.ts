import { randomUUID } from 'node:crypto';
import type { Api } from './support/api';
import { clinicAdminApi, staffApi } from './support/actors';
import { eventually, insertRows, queryService } from './support/db';
import { boot, type RunningSystem } from './support/system';
import { tradeBillCsv, type BillPaymentRow, type BillRefundRow } from './support/wechat-bill';
import { readSheet } from './support/xlsx';

// A clinic of its own: other suites share the test databases, and these figures must be exactly this suite's.
const CLINIC = `clinic-revenue-${randomUUID().slice(0, 6)}`;
/** A SQL datetime in UTC, the way billing stores instants. */
const sqlUtc = (iso: string) => iso.replace('T', ' ').replace('Z', '');
const at = (iso: string) => new Date(iso);

/** Decimal yuan text ("62.00", "-10", "0.5") as fen, by its digits. */
function fenOf(text: string): number {
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (!m) throw new Error(`not yuan: ${text}`);
  const fen = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -fen : fen;
}

/** RFC 4180, enough for the export: quoted fields with doubled quotes, CRLF between records. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted && ch === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (!quoted && ch === ',') {
      row.push(field);
      field = '';
    } else if (!quoted && ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else {
      field += ch;
    }
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

interface Figures {
  receivedFen: number;
  refundedFen: number;
  reversedFen: number;
  netFen: number;
  payments: number;
}
const fig = (receivedFen: number, refundedFen: number, reversedFen: number, payments: number): Figures => ({ receivedFen, refundedFen, reversedFen, netFen: receivedFen - refundedFen - reversedFen, payments });
const ZERO = fig(0, 0, 0, 0);
const rowsOf = (report: { rows: ({ key: string | null; label: string } & Figures)[] }) => report.rows.map((r) => ({ key: r.key, label: r.label, ...pick(r) }));
const pick = (r: Figures): Figures => ({ receivedFen: r.receivedFen, refundedFen: r.refundedFen, reversedFen: r.reversedFen, netFen: r.netFen, payments: r.payments });

/**
 * Revenue reports, their exports, WeChat Pay reconciliation and fee item prices on MariaDB + Redis. Desk payments go
 * through the API; WeChat payments, refunds and a reversal (flows being built elsewhere) are written into billing's
 * tables as those flows will write them, on days in the past that no live payment can be booked to.
 */
describe('revenue reports and reconciliation (production topology)', () => {
  let sys: RunningSystem;
  let admin: Api;
  let cashier: Api;
  let doctorA: Api & { userId: string };
  let doctorB: Api & { userId: string };
  let deptA: string;
  let deptB: string;
  const tag = randomUUID().slice(0, 6);
  const names = { deptA: `内科${tag}`, deptB: `外科${tag}`, doctorA: `测试rv.a.${tag}`, doctorB: `测试rv.b.${tag}` };
  const fee: Record<'LAB' | 'TREATMENT' | 'EXAMINATION' | 'CONSULTATION', string> = { LAB: '', TREATMENT: '', EXAMINATION: '', CONSULTATION: '' };

  // The days around a month's end in Asia/Shanghai: 2026-10-31T16:30Z is 00:30 on 1 November there.
  const D0 = '2026-10-31';
  const D1 = '2026-11-01';
  const D2 = '2026-11-02';
  const ids = Object.fromEntries(['w1', 'w2', 'w3', 'w4', 'w5', 'w6', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'r1', 'l1', 'rev'].map((k) => [k, randomUUID()])) as Record<string, string>;
  const no = (k: string) => `${k.toUpperCase()}${tag}${'0'.repeat(10)}`.slice(0, 20);
  const drugLine = randomUUID();
  const paidAt = {
    p1: '2026-10-31T16:30:00.000Z',
    p2: '2026-10-31T15:59:00.000Z',
    p3: '2026-11-01T03:00:00.000Z',
    p4: '2026-11-01T04:00:00.000Z',
    p5: '2026-11-01T05:00:00.000Z',
    r1: '2026-11-01T02:00:00.000Z',
  };

  const report = async (from: string, to: string, groupBy: string) => {
    const res = await cashier.get(`/reports/revenue?from=${from}&to=${to}&groupBy=${groupBy}`);
    if (res.status !== 200) throw new Error(`report ${groupBy}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  /** The shapes billing's own flows write: a bill with its lines, paid (or not) at an instant. */
  async function seedWechatDays(): Promise<void> {
    const bill = (id: string, doctorId: string, departmentId: string, totalFen: number, paidFen: number, refundedFen: number, status: string, paid: string | null, pendingFen = 0) => ({
      id, clinic_id: CLINIC, patient_id: randomUUID(), source_type: 'ENCOUNTER', source_id: randomUUID(), doctor_id: doctorId, department_id: departmentId, status,
      total_fen: totalFen, paid_fen: paidFen, pending_fen: pendingFen, refunded_fen: refundedFen, created_at: sqlUtc('2026-10-30T01:00:00.000Z'), paid_at: paid && sqlUtc(paid),
    });
    await insertRows(sys, 'billing', 'bills', [
      bill(ids.w1, doctorA.userId, deptA, 3700, 3700, 0, 'PAID', paidAt.p1),
      bill(ids.w2, doctorB.userId, deptB, 6200, 6200, 5000, 'PARTIALLY_REFUNDED', paidAt.p2),
      bill(ids.w3, doctorA.userId, deptA, 1000, 0, 0, 'OPEN', null), // its cash payment was reversed
      bill(ids.w4, doctorA.userId, deptA, 3000, 3000, 0, 'PAID', paidAt.p4),
      bill(ids.w5, doctorB.userId, deptB, 2000, 2000, 0, 'PAID', paidAt.p5),
      bill(ids.w6, doctorB.userId, deptB, 1500, 0, 0, 'OPEN', null, 1500), // a WeChat payment still pending
    ]);
    const line = (billId: string, lineNo: number, kind: string, itemId: string | null, name: string, fen: number, extra: Record<string, number> = {}, id = randomUUID()) => ({
      id, bill_id: billId, kind, ref_id: randomUUID(), line_no: lineNo, item_id: itemId, name, unit_price_fen: fen, quantity: 1, amount_fen: fen,
      dispensed_qty: 0, returned_qty: 0, refunded_qty: 0, refunded_fen: 0, created_at: sqlUtc('2026-10-30T01:00:00.000Z'), ...extra,
    });
    await insertRows(sys, 'billing', 'bill_lines', [
      line(ids.w1, 1, 'REGISTRATION', null, '挂号费', 1200),
      line(ids.w1, 2, 'SERVICE', fee.LAB, '血常规', 2500),
      line(ids.w2, 1, 'DRUG', randomUUID(), '阿莫西林胶囊 0.25g*24粒', 5000, { dispensed_qty: 1, returned_qty: 1, refunded_qty: 1, refunded_fen: 5000 }, drugLine),
      line(ids.w2, 2, 'SERVICE', fee.TREATMENT, '静脉输液', 1200),
      line(ids.w3, 1, 'SERVICE', fee.CONSULTATION, '诊查费', 1000),
      line(ids.w4, 1, 'SERVICE', fee.EXAMINATION, '心电图', 3000),
      line(ids.w5, 1, 'REGISTRATION', null, '挂号费', 2000),
      line(ids.w6, 1, 'SERVICE', fee.EXAMINATION, '心电图', 1500),
    ]);
    const payment = (id: string, billId: string, method: string, fen: number, status: string, businessDate: string | null, paid: string | null, outTradeNo: string | null, txn: string | null, refundedFen = 0) => ({
      id, clinic_id: CLINIC, bill_id: billId, method, amount_fen: fen, tendered_fen: method === 'CASH' ? fen : null, change_fen: method === 'CASH' ? 0 : null,
      idempotency_key: `seed-${id}`, status, business_date: businessDate, out_trade_no: outTradeNo, channel_txn_id: txn, refunded_fen: refundedFen, detail: null,
      created_by: 'e2e', created_at: sqlUtc(paid ?? '2026-11-01T06:00:00.000Z'), paid_at: paid && sqlUtc(paid), expires_at: null,
    });
    await insertRows(sys, 'billing', 'payments', [
      payment(ids.p1, ids.w1, 'WECHAT', 3700, 'SUCCEEDED', D1, paidAt.p1, no('p1'), `42000${tag}01`),
      payment(ids.p2, ids.w2, 'WECHAT', 6200, 'SUCCEEDED', D0, paidAt.p2, no('p2'), `42000${tag}02`, 5000),
      payment(ids.p3, ids.w3, 'CASH', 1000, 'SUCCEEDED', D1, paidAt.p3, null, null),
      payment(ids.p4, ids.w4, 'WECHAT', 3000, 'SUCCEEDED', D1, paidAt.p4, no('p4'), `42000${tag}04`),
      payment(ids.p5, ids.w5, 'WECHAT', 2000, 'SUCCEEDED', D1, paidAt.p5, no('p5'), `42000${tag}05`),
      payment(ids.p6, ids.w6, 'WECHAT', 1500, 'PENDING', null, null, no('p6'), null),
    ]);
    await insertRows(sys, 'billing', 'refunds', [
      { id: ids.r1, clinic_id: CLINIC, bill_id: ids.w2, amount_fen: 5000, reason: '退药', status: 'SUCCEEDED', idempotency_key: `seed-${ids.r1}`, created_by: 'e2e', created_at: sqlUtc(paidAt.r1), completed_at: sqlUtc(paidAt.r1) },
    ]);
    await insertRows(sys, 'billing', 'refund_lines', [{ id: randomUUID(), refund_id: ids.r1, bill_line_id: drugLine, quantity: 1, release_qty: 0, amount_fen: 5000 }]);
    await insertRows(sys, 'billing', 'refund_legs', [
      { id: ids.l1, clinic_id: CLINIC, refund_id: ids.r1, payment_id: ids.p2, method: 'WECHAT', amount_fen: 5000, status: 'SUCCEEDED', out_refund_no: no('l1'), channel_refund_id: `50300${tag}01`, business_date: D1, created_at: sqlUtc(paidAt.r1), completed_at: sqlUtc(paidAt.r1) },
    ]);
    const entry = (kind: string, method: string, fen: number, day: string, billId: string, paymentId: string, sourceId: string, doctorId: string, departmentId: string, when: string) => ({
      id: randomUUID(), clinic_id: CLINIC, business_date: day, kind, method, amount_fen: fen, bill_id: billId, payment_id: paymentId, source_id: sourceId, doctor_id: doctorId, department_id: departmentId, created_at: sqlUtc(when),
    });
    await insertRows(sys, 'billing', 'money_entries', [
      entry('PAYMENT', 'WECHAT', 3700, D1, ids.w1, ids.p1, ids.p1, doctorA.userId, deptA, paidAt.p1),
      entry('PAYMENT', 'WECHAT', 6200, D0, ids.w2, ids.p2, ids.p2, doctorB.userId, deptB, paidAt.p2),
      entry('REFUND', 'WECHAT', -5000, D1, ids.w2, ids.p2, ids.l1, doctorB.userId, deptB, paidAt.r1),
      entry('PAYMENT', 'CASH', 1000, D1, ids.w3, ids.p3, ids.p3, doctorA.userId, deptA, paidAt.p3),
      entry('REVERSAL', 'CASH', -1000, D2, ids.w3, ids.p3, ids.rev, doctorA.userId, deptA, '2026-11-02T02:00:00.000Z'),
      entry('PAYMENT', 'WECHAT', 3000, D1, ids.w4, ids.p4, ids.p4, doctorA.userId, deptA, paidAt.p4),
      entry('PAYMENT', 'WECHAT', 2000, D1, ids.w5, ids.p5, ids.p5, doctorB.userId, deptB, paidAt.p5),
    ]);
  }

  beforeAll(async () => {
    sys = await boot('production', undefined, 'revenue');
    admin = await clinicAdminApi(sys, CLINIC);
    cashier = await staffApi(admin, `rv.cashier.${tag}`, ['cashier']);
    deptA = (await admin.post('/departments', { name: names.deptA })).body.id;
    deptB = (await admin.post('/departments', { name: names.deptB })).body.id;
    doctorA = await staffApi(admin, `rv.a.${tag}`, ['doctor'], { departmentId: deptA, title: '主治医师' });
    doctorB = await staffApi(admin, `rv.b.${tag}`, ['doctor'], { departmentId: deptB, title: '主任医师' });
    const items = { LAB: '血常规', TREATMENT: '静脉输液', EXAMINATION: '心电图', CONSULTATION: '诊查费' } as const;
    for (const [category, name] of Object.entries(items) as [keyof typeof fee, string][]) {
      const res = await admin.post('/fee-items', { name: `${name}${tag}`, priceFen: 1000, category });
      if (res.status !== 201) throw new Error(`fee item: ${JSON.stringify(res.body)}`);
      fee[category] = res.body.id;
    }
    // Billing learns department names from patient-svc's events.
    const known = await eventually(async () => (await queryService(sys, 'billing', 'SELECT COUNT(*) AS n FROM department_refs WHERE department_id IN (?, ?)', [deptA, deptB]))[0].n === 2);
    if (!known) throw new Error('billing never learned the departments');
    await seedWechatDays();
  });
  afterAll(() => sys?.stop());

  it('by day, method, department and doctor from the journal, to the fen, with the month boundary in the clinic zone', async () => {
    const byDay = await report(D0, D2, 'day');
    expect(byDay).toMatchObject({ from: D0, to: D2, groupBy: 'day', timeZone: 'Asia/Shanghai' });
    expect(rowsOf(byDay)).toEqual([
      { key: D0, label: D0, ...fig(6200, 0, 0, 1) },
      { key: D1, label: D1, ...fig(9700, 5000, 0, 4) },
      { key: D2, label: D2, ...fig(0, 0, 1000, 0) },
    ]);
    expect(byDay.totals).toEqual(fig(15900, 5000, 1000, 5));
    expect(byDay.totals.netFen).toBe(9900);

    expect(rowsOf(await report(D0, D2, 'method'))).toEqual([
      { key: 'CASH', label: '现金', ...fig(1000, 0, 1000, 1) },
      { key: 'WECHAT', label: '微信支付', ...fig(14900, 5000, 0, 4) },
    ]);
    const byDept = await report(D0, D2, 'department');
    expect(rowsOf(byDept)).toEqual([
      { key: deptB, label: names.deptB, ...fig(8200, 5000, 0, 2) },
      { key: deptA, label: names.deptA, ...fig(7700, 0, 1000, 3) },
    ]);
    expect(byDept.totals).toEqual(fig(15900, 5000, 1000, 5));
    // Billing knows doctors by id; the gateway puts their names on.
    expect(rowsOf(await report(D0, D2, 'doctor'))).toEqual([
      { key: doctorB.userId, label: names.doctorB, ...fig(8200, 5000, 0, 2) },
      { key: doctorA.userId, label: names.doctorA, ...fig(7700, 0, 1000, 3) },
    ]);

    // 00:30 on 1 November in Shanghai is still 31 October in UTC: it counts in November.
    const october = await report('2026-10-01', D0, 'day');
    expect(rowsOf(october)).toEqual([{ key: D0, label: D0, ...fig(6200, 0, 0, 1) }]);
    expect((await report(D1, D2, 'day')).totals).toEqual(fig(9700, 5000, 1000, 4));
  });

  it('by category: lines of the bills paid in the period (clinic days), less the lines refunded in it', async () => {
    const all = await report(D0, D2, 'category');
    expect(rowsOf(all)).toEqual([
      { key: 'REGISTRATION', label: '挂号费', ...fig(3200, 0, 0, 2) },
      { key: 'DRUG', label: '药品', ...fig(5000, 5000, 0, 1) },
      { key: 'EXAMINATION', label: '检查费', ...fig(3000, 0, 0, 1) },
      { key: 'LAB', label: '化验费', ...fig(2500, 0, 0, 1) },
      { key: 'TREATMENT', label: '治疗费', ...fig(1200, 0, 0, 1) },
    ]);
    // Four bills were paid; one of them has lines of two categories and counts once in the total.
    expect(all.totals).toEqual(fig(14900, 5000, 0, 4));

    // The bill paid at 23:59 on 31 October (Shanghai) is October's; the one paid at 00:30 on 1 November is November's.
    const october = await report('2026-10-01', D0, 'category');
    expect(rowsOf(october)).toEqual([
      { key: 'DRUG', label: '药品', ...fig(5000, 0, 0, 1) },
      { key: 'TREATMENT', label: '治疗费', ...fig(1200, 0, 0, 1) },
    ]);
    expect(october.totals).toEqual(fig(6200, 0, 0, 1));
    const november = await report(D1, D2, 'category');
    expect(rowsOf(november)).toEqual([
      { key: 'REGISTRATION', label: '挂号费', ...fig(3200, 0, 0, 2) },
      { key: 'DRUG', label: '药品', ...fig(0, 5000, 0, 0) },
      { key: 'EXAMINATION', label: '检查费', ...fig(3000, 0, 0, 1) },
      { key: 'LAB', label: '化验费', ...fig(2500, 0, 0, 1) },
    ]);
    expect(november.totals).toEqual(fig(8700, 5000, 0, 3));
  });

  it('answers an empty period with zeros and no rows, and a bad period with 400 naming the field', async () => {
    for (const groupBy of ['day', 'department', 'doctor', 'method', 'category']) {
      const empty = await report('2020-02-01', '2020-02-29', groupBy);
      expect({ groupBy, rows: empty.rows, totals: empty.totals }).toEqual({ groupBy, rows: [], totals: ZERO });
    }
    const bad = async (query: string) => {
      const res = await cashier.get(`/reports/revenue?${query}`);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION.FAILED');
      return res.body.details.map((d: { field: string }) => d.field);
    };
    expect(await bad(`from=${D2}&to=${D0}&groupBy=day`)).toEqual(['to']);
    expect(await bad('from=2025-01-01&to=2026-01-02&groupBy=day')).toEqual(['to']); // 367 days
    expect((await cashier.get('/reports/revenue?from=2024-01-01&to=2024-12-31&groupBy=day')).status).toBe(200); // 366: a leap year fits
    expect(await bad('from=2026-02-30&to=2026-03-01&groupBy=day')).toEqual(['from']);
    expect(await bad(`from=${D0}&to=${D2}&groupBy=week`)).toEqual(['groupBy']);
    expect(await bad(`to=${D2}&groupBy=day`)).toEqual(['from']);
    expect((await cashier.get(`/reports/revenue/export?from=${D0}&to=${D2}&groupBy=day&format=pdf`)).body.details.map((d: { field: string }) => d.field)).toEqual(['format']);
    expect((await doctorA.get(`/reports/revenue?from=${D0}&to=${D2}&groupBy=day`)).status).toBe(403);
  });

  it('counts desk payments taken through the API today, to the fen', async () => {
    const pharmacist = await staffApi(admin, `rv.ph.${tag}`, ['pharmacist']);
    const supplierId = (await pharmacist.post('/suppliers', { name: `报表供应商${tag}` })).body.id;
    const drug = async (priceFen: number) => {
      const id = (await pharmacist.post('/drugs', { name: `报表药${tag}-${priceFen}`, spec: '10mg*10片', unit: '盒', priceFen, reorderLevel: 1 })).body.id as string;
      await pharmacist.post('/stock-ins', { supplierId, items: [{ drugId: id, batchNo: `R${priceFen}`, expiryDate: '2030-01-01', quantity: 20, unitCostFen: 100 }] });
      return id;
    };
    const billFor = async (doctor: Api, items: { drugId: string; quantity: number }[]) => {
      const patientId = (await admin.post('/patients', { name: '报表患者', gender: 'F', birthDate: '1980-03-04', phone: '13100003333' })).body.id;
      const enc = (await doctor.post('/encounters', { patientId })).body;
      const rx = (await doctor.post(`/encounters/${enc.id}/prescriptions`, { items: items.map((i) => ({ ...i, dosage: '1片', frequency: 'qd', route: '口服', days: 3 })) })).body;
      expect((await doctor.post(`/prescriptions/${rx.id}/sign`)).body.status).toBe('SIGNED');
      return eventually(async () => (await cashier.get(`/bills?patientId=${patientId}`)).body.items[0]);
    };
    const pay = async (billId: string, body: Record<string, unknown>) => {
      const res = await cashier.post(`/bills/${billId}/payments`, body, { headers: { 'idempotency-key': randomUUID() } });
      expect(res.status).toBe(201);
      return res.body;
    };
    const [x, y, z] = [await drug(1250), await drug(880), await drug(2000)];
    const one = await billFor(doctorA, [{ drugId: x, quantity: 2 }, { drugId: y, quantity: 1 }]);
    const two = await billFor(doctorB, [{ drugId: z, quantity: 1 }]);
    expect([one.totalFen, one.departmentId, two.totalFen, two.doctorId]).toEqual([3380, deptA, 2000, doctorB.userId]);

    // Other suites take money today on the same database: the method and day figures are compared before and after.
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
    const methodBefore = await report(today, today, 'method');
    const categoryBefore = await report(today, today, 'category');
    const paid = [await pay(one.id, { method: 'CASH', amountFen: 3380, tenderedFen: 5000 }), await pay(two.id, { method: 'CARD', amountFen: 1500 }), await pay(two.id, { method: 'CASH', amountFen: 500 })];
    expect(paid.map((p) => p.businessDate)).toEqual([today, today, today]);

    const methodAfter = await report(today, today, 'method');
    const delta = (after: typeof methodAfter, before: typeof methodAfter, key: string) => {
      const [a, b] = [after.rows.find((r: { key: string }) => r.key === key) ?? ZERO, before.rows.find((r: { key: string }) => r.key === key) ?? ZERO];
      return fig(a.receivedFen - b.receivedFen, a.refundedFen - b.refundedFen, a.reversedFen - b.reversedFen, a.payments - b.payments);
    };
    expect(delta(methodAfter, methodBefore, 'CASH')).toEqual(fig(3880, 0, 0, 2));
    expect(delta(methodAfter, methodBefore, 'CARD')).toEqual(fig(1500, 0, 0, 1));
    expect(delta(await report(today, today, 'category'), categoryBefore, 'DRUG')).toEqual(fig(5380, 0, 0, 2));
    // These departments and doctors took money only here.
    const depts = rowsOf(await report(today, today, 'department')).filter((r) => r.key === deptA || r.key === deptB);
    expect(depts).toEqual([
      { key: deptA, label: names.deptA, ...fig(3380, 0, 0, 1) },
      { key: deptB, label: names.deptB, ...fig(2000, 0, 0, 2) },
    ]);
    const doctors = rowsOf(await report(today, today, 'doctor')).filter((r) => r.key === doctorA.userId || r.key === doctorB.userId);
    expect(doctors).toEqual([
      { key: doctorA.userId, label: names.doctorA, ...fig(3380, 0, 0, 1) },
      { key: doctorB.userId, label: names.doctorB, ...fig(2000, 0, 0, 2) },
    ]);
  });

  it('exports the report as xlsx and csv with the same figures, amounts in yuan', async () => {
    const json = await report(D0, D2, 'day');
    const xlsx = await cashier.bytes(`/reports/revenue/export?from=${D0}&to=${D2}&groupBy=day&format=xlsx`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(xlsx.headers.get('content-disposition')).toBe(`attachment; filename="revenue-day-${D0}_${D2}.xlsx"; filename*=UTF-8''${encodeURIComponent(`收入报表_按日_${D0}_${D2}.xlsx`)}`);
    const sheet = readSheet(xlsx.body);
    expect(sheet.sheetName).toBe('收入报表');
    expect(sheet.rows[0].map((c) => [c.type, c.value])).toEqual(['日期', '收款金额(元)', '退款金额(元)', '冲正金额(元)', '净收入(元)', '收款笔数'].map((h) => ['string', h]));
    const body = sheet.rows.slice(1);
    expect(body.map((r) => r[0].value)).toEqual([D0, D1, D2, '合计']);
    for (const row of body) {
      // Money cells are numbers shown with two decimals; the count is a plain number.
      expect(row.slice(1, 5).map((c) => [c.type, c.format])).toEqual(Array(4).fill(['number', '0.00']));
      expect([row[5].type, row[5].format]).toEqual(['number', 'General']);
    }
    const fromSheet = body.map((r) => ({ label: r[0].value, receivedFen: fenOf(r[1].value), refundedFen: fenOf(r[2].value), reversedFen: fenOf(r[3].value), netFen: fenOf(r[4].value), payments: Number(r[5].value) }));
    expect(fromSheet).toEqual([...json.rows.map((r: Figures & { label: string }) => ({ label: r.label, ...pick(r) })), { label: '合计', ...json.totals }]);
    expect(body[2][4].value).toBe('-10.00');

    const csv = await cashier.bytes(`/reports/revenue/export?from=${D0}&to=${D2}&groupBy=department&format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect([...csv.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM Excel needs for UTF-8
    const text = csv.body.toString('utf8').slice(1);
    expect(text.endsWith('\r\n')).toBe(true);
    const table = parseCsv(text);
    expect(table).toEqual([
      ['科室', '收款金额(元)', '退款金额(元)', '冲正金额(元)', '净收入(元)', '收款笔数'],
      [names.deptB, '82.00', '50.00', '0.00', '32.00', '2'],
      [names.deptA, '77.00', '0.00', '10.00', '67.00', '3'],
      ['合计', '159.00', '50.00', '10.00', '99.00', '5'],
    ]);
    const byDept = await report(D0, D2, 'department');
    expect(table.slice(1, 3).map((r) => fenOf(r[4]))).toEqual(byDept.rows.map((r: Figures) => r.netFen));

    // Doctors' names reach the file too, and the category sheet counts bills.
    const doctors = parseCsv((await cashier.bytes(`/reports/revenue/export?from=${D0}&to=${D2}&groupBy=doctor&format=csv`)).body.toString('utf8').slice(1));
    expect(doctors.map((r) => r[0])).toEqual(['医生', names.doctorB, names.doctorA, '合计']);
    const categories = readSheet((await cashier.bytes(`/reports/revenue/export?from=${D1}&to=${D2}&groupBy=category&format=xlsx`)).body);
    expect(categories.rows[0].map((c) => c.value)).toEqual(['收费类别', '收费金额(元)', '退费金额(元)', '冲正金额(元)', '净收入(元)', '账单数']);
    expect(categories.rows.slice(1).map((r) => [r[0].value, fenOf(r[1].value), fenOf(r[2].value), fenOf(r[4].value), r[5].value])).toEqual([
      ['挂号费', 3200, 0, 3200, '2'],
      ['药品', 0, 5000, -5000, '0'],
      ['检查费', 3000, 0, 3000, '1'],
      ['化验费', 2500, 0, 2500, '1'],
      ['合计', 8700, 5000, 3700, '3'],
    ]);
  });

  describe('reconciliation of WeChat Pay\'s trade bill', () => {
    const wechatPaidAt = { p1: paidAt.p1, p4: paidAt.p4, p5: paidAt.p5, p6: '2026-11-01T07:00:00.000Z' };
    const payRow = (k: keyof typeof wechatPaidAt, amountFen: number, txn = `42000${tag}0${k[1]}`): BillPaymentRow => ({ paidAt: at(wechatPaidAt[k]), transactionId: txn, outTradeNo: no(k), amountFen });
    const refundRow: () => BillRefundRow = () => ({ paidAt: at(paidAt.p2), transactionId: `42000${tag}02`, outTradeNo: no('p2'), refundId: `50300${tag}01`, outRefundNo: no('l1'), amountFen: 5000 });
    const missing: BillPaymentRow = { paidAt: at('2026-11-01T06:00:00.000Z'), transactionId: `42000${tag}99`, outTradeNo: `NOTOURS${tag}`, amountFen: 8800, description: '挂号费,化验费' };
    // P1 agrees, one payment is not ours, P5 disagrees in amount, the refund agrees; P4 is ours alone.
    const first = (opts: { bom?: boolean; lineEnd?: '\r\n' | '\n'; trailingBlankLines?: number } = { bom: true, lineEnd: '\r\n', trailingBlankLines: 2 }) =>
      tradeBillCsv({ payments: [payRow('p1', 3700), missing, payRow('p5', 2100)], refunds: [refundRow()], ...opts });
    let firstId: string;

    it('finds exactly the planted differences, and matches across midnight in the clinic zone', async () => {
      const res = await cashier.post('/reconciliations/wechat', { date: D1, csv: first() });
      expect(res.status).toBe(201);
      firstId = res.body.id;
      expect(res.body).toMatchObject({
        date: D1,
        alreadyImported: false,
        matched: 2,
        missingInSystem: 1,
        missingInWechat: 1,
        amountMismatch: 1,
        txnIdMismatch: 0,
        wechatPayments: 3,
        wechatPaymentsFen: 3700 + 8800 + 2100,
        wechatRefunds: 1,
        wechatRefundsFen: 5000,
        wechatFeeFen: 22 + 53 + 13 - 30,
        systemPayments: 3,
        systemPaymentsFen: 3700 + 3000 + 2000,
        systemRefunds: 1,
        systemRefundsFen: 5000,
      });
      expect(res.body.fileSha256).toMatch(/^[0-9a-f]{64}$/);
      expect(res.body.items.map((i: Record<string, unknown>) => [i.result, i.type, i.outNo, i.wechatAmountFen, i.systemAmountFen, i.paymentId, i.lineNo])).toEqual([
        ['MISSING_IN_SYSTEM', 'PAYMENT', `NOTOURS${tag}`, 8800, null, null, 3],
        ['AMOUNT_MISMATCH', 'PAYMENT', no('p5'), 2100, 2000, ids.p5, 4],
        ['MISSING_IN_WECHAT', 'PAYMENT', no('p4'), null, 3000, ids.p4, null],
      ]);
      expect(res.body.items[0]).toMatchObject({ wechatId: `42000${tag}99`, tradedAt: '2026-11-01 14:00:00', note: null });
      expect(res.body.items[2]).toMatchObject({ billId: ids.w4, systemWechatId: `42000${tag}04` });
    });

    it('answers the same file with the same reconciliation, and a new file for the day with a new one', async () => {
      const again = await cashier.post('/reconciliations/wechat', { date: D1, csv: first() });
      expect(again.status).toBe(201);
      expect(again.body).toMatchObject({ id: firstId, alreadyImported: true, matched: 2 });
      expect(again.body.items).toHaveLength(3);
      // Without the BOM, with LF line ends: still the same file.
      expect((await admin.post('/reconciliations/wechat', { date: D1, csv: first({ lineEnd: '\n' }) })).body.id).toBe(firstId);

      // The next download: P1 now under another transaction id, P4 present, and the pending P6 WeChat says is paid.
      const second = tradeBillCsv({ payments: [payRow('p1', 3700, `42000${tag}77`), payRow('p4', 3000), payRow('p5', 2000), payRow('p6', 1500)], refunds: [refundRow()] });
      const res = await cashier.post('/reconciliations/wechat', { date: D1, csv: second });
      expect(res.status).toBe(201);
      expect(res.body.id).not.toBe(firstId);
      expect(res.body).toMatchObject({ alreadyImported: false, matched: 3, missingInSystem: 1, missingInWechat: 0, amountMismatch: 0, txnIdMismatch: 1 });
      expect(res.body.items.map((i: Record<string, unknown>) => [i.result, i.outNo, i.wechatId, i.systemWechatId, i.paymentId])).toEqual([
        ['TXN_ID_MISMATCH', no('p1'), `42000${tag}77`, `42000${tag}01`, ids.p1],
        ['MISSING_IN_SYSTEM', no('p6'), `42000${tag}06`, null, ids.p6],
      ]);
      expect(res.body.items[1].note).toContain('PENDING');

      const list = await cashier.get(`/reconciliations?date=${D1}`);
      expect(list.status).toBe(200);
      expect(list.body.total).toBe(2);
      expect(list.body.items.map((r: { id: string }) => r.id)).toEqual([res.body.id, firstId]);
      expect(list.body.items[0]).not.toHaveProperty('items');
      const detail = await cashier.get(`/reconciliations/${firstId}`);
      expect(detail.status).toBe(200);
      expect(detail.body.items.map((i: { result: string }) => i.result)).toEqual(['MISSING_IN_SYSTEM', 'AMOUNT_MISMATCH', 'MISSING_IN_WECHAT']);
      expect((await cashier.get(`/reconciliations/${randomUUID()}`)).status).toBe(404);
      expect(await queryService(sys, 'billing', 'SELECT COUNT(*) AS n FROM reconciliations WHERE date = ?', [D1])).toEqual([{ n: 2 }]);
    });

    it('refuses a file that is not a trade bill with 400 RECONCILIATION.BAD_FILE and its line', async () => {
      const lineOf = async (csv: string, date = D1) => {
        const res = await cashier.post('/reconciliations/wechat', { date, csv });
        expect({ status: res.status, code: res.body.code }).toEqual({ status: 400, code: 'RECONCILIATION.BAD_FILE' });
        return res.body.details.line;
      };
      expect(await lineOf('日期,金额\r\n2026-11-01,37.00\r\n')).toBe(1);
      const good = first().split('\r\n');
      expect(await lineOf([...good.slice(0, 2), good[2].replace(/`/g, ''), ...good.slice(3)].join('\r\n'))).toBe(3);
      expect(await lineOf([...good.slice(0, 3), good[3].replace('`21.00', '`21.0x'), ...good.slice(4)].join('\r\n'))).toBe(4);
      expect(await lineOf(good.slice(0, 4).join('\r\n'))).toBe(5); // cut short: no summary
      expect(await lineOf(first(), D2)).toBe(2); // another day's bill
      expect(await queryService(sys, 'billing', 'SELECT COUNT(*) AS n FROM reconciliations WHERE date = ?', [D2])).toEqual([{ n: 0 }]);

      const invalid = await cashier.post('/reconciliations/wechat', { date: '2026-13-01' });
      expect(invalid.status).toBe(400);
      expect(invalid.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['csv', 'date']);
      expect((await doctorA.post('/reconciliations/wechat', { date: D1, csv: first() })).status).toBe(403);
    });
  });

  it('keeps every price of a fee item, retires and restores it, and prices registration by doctor title', async () => {
    const created = await admin.post('/fee-items', { name: `B超${tag}`, priceFen: 8000, category: 'EXAMINATION' });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const changed = await admin.patch(`/fee-items/${id}`, { priceFen: 8800 });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ id, priceFen: 8800, category: 'EXAMINATION', doctorTitle: null, active: true });
    expect((await admin.patch(`/fee-items/${id}`, { priceFen: 8800, name: `彩超${tag}` })).body.name).toBe(`彩超${tag}`); // same price: no new row
    const prices = (await cashier.get(`/fee-items/${id}/prices`)).body;
    const adminId = (await admin.get('/me')).body.user.id;
    expect(prices.map((p: { priceFen: number; changedBy: string }) => [p.priceFen, p.changedBy])).toEqual([
      [8800, adminId],
      [8000, adminId],
    ]);
    expect(Date.parse(prices[0].effectiveFrom)).toBeGreaterThanOrEqual(Date.parse(prices[1].effectiveFrom));

    expect((await admin.patch(`/fee-items/${id}`, { active: false })).body.active).toBe(false);
    expect((await cashier.get('/fee-items')).body.map((f: { id: string }) => f.id)).not.toContain(id);
    expect((await cashier.get('/fee-items?all=1')).body.find((f: { id: string }) => f.id === id)).toMatchObject({ active: false, priceFen: 8800 });
    expect((await admin.patch(`/fee-items/${id}`, { active: true })).body.active).toBe(true);
    expect((await cashier.get('/fee-items')).body.map((f: { id: string }) => f.id)).toContain(id);

    const title = await admin.post('/fee-items', { name: `主任医师挂号费${tag}`, priceFen: 5000, category: 'REGISTRATION', doctorTitle: '主任医师' });
    expect(title.status).toBe(201);
    expect((await cashier.get('/fee-items')).body.find((f: { id: string }) => f.id === title.body.id)).toMatchObject({ category: 'REGISTRATION', doctorTitle: '主任医师', priceFen: 5000 });
    expect((await admin.post('/fee-items', { name: `另一个主任挂号费${tag}`, priceFen: 4000, category: 'REGISTRATION', doctorTitle: '主任医师' })).body.code).toBe('FEE_ITEM.TITLE_TAKEN');
    expect((await admin.post('/fee-items', { name: `主任医师挂号费${tag}`, priceFen: 4000, category: 'REGISTRATION', doctorTitle: '副主任医师' })).body.code).toBe('FEE_ITEM.NAME_TAKEN');
    expect((await admin.patch(`/fee-items/${title.body.id}`, { doctorTitle: '副主任医师' })).body.doctorTitle).toBe('副主任医师');

    const fields = async (res: Promise<{ status: number; body: { details?: { field: string }[] } }>) => {
      const r = await res;
      expect(r.status).toBe(400);
      return r.body.details!.map((d) => d.field);
    };
    expect(await fields(admin.patch(`/fee-items/${id}`, { priceFen: -1 }))).toEqual(['priceFen']);
    expect(await fields(admin.patch(`/fee-items/${id}`, { priceFen: 12.5 }))).toEqual(['priceFen']);
    expect(await fields(admin.patch(`/fee-items/${id}`, { name: '' }))).toEqual(['name']);
    expect(await fields(admin.patch(`/fee-items/${id}`, { active: 'no' }))).toEqual(['active']);
    expect(await fields(admin.patch(`/fee-items/${id}`, { category: 'LAB' }))).toEqual(['category']);
    expect(await fields(admin.patch(`/fee-items/${id}`, { doctorTitle: '主任医师' }))).toEqual(['doctorTitle']); // not a registration fee
    expect(await fields(admin.post('/fee-items', { name: `血脂${tag}`, priceFen: 100, category: 'LAB', doctorTitle: '主任医师' }))).toEqual(['doctorTitle']);
    expect(await fields(admin.post('/fee-items', { name: `挂号${tag}`, priceFen: 100, category: 'REGISTRATION', doctorTitle: '医师' }))).toEqual(['doctorTitle']);
    expect(await fields(cashier.get('/fee-items?all=maybe'))).toEqual(['all']);
    expect((await admin.patch(`/fee-items/${randomUUID()}`, { priceFen: 1 })).status).toBe(404);
    expect((await cashier.patch(`/fee-items/${id}`, { priceFen: 1 })).status).toBe(403);
    expect(await queryService(sys, 'billing', 'SELECT COUNT(*) AS n FROM fee_item_prices WHERE fee_item_id = ?', [id])).toEqual([{ n: 2 }]);
    // Every item has a price history, those made before it existed included (the migration's backfill).
    expect(await queryService(sys, 'billing', 'SELECT COUNT(*) AS n FROM fee_items f WHERE NOT EXISTS (SELECT 1 FROM fee_item_prices p WHERE p.fee_item_id = f.id)')).toEqual([{ n: 0 }]);
  });
});
