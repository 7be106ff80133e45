import { randomUUID } from 'node:crypto';
import { pdfText } from '@clinic/platform/src/pdf/pdf-text';
import type { Api } from './support/api';
import { adminApi, STAFF_PASSWORD, staffApi } from './support/actors';
import { noonZone } from './support/clinic-zone';
import { eventually, queryService } from './support/db';
import { boot, systemSettings, type RunningSystem } from './support/system';

const addDays = (date: string, n: number) => {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
};
const pay = (api: Api, billId: string, body: Record<string, unknown>, key = randomUUID()) => api.post(`/bills/${billId}/payments`, body, { headers: { 'idempotency-key': key } });
const reverse = (api: Api, paymentId: string, reason: string, key: string | null = randomUUID()) =>
  api.post(`/payments/${paymentId}/reversals`, { reason }, key ? { headers: { 'idempotency-key': key } } : {});

interface Branch {
  clinicId: string;
  admin: Api;
  doctor: Api;
  cashier: Api & { userId: string };
  pharmacist: Api;
  supplierId: string;
}

/**
 * The daily close (日结), reversals (冲正) and receipts on MariaDB + Redis. Each scenario closes "today", which a
 * clinic can do once, so each runs in a clinic of its own (a branch of a chain). The clinic's zone is one where it is
 * about noon, so no request crosses midnight.
 */
describe('daily settlement, reversals and receipts (production topology)', () => {
  const { zone, today } = noonZone();
  const tomorrow = addDays(today, 1);
  const tag = randomUUID().slice(0, 6);
  let sys: RunningSystem;
  let root: Api;

  /** A clinic of its own: its admin is moved there (no API makes clinics yet), and makes the rest of the staff. */
  const branch = async (name: string): Promise<Branch> => {
    const clinicId = `clinic-${name}-${tag}`;
    const username = `settle.${name}.admin.${tag}`;
    const admin = await staffApi(root, username, ['admin']);
    await queryService(sys, 'patient', 'UPDATE staff_users SET clinic_id = ? WHERE id = ?', [clinicId, admin.userId]);
    await admin.login(username, STAFF_PASSWORD);
    const pharmacist = await staffApi(admin, `settle.${name}.pharm.${tag}`, ['pharmacist']);
    return {
      clinicId,
      admin,
      doctor: await staffApi(admin, `settle.${name}.doctor.${tag}`, ['doctor']),
      cashier: await staffApi(admin, `settle.${name}.cashier.${tag}`, ['cashier']),
      pharmacist,
      supplierId: (await pharmacist.post('/suppliers', { name: `日结供应商${name}${tag}` })).body.id,
    };
  };

  const drug = async (b: Branch, name: string, priceFen: number) => {
    const res = await b.pharmacist.post('/drugs', { name: `${name}${tag}`, spec: '10mg*10片', unit: '盒', priceFen, reorderLevel: 1 });
    expect(res.status).toBe(201);
    await b.pharmacist.post('/stock-ins', { supplierId: b.supplierId, items: [{ drugId: res.body.id, batchNo: `S${priceFen}`, expiryDate: addDays(today, 300), quantity: 100, unitCostFen: 100 }] });
    return res.body.id as string;
  };

  /** A walk-in visit with a signed prescription: the bill billing opens for it, through the real flow. */
  const billFor = async (b: Branch, patientName: string, items: { drugId: string; quantity: number }[]) => {
    const patientId = (await b.admin.post('/patients', { name: patientName, gender: 'M', birthDate: '1968-03-04', phone: '13100003333' })).body.id;
    const enc = (await b.doctor.post('/encounters', { patientId })).body;
    const rx = (await b.doctor.post(`/encounters/${enc.id}/prescriptions`, { items: items.map((i) => ({ ...i, dosage: '1片', frequency: 'qd', route: '口服', days: 3 })) })).body;
    expect((await b.doctor.post(`/prescriptions/${rx.id}/sign`)).body.status).toBe('SIGNED');
    return eventually(async () => (await b.cashier.get(`/bills?patientId=${patientId}`)).body.items[0]);
  };

  /** The journal holds every movement: per bill, its signed rows add up to what the bill says it holds. */
  const journalMatchesBills = async (clinicId: string) => {
    const rows = await queryService(
      sys,
      'billing',
      'SELECT b.id, b.paid_fen - b.refunded_fen AS held, COALESCE((SELECT SUM(e.amount_fen) FROM money_entries e WHERE e.bill_id = b.id), 0) AS journal FROM bills b WHERE b.clinic_id = ?',
      [clinicId],
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect({ bill: r.id, journal: Number(r.journal) }).toEqual({ bill: r.id, journal: Number(r.held) });
  };

  const dayEntries = async (clinicId: string, date: string) =>
    (await queryService(sys, 'billing', 'SELECT kind, method, COUNT(*) AS n, SUM(amount_fen) AS fen FROM money_entries WHERE clinic_id = ? AND business_date = ? GROUP BY kind, method ORDER BY kind, method', [clinicId, date])).map(
      (r) => ({ kind: r.kind, method: r.method, n: Number(r.n), fen: Number(r.fen) }),
    );

  beforeAll(async () => {
    sys = await boot('production', await systemSettings('production', { CLINIC_TIMEZONE: zone, CLINIC_NAME: '仁心测试诊所' }), 'settlement');
    root = await adminApi(sys.baseUrl);
  });
  afterAll(() => sys?.stop());

  describe('one clinic day', () => {
    let a: Branch;
    let bill: { id: string; totalFen: number };
    let close: { status: number; body: any };
    let cashPaymentId: string;
    let cardPaymentId: string;

    beforeAll(async () => {
      a = await branch('a');
    });

    it('previews the day by method, closes it with the cash short by 100 fen, and books later money to the next day', async () => {
      const [x, y] = [await drug(a, '日结甲', 1250), await drug(a, '日结乙', 880)];
      bill = await billFor(a, '结算患者', [
        { drugId: x, quantity: 2 },
        { drugId: y, quantity: 1 },
      ]);
      expect(bill.totalFen).toBe(3380);
      // The default clinic may hold other suites' money on this date (they book in Asia/Shanghai): only ours must not join it.
      const rootBefore = (await root.get(`/settlements/daily/${today}`)).body.totals.netFen;
      const card = await pay(a.cashier, bill.id, { method: 'CARD', amountFen: 1380 });
      const cash = await pay(a.cashier, bill.id, { method: 'CASH', amountFen: 2000, tenderedFen: 5000 });
      expect([card.status, card.body.businessDate, cash.status, cash.body.changeFen, cash.body.businessDate]).toEqual([201, today, 201, 3000, today]);
      cardPaymentId = card.body.id;
      cashPaymentId = cash.body.id;

      const preview = await a.cashier.get(`/settlements/daily/${today}`);
      expect(preview.status).toBe(200);
      expect(preview.body).toMatchObject({ id: null, date: today, status: 'OPEN', expectedCashFen: 2000, countedCashFen: null, differenceFen: null });
      expect(preview.body.methods).toEqual([
        { method: 'CASH', paymentsFen: 2000, paymentCount: 1, refundsFen: 0, refundCount: 0, reversalsFen: 0, reversalCount: 0, netFen: 2000 },
        { method: 'CARD', paymentsFen: 1380, paymentCount: 1, refundsFen: 0, refundCount: 0, reversalsFen: 0, reversalCount: 0, netFen: 1380 },
        { method: 'WECHAT', paymentsFen: 0, paymentCount: 0, refundsFen: 0, refundCount: 0, reversalsFen: 0, reversalCount: 0, netFen: 0 },
        { method: 'INSURANCE', paymentsFen: 0, paymentCount: 0, refundsFen: 0, refundCount: 0, reversalsFen: 0, reversalCount: 0, netFen: 0 },
      ]);
      expect(preview.body.totals).toEqual({ paymentsFen: 3380, paymentCount: 2, refundsFen: 0, refundCount: 0, reversalsFen: 0, reversalCount: 0, netFen: 3380 });
      // The admin reads settlements too; other clinics' money is not in this one's day.
      expect((await a.admin.get(`/settlements/daily/${today}`)).body.totals.netFen).toBe(3380);
      expect((await root.get(`/settlements/daily/${today}`)).body.totals.netFen).toBe(rootBefore);

      close = await a.cashier.post('/settlements/daily', { date: today, countedCashFen: 1900, note: '少100分' });
      expect(close.status).toBe(201);
      expect(close.body).toMatchObject({ date: today, status: 'CLOSED', expectedCashFen: 2000, countedCashFen: 1900, differenceFen: -100, note: '少100分', closedBy: a.cashier.userId });
      expect(close.body.methods).toEqual(preview.body.methods);
      expect(await queryService(sys, 'billing', 'SELECT expected_cash_fen, counted_cash_fen, difference_fen, closed_by FROM settlements WHERE clinic_id = ? AND business_date = ?', [a.clinicId, today])).toEqual([
        { expected_cash_fen: 2000, counted_cash_fen: 1900, difference_fen: -100, closed_by: a.cashier.userId },
      ]);
      expect(
        await queryService(sys, 'billing', 'SELECT l.method, l.payments_fen, l.payment_count, l.net_fen FROM settlement_lines l JOIN settlements s ON s.id = l.settlement_id WHERE s.clinic_id = ? AND l.payment_count > 0 ORDER BY l.method', [a.clinicId]),
      ).toEqual([
        { method: 'CARD', payments_fen: 1380, payment_count: 1, net_fen: 1380 },
        { method: 'CASH', payments_fen: 2000, payment_count: 1, net_fen: 2000 },
      ]);
      expect(await queryService(sys, 'billing', 'SELECT status, closed_by FROM business_days WHERE clinic_id = ? AND day = ?', [a.clinicId, today])).toEqual([{ status: 'CLOSED', closed_by: a.cashier.userId }]);

      expect(await a.cashier.post('/settlements/daily', { date: today, countedCashFen: 2000 })).toMatchObject({ status: 409, body: { code: 'SETTLEMENT.DAY_CLOSED' } });
      expect(await a.cashier.post('/settlements/daily', { date: tomorrow, countedCashFen: 0 })).toMatchObject({ status: 409, body: { code: 'SETTLEMENT.DAY_NOT_STARTED' } });
      expect((await a.admin.post('/settlements/daily', { date: today, countedCashFen: 0 })).status).toBe(403);

      // Money taken after the close is tomorrow's; the closed day does not move.
      const [z] = [await drug(a, '日结丙', 500)];
      const later = await billFor(a, '晚到患者', [{ drugId: z, quantity: 1 }]);
      const latePay = await pay(a.cashier, later.id, { method: 'CASH', amountFen: 500 });
      expect([latePay.status, latePay.body.businessDate]).toEqual([201, tomorrow]);
      expect(await queryService(sys, 'billing', 'SELECT business_date FROM money_entries WHERE source_id = ?', [latePay.body.id])).toEqual([{ business_date: tomorrow }]);
      expect((await a.cashier.get(`/settlements/daily/${today}`)).body).toEqual(close.body);

      const list = await a.admin.get(`/settlements?from=${addDays(today, -7)}&to=${today}`);
      expect(list.status).toBe(200);
      expect(list.body).toMatchObject({ total: 1, items: [close.body] });
      // An old day with no money can still be closed, with zeros.
      const quiet = await a.cashier.post('/settlements/daily', { date: addDays(today, -3), countedCashFen: 0 });
      expect(quiet.body).toMatchObject({ status: 'CLOSED', expectedCashFen: 0, differenceFen: 0, totals: { paymentsFen: 0, paymentCount: 0, netFen: 0 } });
      expect((await a.admin.get(`/settlements?from=${addDays(today, -7)}&to=${today}`)).body.items.map((s: { date: string }) => s.date)).toEqual([today, addDays(today, -3)]);
      await journalMatchesBills(a.clinicId);
    });

    it('reverses a payment of the closed day on the next open day, reopens the bill, and reverses each payment once', async () => {
      expect((await reverse(a.cashier, cashPaymentId, '误收现金', null)).body.code).toBe('PAYMENT.IDEMPOTENCY_KEY_REQUIRED');
      expect((await reverse(a.cashier, randomUUID(), '不存在')).status).toBe(404);
      expect((await reverse(a.admin, cashPaymentId, '无权')).status).toBe(403);

      const key = randomUUID();
      const first = await reverse(a.cashier, cashPaymentId, '收款方式选错，应为银行卡', key);
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ paymentId: cashPaymentId, billId: bill.id, method: 'CASH', amountFen: 2000, reason: '收款方式选错，应为银行卡', businessDate: tomorrow, createdBy: a.cashier.userId });
      // The bill owes the amount again, and the payment cannot also be refunded.
      expect((await a.cashier.get(`/bills/${bill.id}`)).body).toMatchObject({ status: 'PARTIALLY_PAID', paidFen: 1380, refundedFen: 0, dueFen: 2000 });
      expect(await queryService(sys, 'billing', 'SELECT paid_at, paid_fen FROM bills WHERE id = ?', [bill.id])).toEqual([{ paid_at: null, paid_fen: 1380 }]);
      expect(await queryService(sys, 'billing', 'SELECT refunded_fen FROM payments WHERE id = ?', [cashPaymentId])).toEqual([{ refunded_fen: 2000 }]);
      expect(await queryService(sys, 'billing', "SELECT business_date, method, amount_fen FROM money_entries WHERE kind = 'REVERSAL' AND payment_id = ?", [cashPaymentId])).toEqual([
        { business_date: tomorrow, method: 'CASH', amount_fen: -2000 },
      ]);
      // The closed day is never edited.
      expect((await a.cashier.get(`/settlements/daily/${today}`)).body).toEqual(close.body);
      await journalMatchesBills(a.clinicId);

      // The same request again answers the first reversal; another one is refused.
      expect((await reverse(a.cashier, cashPaymentId, '收款方式选错，应为银行卡', key)).body).toEqual(first.body);
      expect(await reverse(a.cashier, cashPaymentId, '再冲一次')).toMatchObject({ status: 409, body: { code: 'PAYMENT.ALREADY_REVERSED' } });
      expect(await reverse(a.cashier, cardPaymentId, '同键别的付款', key)).toMatchObject({ status: 409, body: { code: 'PAYMENT.IDEMPOTENCY_KEY_REUSED' } });

      // The cashier takes the right payment: the bill is paid again, on the open day.
      const right = await pay(a.cashier, bill.id, { method: 'CARD', amountFen: 2000 });
      expect([right.status, right.body.businessDate]).toEqual([201, tomorrow]);
      expect((await a.cashier.get(`/bills/${bill.id}`)).body).toMatchObject({ status: 'PAID', paidFen: 3380, dueFen: 0 });

      // Ten identical requests at once: one reversal, one journal row.
      const twinKey = randomUUID();
      const twins = await Promise.all(Array.from({ length: 10 }, () => reverse(a.cashier, cardPaymentId, '重复刷卡', twinKey)));
      expect(twins.map((r) => r.status)).toEqual(Array(10).fill(201));
      expect(new Set(twins.map((r) => r.body.id)).size).toBe(1);
      expect(await queryService(sys, 'billing', 'SELECT COUNT(*) AS n FROM payment_reversals WHERE payment_id = ?', [cardPaymentId])).toEqual([{ n: 1 }]);
      expect(await queryService(sys, 'billing', "SELECT COUNT(*) AS n, SUM(amount_fen) AS fen FROM money_entries WHERE kind = 'REVERSAL' AND payment_id = ?", [cardPaymentId])).toEqual([{ n: 1, fen: '-1380' }]);
      expect((await a.cashier.get(`/bills/${bill.id}`)).body).toMatchObject({ status: 'PARTIALLY_PAID', paidFen: 2000, dueFen: 1380 });

      // Tomorrow's journal: the late cash payment, the card payment that replaced the cash, and both reversals.
      expect(await dayEntries(a.clinicId, tomorrow)).toEqual([
        { kind: 'PAYMENT', method: 'CARD', n: 1, fen: 2000 },
        { kind: 'PAYMENT', method: 'CASH', n: 1, fen: 500 },
        { kind: 'REVERSAL', method: 'CARD', n: 1, fen: -1380 },
        { kind: 'REVERSAL', method: 'CASH', n: 1, fen: -2000 },
      ]);
      expect(await dayEntries(a.clinicId, today)).toEqual([
        { kind: 'PAYMENT', method: 'CARD', n: 1, fen: 1380 },
        { kind: 'PAYMENT', method: 'CASH', n: 1, fen: 2000 },
      ]);
      await journalMatchesBills(a.clinicId);
    });

    it('prints the receipt: lines, payments by method with the change, reversals, net paid; nothing paid has no receipt', async () => {
      const [x, y] = [await drug(a, '收据甲', 1250), await drug(a, '收据乙', 880)];
      const paid = await billFor(a, '收据患者', [
        { drugId: x, quantity: 2 },
        { drugId: y, quantity: 1 },
      ]);
      const unpaid = await billFor(a, '未付患者', [{ drugId: x, quantity: 1 }]);
      expect((await pay(a.cashier, paid.id, { method: 'CASH', amountFen: 3000, tenderedFen: 5000 })).status).toBe(201);
      expect((await pay(a.cashier, paid.id, { method: 'CARD', amountFen: 380 })).status).toBe(201);

      const pdf = await a.cashier.bytes(`/bills/${paid.id}/receipt.pdf`);
      expect(pdf.status).toBe(200);
      expect(pdf.headers.get('content-type')).toContain('application/pdf');
      const { text, title } = await pdfText(pdf.body);
      const flat = text.replace(/\s+/g, '');
      expect(title).toBe('收费收据 收据患者');
      for (const s of ['收费收据', '仁心测试诊所', '收据患者', paid.id, '名称', '单价', '数量', '金额', `收据甲${tag}10mg*10片`, `收据乙${tag}10mg*10片`, '¥12.50', '¥25.00', '¥8.80', '合计：¥33.80']) {
        expect(flat).toContain(s.replace(/\s+/g, ''));
      }
      // Cash 30.00 from 50.00 with 20.00 change, card 3.80; net paid 33.80; printed at a clinic time.
      for (const s of ['现金¥30.00¥50.00¥20.00', '银行卡¥3.80', '实收合计：¥33.80', '打印时间：']) expect(flat).toContain(s);
      expect(flat).not.toContain('未付');

      // A bill with reversals shows them as negative rows, and what is still due.
      const corrected = (await pdfText((await a.admin.bytes(`/bills/${bill.id}/receipt.pdf`)).body)).text.replace(/\s+/g, '');
      for (const s of ['结算患者', '现金（冲正）-¥20.00', '银行卡（冲正）-¥13.80', '实收合计：¥20.00', '未付：¥13.80']) expect(corrected).toContain(s);

      expect(await a.cashier.get(`/bills/${unpaid.id}/receipt.pdf`)).toMatchObject({ status: 409, body: { code: 'RECEIPT.NOTHING_PAID' } });
      expect((await a.cashier.get(`/bills/${randomUUID()}/receipt.pdf`)).status).toBe(404);
      // Another clinic's staff do not see this clinic's bills.
      expect((await root.get(`/bills/${paid.id}/receipt.pdf`)).status).toBe(404);
      expect((await a.pharmacist.get(`/bills/${paid.id}/receipt.pdf`)).status).toBe(403);
    });

    it('answers bad input with 400 naming the field', async () => {
      const fields = (res: { status: number; body: any }) => ({ status: res.status, code: res.body?.code, fields: (res.body?.details ?? []).map((d: { field: string }) => d.field).sort() });
      expect(fields(await a.cashier.get('/settlements/daily/2026-13-01'))).toEqual({ status: 400, code: 'VALIDATION.FAILED', fields: ['date'] });
      expect(fields(await a.cashier.get('/settlements/daily/yesterday'))).toEqual({ status: 400, code: 'VALIDATION.FAILED', fields: ['date'] });
      expect(fields(await a.cashier.get(`/settlements/daily/${tomorrow}`))).toEqual({ status: 400, code: 'VALIDATION.FAILED', fields: ['date'] });
      expect(fields(await a.cashier.post('/settlements/daily', { date: today, countedCashFen: -1 }))).toEqual({ status: 400, code: 'VALIDATION.FAILED', fields: ['countedCashFen'] });
      expect(fields(await a.cashier.post('/settlements/daily', { date: '2026-02-30', countedCashFen: 1.5, extra: 1 }))).toEqual({ status: 400, code: 'VALIDATION.FAILED', fields: ['countedCashFen', 'date', 'extra'] });
      expect(fields(await a.cashier.post('/settlements/daily', {}))).toEqual({ status: 400, code: 'VALIDATION.FAILED', fields: ['countedCashFen', 'date'] });
      expect(fields(await a.cashier.get(`/settlements?from=${today}&to=${addDays(today, -1)}`))).toEqual({ status: 400, code: 'VALIDATION.FAILED', fields: ['to'] });
      expect(fields(await a.cashier.get('/settlements?from=2026-1-1'))).toEqual({ status: 400, code: 'VALIDATION.FAILED', fields: ['from'] });
      expect(fields(await reverse(a.cashier, cashPaymentId, '理由', null))).toEqual({ status: 400, code: 'PAYMENT.IDEMPOTENCY_KEY_REQUIRED', fields: ['Idempotency-Key'] });
      expect(fields(await reverse(a.cashier, cashPaymentId, '   '))).toEqual({ status: 400, code: 'VALIDATION.FAILED', fields: ['reason'] });
      expect(fields(await a.cashier.post(`/payments/${cashPaymentId}/reversals`, {}, { headers: { 'idempotency-key': randomUUID() } }))).toEqual({ status: 400, code: 'VALIDATION.FAILED', fields: ['reason'] });
    });
  });

  it('20 desk payments racing the close of their day: each is in the closed day or booked to the next, none lost', async () => {
    const b = await branch('b');
    const drugId = await drug(b, '并发药', 1000);
    const bills: { id: string }[] = [];
    for (let i = 0; i < 4; i++) bills.push(await billFor(b, `并发患者${i}`, [{ drugId, quantity: 5 }]));
    // Twenty payments on four bills fired at once, the close of their day fired among them.
    const requests = Array.from({ length: 20 }, (_, i) => ({ billId: bills[i % 4].id, method: i % 2 ? 'CARD' : 'CASH', amountFen: 1000 }));
    const started: Promise<{ status: number; body: any }>[] = [];
    let closing!: Promise<{ status: number; body: any }>;
    // Spread over about 200 ms, so that some payments commit before the close, some wait for it, some come after.
    for (let i = 0; i < requests.length; i++) {
      if (i === 10) closing = b.cashier.post('/settlements/daily', { date: today, countedCashFen: 0 });
      const { billId, ...body } = requests[i];
      started.push(pay(b.cashier, billId, body));
      await new Promise((r) => setTimeout(r, 10));
    }
    const [paid, closed] = [await Promise.all(started), await closing];
    expect(paid.map((r) => r.status)).toEqual(Array(20).fill(201));
    expect(closed.status).toBe(201);
    for (const r of paid) expect([today, tomorrow]).toContain(r.body.businessDate);

    const onDay = (date: string) => paid.filter((r) => r.body.businessDate === date);
    const sum = (rs: { body: { amountFen: number } }[]) => rs.reduce((s, r) => s + r.body.amountFen, 0);
    // The settlement counted exactly the payments booked to its day, and the next day has the rest.
    expect(closed.body.totals).toMatchObject({ paymentsFen: sum(onDay(today)), paymentCount: onDay(today).length, netFen: sum(onDay(today)) });
    expect(closed.body.expectedCashFen).toBe(sum(onDay(today).filter((r) => r.body.method === 'CASH')));
    expect(closed.body.differenceFen).toBe(0 - closed.body.expectedCashFen);
    const next = await dayEntries(b.clinicId, tomorrow);
    const nextFen = next.reduce((s, e) => s + e.fen, 0);
    expect(nextFen).toBe(sum(onDay(tomorrow)));
    expect(closed.body.totals.netFen + nextFen).toBe(20 * 1000);
    expect(await dayEntries(b.clinicId, today)).toEqual(
      (['CARD', 'CASH'] as const).filter((m) => onDay(today).some((r) => r.body.method === m)).map((m) => ({ kind: 'PAYMENT', method: m, n: onDay(today).filter((r) => r.body.method === m).length, fen: sum(onDay(today).filter((r) => r.body.method === m)) })),
    );
    for (const bl of bills) expect((await b.cashier.get(`/bills/${bl.id}`)).body).toMatchObject({ status: 'PAID', paidFen: 5000 });
    await journalMatchesBills(b.clinicId);
  });
});
