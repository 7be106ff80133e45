import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createPublicKey, createVerify, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PRIVACY_POLICY_VERSION } from '@clinic/contracts';
import { pdfText } from '@clinic/platform/src/pdf/pdf-text';
import { Api } from './support/api';
import { adminApi, patientApi, staffApi } from './support/actors';
import { eventually, queryService } from './support/db';
import { startFakeWechat } from './support/fake-wechat';
import { startFakeInsurance, startFakeWechatPay, type FakeInsurance, type FakeWechatPay } from './support/fake-wechatpay';
import { waitForStatus } from './support/pharmacy';
import { boot, freePort, systemSettings, type RunningSystem } from './support/system';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const key = () => randomUUID();
const APP_ID = 'wxe2epay0000000001';

/**
 * WeChat Pay v3, 医保 and refunds on MariaDB + Redis, against local fakes that speak the real protocols with keys
 * made for the run: signed prepay, verified and decrypted notifications, active query and close, refunds that
 * go back the way they came, 冲正 after a lost answer.
 */
describe('online payments and refunds (production topology)', () => {
  let sys: RunningSystem;
  let pay: FakeWechatPay;
  let wx: Awaited<ReturnType<typeof startFakeWechat>>;
  let insurer: FakeInsurance;
  let admin: Api;
  let doctor: Api;
  let cashier: Api;
  let pharmacist: Api;
  let supplierId: string;
  let notifyUrl: string;
  const tag = randomUUID().slice(0, 6);
  let accounts = 0;

  /** A patient on a WeChat account (the real login adapter against the fake), and the account's API. */
  const patientAccount = async () => {
    const n = ++accounts;
    const openid = `oPay${tag}${String(n).padStart(20, '0')}`;
    wx.issue(`pay-code-${tag}-${n}`, openid);
    const api = new Api(sys.baseUrl);
    const login = await api.post('/auth/wechat/login', { code: `pay-code-${tag}-${n}` });
    api.token = login.body.accessToken;
    await api.post('/me/privacy-consent', { version: PRIVACY_POLICY_VERSION });
    const patientId = (await api.post('/patients', { name: `付款患者${n}`, gender: 'M', birthDate: '1980-05-05', phone: `1390000${String(n).padStart(4, '0')}`, relationship: '本人' })).body.id as string;
    return { api, openid, patientId };
  };
  const drug = async (priceFen: number, quantity = 30) => {
    const id = (await pharmacist.post('/drugs', { name: `线上药${tag}-${priceFen}`, spec: '0.25g*24粒', unit: '盒', priceFen, reorderLevel: 1 })).body.id as string;
    await pharmacist.post('/stock-ins', { supplierId, items: [{ drugId: id, batchNo: `W${priceFen}`, expiryDate: day(300), quantity, unitCostFen: 100 }] });
    return id;
  };
  const billFor = async (patientId: string, items: { drugId: string; quantity: number }[]) => {
    const enc = (await doctor.post('/encounters', { patientId })).body;
    const rx = (await doctor.post(`/encounters/${enc.id}/prescriptions`, { items: items.map((i) => ({ ...i, dosage: '1粒', frequency: 'tid', route: '口服', days: 3 })) })).body;
    expect((await doctor.post(`/prescriptions/${rx.id}/sign`)).body.status).toBe('SIGNED');
    const bill = await eventually(async () => (await cashier.get(`/bills?patientId=${patientId}`)).body.items.find((b: { sourceId: string }) => b.sourceId === enc.id));
    return { bill, rxId: rx.id as string };
  };
  const row = async (sql: string, params: unknown[]) => (await queryService(sys, 'billing', sql, params))[0];

  beforeAll(async () => {
    [pay, wx, insurer] = await Promise.all([startFakeWechatPay({ appId: APP_ID }), startFakeWechat({ appId: APP_ID, appSecret: 'e2e-pay-app-secret' }), startFakeInsurance()]);
    // One file for NODE_EXTRA_CA_CERTS: both fakes' CAs.
    const caFile = join(mkdtempSync(join(tmpdir(), 'clinic-pay-ca-')), 'ca.pem');
    writeFileSync(caFile, readFileSync(pay.caFile, 'utf8') + readFileSync(wx.caFile, 'utf8'));
    const port = await freePort();
    notifyUrl = `http://127.0.0.1:${port}/api/v1/payments/wechat/notify`;
    const settings = await systemSettings('production', {
      PORT: String(port),
      ...pay.settings(notifyUrl),
      WECHAT_APP_SECRET: 'e2e-pay-app-secret',
      WECHAT_API_BASE: wx.url,
      WECHAT_TIMEOUT_MS: '1500',
      NODE_EXTRA_CA_CERTS: caFile,
      INSURANCE_API_BASE: insurer.url,
      INSURANCE_ORG_CODE: 'H11010500001',
      INSURANCE_AREA: '110105',
      INSURANCE_TIMEOUT_MS: '1500',
      WECHATPAY_JOB_SECONDS: '3600',
    });
    sys = await boot('production', settings, 'online-payments');
    admin = await adminApi(sys.baseUrl);
    doctor = await staffApi(admin, `op.doctor.${tag}`, ['doctor']);
    cashier = await staffApi(admin, `op.cashier.${tag}`, ['cashier']);
    pharmacist = await staffApi(admin, `op.pharm.${tag}`, ['pharmacist']);
    supplierId = (await pharmacist.post('/suppliers', { name: `线上供应商${tag}` })).body.id;
  });
  afterAll(async () => {
    await sys?.stop();
    await Promise.all([pay?.close(), wx?.close(), insurer?.close()]);
  });

  it('pays by WeChat: a signed JSAPI order, requestPayment signed for the client, and 50 copies of the notification pay once', async () => {
    const { api, openid, patientId } = await patientAccount();
    const { bill, rxId } = await billFor(patientId, [{ drugId: await drug(1990), quantity: 2 }]);
    expect(bill.totalFen).toBe(3980);

    const prepay = await api.post(`/me/bills/${bill.id}/wechat-pay`, undefined, { headers: { 'idempotency-key': key() } });
    expect(prepay.status).toBe(200);
    expect(prepay.body).toMatchObject({ development: false, payment: { method: 'WECHAT', status: 'PENDING', amountFen: 3980 } });
    const order = [...pay.orders.values()].find((o) => o.amountFen === 3980 && o.openid === openid)!;
    expect(order).toMatchObject({ appid: APP_ID, notifyUrl, state: 'NOTPAY' });
    expect(pay.unsigned).toEqual([]); // every request carried a valid merchant signature
    const rp = prepay.body.requestPayment;
    expect(rp).toMatchObject({ package: `prepay_id=${order.prepayId}`, signType: 'RSA' });
    const merchantPublic = createPublicKey(readFileSync(pay.merchantKeyFile, 'utf8'));
    expect(createVerify('RSA-SHA256').update(`${APP_ID}\n${rp.timeStamp}\n${rp.nonceStr}\n${rp.package}\n`).verify(merchantPublic, rp.paySign, 'base64')).toBe(true);

    // The order holds the bill: the desk cannot take the same fen meanwhile.
    expect((await cashier.get(`/bills/${bill.id}`)).body).toMatchObject({ pendingFen: 3980, dueFen: 0 });
    expect((await cashier.post(`/bills/${bill.id}/payments`, { method: 'CASH', amountFen: 3980 }, { headers: { 'idempotency-key': key() } })).body.code).toBe('PAYMENT.ONLINE_PENDING');

    const n = pay.pay(order.outTradeNo);
    const statuses = await Promise.all(Array.from({ length: 50 }, () => pay.deliver(notifyUrl, n)));
    expect(statuses.every((s) => s === 204)).toBe(true);
    expect(await row("SELECT COUNT(*) AS n, MIN(status) AS status, MIN(channel_txn_id) AS txn FROM payments WHERE bill_id = ? AND method = 'WECHAT'", [bill.id])).toEqual({ n: 1, status: 'SUCCEEDED', txn: order.transactionId });
    expect(await row("SELECT COUNT(*) AS n, SUM(amount_fen) AS fen FROM money_entries WHERE bill_id = ?", [bill.id])).toEqual({ n: 1, fen: '3980' });
    expect(await row("SELECT COUNT(*) AS n FROM outbox_events WHERE event_name = 'billing.bill.paid.1' AND payload LIKE ?", [`%${bill.id}%`])).toEqual({ n: 1 });
    expect((await api.get(`/me/bills/${bill.id}`)).body).toMatchObject({ status: 'PAID', paidFen: 3980, pendingFen: 0, dueFen: 0 });
    await waitForStatus(sys, rxId, 'READY');
    const receipt = await api.bytes(`/me/bills/${bill.id}/receipt.pdf`);
    expect([receipt.status, receipt.headers.get('content-type')]).toEqual([200, 'application/pdf']);
    const text = (await pdfText(receipt.body)).text.replace(/\s+/g, '');
    for (const s of ['收费收据', '微信支付', '39.80', '付款患者']) expect(text).toContain(s);
    // Someone else's account sees nothing of it.
    const other = await patientAccount();
    expect((await other.api.get(`/me/bills/${bill.id}`)).status).toBe(404);
    expect((await other.api.get(`/me/bills/${bill.id}/receipt.pdf`)).status).toBe(404);
    expect((await other.api.get(`/me/payments/${prepay.body.payment.id}`)).status).toBe(404);
  });

  it('refuses a tampered body, an unknown serial, a stale timestamp and a wrong amount, changing nothing', async () => {
    const { api, patientId } = await patientAccount();
    const { bill } = await billFor(patientId, [{ drugId: await drug(1234), quantity: 1 }]);
    const prepay = await api.post(`/me/bills/${bill.id}/wechat-pay`, undefined, { headers: { 'idempotency-key': key() } });
    const outTradeNo = [...pay.orders.values()].find((o) => o.amountFen === 1234)!.outTradeNo;
    pay.pay(outTradeNo);
    const bad = [
      pay.paymentNotification(outTradeNo, { tamper: true }),
      pay.paymentNotification(outTradeNo, { serial: 'PUB_KEY_ID_NOT_OURS' }),
      pay.paymentNotification(outTradeNo, { skewSeconds: -600 }),
      pay.paymentNotification(outTradeNo, { amountFen: 1 }),
      { headers: {}, body: pay.paymentNotification(outTradeNo).body },
    ];
    for (const n of bad) expect(await pay.deliver(notifyUrl, n)).toBeGreaterThanOrEqual(400);
    expect(await row('SELECT p.status, b.paid_fen, b.pending_fen FROM payments p JOIN bills b ON b.id = p.bill_id WHERE p.id = ?', [prepay.body.payment.id])).toEqual({ status: 'PENDING', paid_fen: 0, pending_fen: 1234 });
    expect(await row('SELECT COUNT(*) AS n FROM money_entries WHERE bill_id = ?', [bill.id])).toEqual({ n: 0 });
    // The genuine one still pays.
    expect(await pay.deliver(notifyUrl, pay.paymentNotification(outTradeNo))).toBe(204);
    expect((await api.get(`/me/payments/${prepay.body.payment.id}`)).body).toMatchObject({ status: 'SUCCEEDED', amountFen: 1234 });
  });

  it('books a notification that comes months late to the day it was paid, and the statistics count that day again', async () => {
    const { api, openid, patientId } = await patientAccount();
    const { bill } = await billFor(patientId, [{ drugId: await drug(1230), quantity: 1 }]);
    const prepay = await api.post(`/me/bills/${bill.id}/wechat-pay`, undefined, { headers: { 'idempotency-key': key() } });
    const order = [...pay.orders.values()].find((o) => o.amountFen === 1230 && o.openid === openid)!;
    // The day is long over and its summary built (other suites' money may be on it too: only the difference counts).
    const paidDay = '2026-06-03';
    const money = async () => (await admin.get(`/stats/money?from=${paidDay}&to=${paidDay}`)).body as { receivedFen: number; bills: number };
    const before = await money();
    // Paid at 10:00 that day in Shanghai; WeChat Pay's notification arrives only now.
    pay.pay(order.outTradeNo);
    order.successTime = `${paidDay}T02:00:00.000Z`;
    expect(await pay.deliver(notifyUrl, pay.paymentNotification(order.outTradeNo))).toBe(204);
    expect(await row('SELECT business_date FROM payments WHERE id = ?', [prepay.body.payment.id])).toEqual({ business_date: paidDay });
    const after = await money();
    expect([after.receivedFen - before.receivedFen, after.bills - before.bills]).toEqual([1230, 1]);
  });

  it('asks WeChat Pay when no notification comes, and closes an abandoned order so the desk can take the bill', async () => {
    const { api, patientId } = await patientAccount();
    const paidQuietly = await billFor(patientId, [{ drugId: await drug(501), quantity: 1 }]);
    const k = key();
    const first = await api.post(`/me/bills/${paidQuietly.bill.id}/wechat-pay`, undefined, { headers: { 'idempotency-key': k } });
    // The same key again is the same order, not a second one.
    const again = await api.post(`/me/bills/${paidQuietly.bill.id}/wechat-pay`, undefined, { headers: { 'idempotency-key': k } });
    expect(again.body.payment.id).toBe(first.body.payment.id);
    expect([...pay.orders.values()].filter((o) => o.amountFen === 501)).toHaveLength(1);
    pay.pay([...pay.orders.values()].find((o) => o.amountFen === 501)!.outTradeNo); // paid, notification lost
    expect((await api.get(`/me/payments/${first.body.payment.id}`)).body).toMatchObject({ status: 'SUCCEEDED' });
    expect((await cashier.get(`/bills/${paidQuietly.bill.id}`)).body.status).toBe('PAID');

    const abandoned = await billFor(patientId, [{ drugId: await drug(777), quantity: 1 }]);
    const p = (await api.post(`/me/bills/${abandoned.bill.id}/wechat-pay`, undefined, { headers: { 'idempotency-key': key() } })).body.payment;
    const closed = await cashier.post(`/payments/${p.id}/close`);
    expect(closed.body).toMatchObject({ status: 'CLOSED' });
    expect([...pay.orders.values()].find((o) => o.amountFen === 777)!.state).toBe('CLOSED');
    expect((await cashier.get(`/bills/${abandoned.bill.id}`)).body).toMatchObject({ pendingFen: 0, dueFen: 777 });
    expect((await cashier.post(`/bills/${abandoned.bill.id}/payments`, { method: 'CARD', amountFen: 777 }, { headers: { 'idempotency-key': key() } })).status).toBe(201);
  });

  it('refunds by WeChat once when the first request times out and is retried; undispensed units go back to stock', async () => {
    const { api, patientId } = await patientAccount();
    const drugId = await drug(2500);
    const { bill, rxId } = await billFor(patientId, [{ drugId, quantity: 4 }]);
    await api.post(`/me/bills/${bill.id}/wechat-pay`, undefined, { headers: { 'idempotency-key': key() } });
    const order = [...pay.orders.values()].find((o) => o.amountFen === 10000)!;
    expect(await pay.deliver(notifyUrl, pay.pay(order.outTradeNo))).toBe(204);
    await waitForStatus(sys, rxId, 'READY');
    const line = (await cashier.get(`/bills/${bill.id}`)).body.lines[0];

    const k = key();
    pay.failNext('timeout-after-processing');
    const first = await cashier.post(`/bills/${bill.id}/refunds`, { lines: [{ lineId: line.id, quantity: 3 }], reason: '患者不需要' }, { headers: { 'idempotency-key': k } });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ amountFen: 7500, status: 'PENDING', legs: [{ method: 'WECHAT', amountFen: 7500, status: 'PENDING' }] });
    const retry = await cashier.post(`/bills/${bill.id}/refunds`, { lines: [{ lineId: line.id, quantity: 3 }], reason: '患者不需要' }, { headers: { 'idempotency-key': k } });
    expect(retry.body.id).toBe(first.body.id);
    const outRefundNo = first.body.legs[0].outRefundNo;
    expect(retry.body.legs[0].outRefundNo).toBe(outRefundNo);
    // WeChat Pay saw the same out_refund_no twice and moved the money once.
    expect(pay.refunds.size).toBe(1);
    expect(pay.refunds.get(outRefundNo)).toMatchObject({ requests: 2, refundFen: 7500 });
    expect(order.refundedFen).toBe(7500);

    expect(await pay.deliver(notifyUrl, pay.completeRefund(outRefundNo))).toBe(204);
    expect(await pay.deliver(notifyUrl, pay.completeRefund(outRefundNo))).toBe(204); // a duplicate changes nothing
    const after = (await cashier.get(`/bills/${bill.id}`)).body;
    expect(after).toMatchObject({ status: 'PARTIALLY_REFUNDED', paidFen: 10000, refundedFen: 7500 });
    expect(after.refunds[0]).toMatchObject({ status: 'SUCCEEDED' });
    expect(await row("SELECT COUNT(*) AS n, SUM(amount_fen) AS fen FROM money_entries WHERE bill_id = ? AND kind = 'REFUND'", [bill.id])).toEqual({ n: 1, fen: '-7500' });
    // Pharmacy took the three units (and their value) off the prescription and freed their stock: one is left to hand out.
    expect(await queryService(sys, 'pharmacy', 'SELECT l.quantity, l.amount_fen, b.reserved FROM pharmacy_order_lines l JOIN line_allocations a ON a.line_id = l.id JOIN batches b ON b.id = a.batch_id WHERE l.prescription_id = ?', [rxId])).toEqual([{ quantity: 1, amount_fen: 2500, reserved: 1 }]);
    // Never more than was paid on the line: one unit is left.
    expect((await cashier.post(`/bills/${bill.id}/refunds`, { lines: [{ lineId: line.id, quantity: 2 }], reason: '多退' }, { headers: { 'idempotency-key': key() } })).status).toBe(400);
  });

  it('refuses refunding dispensed drugs until they are returned at the window, then refunds them in cash', async () => {
    const { patientId } = await patientAccount();
    const drugId = await drug(800);
    const { bill, rxId } = await billFor(patientId, [{ drugId, quantity: 3 }]);
    expect((await cashier.post(`/bills/${bill.id}/refunds`, { lines: [{ lineId: bill.lines[0].id, quantity: 1 }], reason: '未付' }, { headers: { 'idempotency-key': key() } })).body.code).toBe('REFUND.NOT_PAID');
    expect((await cashier.post(`/bills/${bill.id}/payments`, { method: 'CASH', amountFen: 2400, tenderedFen: 3000 }, { headers: { 'idempotency-key': key() } })).status).toBe(201);
    await waitForStatus(sys, rxId, 'READY');
    expect((await pharmacist.post(`/prescriptions/${rxId}/dispense`, {})).status).toBe(200);
    await eventually(async () => (await cashier.get(`/bills/${bill.id}`)).body.lines[0].dispensedQty === 3);

    const refused = await cashier.post(`/bills/${bill.id}/refunds`, { lines: [{ lineId: bill.lines[0].id, quantity: 2 }], reason: '过敏' }, { headers: { 'idempotency-key': key() } });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'REFUND.NOT_RETURNED', details: [{ lineId: bill.lines[0].id, refundableQty: 0 }] });
    expect(await row('SELECT COUNT(*) AS n FROM refunds WHERE bill_id = ?', [bill.id])).toEqual({ n: 0 });

    expect((await pharmacist.post(`/prescriptions/${rxId}/returns`, { items: [{ drugId, quantity: 2 }], reason: '过敏' })).status).toBe(201);
    await eventually(async () => (await cashier.get(`/bills/${bill.id}`)).body.lines[0].returnedQty === 2);
    const refunded = await cashier.post(`/bills/${bill.id}/refunds`, { lines: [{ lineId: bill.lines[0].id, quantity: 2 }], reason: '过敏' }, { headers: { 'idempotency-key': key() } });
    expect(refunded.body).toMatchObject({ status: 'SUCCEEDED', amountFen: 1600, legs: [{ method: 'CASH', amountFen: 1600, status: 'SUCCEEDED' }] });
    expect((await cashier.post(`/bills/${bill.id}/refunds`, { lines: [{ lineId: bill.lines[0].id, quantity: 1 }], reason: '再退' }, { headers: { 'idempotency-key': key() } })).body.code).toBe('REFUND.NOT_RETURNED');
    // The sums hold to the fen: journal = paid − refunded.
    expect(await row('SELECT SUM(amount_fen) AS fen FROM money_entries WHERE bill_id = ?', [bill.id])).toEqual({ fen: '800' });
    expect((await cashier.get(`/bills/${bill.id}`)).body).toMatchObject({ paidFen: 2400, refundedFen: 1600, status: 'PARTIALLY_REFUNDED' });

    // Billing's own audit chain has every read and write of the patient's money, and it verifies.
    const audited = await queryService(sys, 'billing', 'SELECT action, outcome, actor_kind FROM audit_log WHERE patient_id = ? ORDER BY seq', [patientId]);
    const actions = new Set(audited.map((a: { action: string }) => a.action));
    for (const a of ['PAYMENT_TAKE', 'REFUND_CREATE', 'BILL_READ']) expect(actions.has(a)).toBe(true);
    expect(audited.filter((a: { action: string }) => a.action === 'REFUND_CREATE')).toHaveLength(1); // the refused attempts moved no money
    expect(() => execFileSync(process.execPath, [join(__dirname, '..', 'apps', 'billing-svc', 'dist', 'main.js'), 'audit-verify'], { env: sys.env, stdio: 'pipe' })).not.toThrow();
  });

  it('splits 医保 first and cash for the rest; a lost 医保 answer is reversed (冲正); a whole refund revokes the settlement', async () => {
    const { patientId } = await patientAccount();
    const lost = await billFor(patientId, [{ drugId: await drug(1000), quantity: 2 }]);
    insurer.hangNextSettlement();
    const timedOut = await cashier.post(`/bills/${lost.bill.id}/payments`, { method: 'INSURANCE', insuranceCardNo: 'A12345678' }, { headers: { 'idempotency-key': key() } });
    expect(timedOut.body.code).toBe('INSURANCE.SETTLEMENT_FAILED');
    const sent = insurer.messages.filter((m) => m.infno === '2207').at(-1)!;
    expect(insurer.messages.at(-1)).toMatchObject({ infno: '2601', fixmedins_code: 'H11010500001', input: { data: { omsgid: sent.msgid, oinfno: '2207' } } });
    expect(insurer.settlements.get(sent.msgid)!.state).toBe('REVERSED');
    expect(await row('SELECT status, out_trade_no FROM payments WHERE bill_id = ?', [lost.bill.id])).toEqual({ status: 'CLOSED', out_trade_no: sent.msgid });
    expect((await cashier.get(`/bills/${lost.bill.id}`)).body).toMatchObject({ paidFen: 0, pendingFen: 0, dueFen: 2000 });

    const settled = await cashier.post(`/bills/${lost.bill.id}/payments`, { method: 'INSURANCE', insuranceCardNo: 'A12345678' }, { headers: { 'idempotency-key': key() } });
    expect(settled.body).toMatchObject({ method: 'INSURANCE', status: 'SUCCEEDED', amountFen: 1200, detail: { fundFen: 1000, accountFen: 200, selfFen: 800 } });
    expect((await cashier.post(`/bills/${lost.bill.id}/payments`, { method: 'CASH', amountFen: 800 }, { headers: { 'idempotency-key': key() } })).status).toBe(201);
    const paid = (await cashier.get(`/bills/${lost.bill.id}`)).body;
    expect(paid).toMatchObject({ status: 'PAID', paidFen: 2000 });

    // Less than the whole insured part cannot come back through 医保.
    const line = paid.lines[0];
    expect((await cashier.post(`/bills/${lost.bill.id}/refunds`, { lines: [{ lineId: line.id, quantity: 1 }], reason: '部分' }, { headers: { 'idempotency-key': key() } })).body.code).toBe('REFUND.INSURANCE_WHOLE');
    const whole = await cashier.post(`/bills/${lost.bill.id}/refunds`, { lines: [{ lineId: line.id, quantity: 2 }], reason: '全退' }, { headers: { 'idempotency-key': key() } });
    expect(whole.body).toMatchObject({ status: 'SUCCEEDED', amountFen: 2000 });
    expect(whole.body.legs.map((l: { method: string; amountFen: number }) => [l.method, l.amountFen])).toEqual([
      ['CASH', 800],
      ['INSURANCE', 1200],
    ]);
    expect(insurer.messages.at(-1)).toMatchObject({ infno: '2208', input: { data: { setl_id: settled.body.detail.settlementId } } });
    expect((await cashier.get(`/bills/${lost.bill.id}`)).body).toMatchObject({ status: 'REFUNDED', refundedFen: 2000 });
    expect(await row('SELECT SUM(amount_fen) AS fen FROM money_entries WHERE bill_id = ?', [lost.bill.id])).toEqual({ fen: '0' });
  });
});

/** bill.paid is published through the outbox: a billing-svc killed before it goes out publishes it after restart, once. */
describe('bill.paid across a billing-svc restart (production topology)', () => {
  let sys: RunningSystem;
  let replacement: ChildProcess | undefined;

  beforeAll(async () => {
    sys = await boot('production', await systemSettings('production', { OUTBOX_DELAY_MS: '4000', OUTBOX_POLL_MS: '4000' }), 'billing-restart');
  });
  afterAll(async () => {
    replacement?.kill('SIGKILL');
    await sys?.stop();
  });

  it('reaches pharmacy exactly once', async () => {
    const tag = randomUUID().slice(0, 6);
    const admin = await adminApi(sys.baseUrl);
    const doctor = await staffApi(admin, `rs.doctor.${tag}`, ['doctor']);
    const cashier = await staffApi(admin, `rs.cashier.${tag}`, ['cashier']);
    const pharmacist = await staffApi(admin, `rs.pharm.${tag}`, ['pharmacist']);
    const supplierId = (await pharmacist.post('/suppliers', { name: `重启供应商${tag}` })).body.id;
    const drugId = (await pharmacist.post('/drugs', { name: `重启药${tag}`, spec: '5mg*28片', unit: '盒', priceFen: 3300, reorderLevel: 1 })).body.id;
    await pharmacist.post('/stock-ins', { supplierId, items: [{ drugId, batchNo: 'RS1', expiryDate: day(200), quantity: 10, unitCostFen: 100 }] });
    const patientId = (await admin.post('/patients', { name: '重启患者', gender: 'F', birthDate: '1975-03-03', phone: '13700002222' })).body.id;
    const enc = (await doctor.post('/encounters', { patientId })).body;
    const rx = (await doctor.post(`/encounters/${enc.id}/prescriptions`, { items: [{ drugId, quantity: 1, dosage: '1片', frequency: 'qd', route: '口服', days: 7 }] })).body;
    await doctor.post(`/prescriptions/${rx.id}/sign`);
    const bill = await eventually(async () => (await cashier.get(`/bills?patientId=${patientId}`)).body.items[0], 15_000);

    expect((await cashier.post(`/bills/${bill.id}/payments`, { method: 'CARD', amountFen: 3300 }, { headers: { 'idempotency-key': randomUUID() } })).status).toBe(201);
    // Killed with bill.paid written but not yet published.
    const [event] = await queryService(sys, 'billing', "SELECT id, published_at FROM outbox_events WHERE event_name = 'billing.bill.paid.1' AND payload LIKE ?", [`%${bill.id}%`]);
    expect(event.published_at).toBeNull();
    const billing = sys.children.billing;
    billing.kill('SIGKILL');
    await new Promise((r) => billing.once('exit', r));

    replacement = spawn(process.execPath, [join(__dirname, '..', 'apps', 'billing-svc', 'dist', 'main.js')], { cwd: join(__dirname, '..'), env: sys.env, stdio: 'ignore' });
    await waitForStatus(sys, rx.id, 'READY');
    expect(await queryService(sys, 'pharmacy', 'SELECT COUNT(*) AS n FROM inbox_events WHERE event_id = ?', [event.id])).toEqual([{ n: 1 }]);
    expect(await queryService(sys, 'billing', 'SELECT published_at IS NOT NULL AS published FROM outbox_events WHERE id = ?', [event.id])).toEqual([{ published: 1 }]);
    expect((await pharmacist.post(`/prescriptions/${rx.id}/dispense`, {})).status).toBe(200);
    expect((await pharmacist.post(`/prescriptions/${rx.id}/dispense`, {})).body.code).toBe('PRESCRIPTION.NOT_READY');
  });
});

/** `npm start`'s mode: SQLite, no broker, the development adapters. A patient pays by the dev flow and gets a refund. */
describe('online payments on the embedded system (SQLite, development adapters)', () => {
  let sys: RunningSystem;

  beforeAll(async () => {
    sys = await boot('embedded', undefined, 'online-payments-embedded');
  });
  afterAll(() => sys?.stop());

  it('pays a bill by the development WeChat flow, books it in the journal, and refunds part of it', async () => {
    const tag = randomUUID().slice(0, 6);
    const admin = await adminApi(sys.baseUrl);
    const doctor = await staffApi(admin, `emb.doctor.${tag}`, ['doctor']);
    const cashier = await staffApi(admin, `emb.cashier.${tag}`, ['cashier']);
    const pharmacist = await staffApi(admin, `emb.pharm.${tag}`, ['pharmacist']);
    const supplierId = (await pharmacist.post('/suppliers', { name: `嵌入供应商${tag}` })).body.id;
    const drugId = (await pharmacist.post('/drugs', { name: `嵌入药${tag}`, spec: '0.5g*12片', unit: '盒', priceFen: 1500, reorderLevel: 1 })).body.id;
    await pharmacist.post('/stock-ins', { supplierId, items: [{ drugId, batchNo: 'E1', expiryDate: day(200), quantity: 10, unitCostFen: 100 }] });
    const patient = await patientApi(sys.baseUrl, `emb-${tag}`);
    const patientId = (await patient.post('/patients', { name: '嵌入患者', gender: 'F', birthDate: '1990-09-09', phone: '13611112222', relationship: '本人' })).body.id;
    const enc = (await doctor.post('/encounters', { patientId })).body;
    const rx = (await doctor.post(`/encounters/${enc.id}/prescriptions`, { items: [{ drugId, quantity: 2, dosage: '1片', frequency: 'bid', route: '口服', days: 3 }] })).body;
    await doctor.post(`/prescriptions/${rx.id}/sign`);
    const bill = await eventually(async () => (await patient.get('/me/bills')).body.items?.[0]);
    expect(bill).toMatchObject({ totalFen: 3000, dueFen: 3000 });

    const prepay = await patient.post(`/me/bills/${bill.id}/wechat-pay`, undefined, { headers: { 'idempotency-key': randomUUID() } });
    expect(prepay.body).toMatchObject({ development: true, requestPayment: null, payment: { status: 'PENDING', amountFen: 3000 } });
    const done = await patient.post(`/me/payments/${prepay.body.payment.id}/dev-complete`);
    expect(done.body).toMatchObject({ status: 'SUCCEEDED', amountFen: 3000 });
    expect((await patient.get(`/me/bills/${bill.id}`)).body).toMatchObject({ status: 'PAID', paidFen: 3000, pendingFen: 0 });
    await waitForStatus(sys, rx.id, 'READY');

    const refund = await cashier.post(`/bills/${bill.id}/refunds`, { lines: [{ lineId: bill.lines[0].id, quantity: 1 }], reason: '少取一盒' }, { headers: { 'idempotency-key': randomUUID() } });
    expect(refund.body).toMatchObject({ status: 'SUCCEEDED', amountFen: 1500, legs: [{ method: 'WECHAT', amountFen: 1500, status: 'SUCCEEDED' }] });
    expect(await queryService(sys, 'billing', 'SELECT kind, method, amount_fen FROM money_entries WHERE bill_id = ? ORDER BY amount_fen DESC', [bill.id])).toEqual([
      { kind: 'PAYMENT', method: 'WECHAT', amount_fen: 3000 },
      { kind: 'REFUND', method: 'WECHAT', amount_fen: -1500 },
    ]);
    expect(await queryService(sys, 'pharmacy', 'SELECT quantity, amount_fen FROM pharmacy_order_lines WHERE prescription_id = ?', [rx.id])).toEqual([{ quantity: 1, amount_fen: 1500 }]);
  });
});
