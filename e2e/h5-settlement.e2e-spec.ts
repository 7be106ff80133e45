import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { adminApi, STAFF_PASSWORD, staffApi } from './support/actors';
import { launchChromium } from './support/browser';
import { eventually, queryService } from './support/db';
import { boot, systemSettings, type RunningSystem } from './support/system';

/**
 * The client reads "today" as the clinic's date in China Standard Time (UTC+8, see utils/time clinicToday), so the
 * server books money in the same zone here.
 */
const CLINIC_ZONE = 'Asia/Shanghai';
const UTC8_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

const clinicDate = (at = Date.now()) => new Date(at + UTC8_MS).toISOString().slice(0, 10);

/** The payments and the close must fall on one clinic day: close to the clinic's midnight, wait until it has passed. */
async function awayFromMidnight(marginMs = 3 * 60_000): Promise<void> {
  const left = DAY_MS - ((Date.now() + UTC8_MS) % DAY_MS);
  if (left < marginMs) await new Promise((resolve) => setTimeout(resolve, left + 2_000));
}

const num = (rows: Record<string, unknown>[]) => rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v])));

/**
 * The cashier on a tablet: 医保 first (the development adapter pays 60 % from the fund, nothing from the personal
 * account), the self-paid rest in cash with change, then 日结 with the cash counted one jiao short.
 */
describe('H5: a split payment (医保 first, then cash) and the daily close', () => {
  let sys: RunningSystem;
  let browser: Browser;
  const tag = randomUUID().slice(0, 6);
  // Closing "today" can be done once per clinic: this test's staff work in a clinic of their own (no API makes
  // clinics yet, so its admin is moved there), and the other tests' day stays open.
  const clinicId = `clinic-h5s-${tag}`;
  const cashierName = `h5s.cashier.${tag}`;
  const patientName = `日结${tag.slice(0, 3)}`;
  let cashierId: string;
  let billId: string;

  beforeAll(async () => {
    sys = await boot('production', await systemSettings('production', { CLINIC_TIMEZONE: CLINIC_ZONE }), 'h5-settlement');
    const root = await adminApi(sys.baseUrl);
    const adminName = `h5s.admin.${tag}`;
    const admin = await staffApi(root, adminName, ['admin']);
    await queryService(sys, 'patient', 'UPDATE staff_users SET clinic_id = ? WHERE id = ?', [clinicId, admin.userId]);
    await admin.login(adminName, STAFF_PASSWORD);

    const cashier = await staffApi(admin, cashierName, ['cashier']);
    cashierId = cashier.userId;
    const doctor = await staffApi(admin, `h5s.doctor.${tag}`, ['doctor']);
    const pharmacist = await staffApi(admin, `h5s.pharm.${tag}`, ['pharmacist']);
    const supplierId = (await pharmacist.post('/suppliers', { name: `日结页供应商${tag}` })).body.id;
    const drugId = (await pharmacist.post('/drugs', { name: `日结页药${tag}`, spec: '10mg*10片', unit: '盒', priceFen: 1850, reorderLevel: 1 })).body.id;
    const expiry = new Date(Date.now() + 300 * DAY_MS).toISOString().slice(0, 10);
    await pharmacist.post('/stock-ins', { supplierId, items: [{ drugId, batchNo: 'S1', expiryDate: expiry, quantity: 10, unitCostFen: 900 }] });
    const patientId = (await admin.post('/patients', { name: patientName, gender: 'M', birthDate: '1966-06-06', phone: '13100004444' })).body.id;
    const enc = (await doctor.post('/encounters', { patientId })).body;
    const rx = (await doctor.post(`/encounters/${enc.id}/prescriptions`, { items: [{ drugId, dosage: '1片', frequency: 'bid', route: '口服', days: 3, quantity: 2 }] })).body;
    expect((await doctor.post(`/prescriptions/${rx.id}/sign`)).body.status).toBe('SIGNED');
    const bill = await eventually(async () => (await cashier.get(`/bills?patientId=${patientId}`)).body.items[0]);
    expect(bill).toMatchObject({ totalFen: 3700, status: 'OPEN' });
    billId = bill.id;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await sys?.stop();
  });

  // The modal's title may read the same as its button: the button comes last.
  const confirm = (page: Page, text: string) => page.getByText(text, { exact: true }).last().click();

  it('settles ¥37.00 as ¥22.20 医保 and ¥14.80 cash (¥20.00 handed over), then closes the day ¥0.10 short', async () => {
    await awayFromMidnight();
    const day = clinicDate();
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    try {
      await page.goto(sys.baseUrl);
      await page.locator('.login-username input').fill(cashierName);
      await page.locator('.login-password input').fill(STAFF_PASSWORD);
      await page.locator('.login-submit').click();

      // 收费: the patient's open bill.
      await page.locator('.tile-billing').click();
      await page.locator('.cashier-search input').fill(patientName);
      await page.locator('.cashier-search-submit').click();
      await page.locator('.cashier-patient-row', { hasText: patientName }).click();
      await page.locator('.cashier-bill-row').first().click();
      await page.locator('.cashier-due', { hasText: '¥37.00' }).waitFor();

      // 医保 first: the insurer settles the whole bill and pays its part; the self-paid rest stays due.
      await page.locator('.cashier-method-insurance').click();
      await page.locator('.cashier-insurance-card input').fill('3301001234567');
      await page.locator('.cashier-submit', { hasText: '医保结算' }).click();
      await confirm(page, '确认结算');
      await page.locator('.cashier-insurance-result-text', { hasText: '统筹基金 ¥22.20，个人账户 ¥0.00，自付 ¥14.80' }).waitFor();
      await page.locator('.cashier-due', { hasText: '¥14.80' }).waitFor();
      await page.locator('.cashier-paid', { hasText: '¥22.20' }).waitFor();
      // The form goes on in cash for the self-paid part; 医保 is not offered twice.
      expect(await page.locator('.cashier-method-insurance').count()).toBe(0);
      expect(await page.locator('.cashier-method-cash').getAttribute('class')).toContain('chip--active');
      expect(await page.locator('.cashier-amount input').inputValue()).toBe('14.80');

      // The rest in cash, with change.
      await page.locator('.cashier-tendered input').fill('20');
      await page.locator('.cashier-change-value', { hasText: '¥5.20' }).waitFor();
      await page.locator('.cashier-submit').click();
      await confirm(page, '确认收款');
      await page.locator('.cashier-due', { hasText: '¥0.00' }).waitFor();
      await page.locator('.cashier-status', { hasText: '已结清' }).waitFor();
      await page.locator('.cashier-paid', { hasText: '¥37.00' }).waitFor();
      const records = page.locator('.cashier-payment');
      expect(await records.count()).toBe(2);
      expect(await records.nth(0).innerText()).toContain('统筹基金 ¥22.20');
      expect(await records.nth(1).innerText()).toContain('实收 ¥20.00 · 找零 ¥5.20');

      // 日结: the day by method, the cash counted against the cash expected, and the close.
      await page.goBack();
      await page.locator('.tile-settlement').click();
      await page.locator('.settlement-status--open', { hasText: '未日结' }).waitFor();
      expect(await page.locator('.settlement-day-title').innerText()).toBe(day);
      const cells = async (row: string) => (await page.locator(`${row} .rp-td`).allInnerTexts()).map((text) => text.trim());
      expect(await cells('.settlement-row-cash')).toEqual(['现金', '¥14.80', '1', '¥0.00', '¥0.00', '¥14.80']);
      expect(await cells('.settlement-row-card')).toEqual(['银行卡', '¥0.00', '0', '¥0.00', '¥0.00', '¥0.00']);
      expect(await cells('.settlement-row-wechat')).toEqual(['微信支付', '¥0.00', '0', '¥0.00', '¥0.00', '¥0.00']);
      expect(await cells('.settlement-row-insurance')).toEqual(['医保', '¥22.20', '1', '¥0.00', '¥0.00', '¥22.20']);
      expect(await cells('.settlement-total')).toEqual(['合计', '¥37.00', '2', '¥0.00', '¥0.00', '¥37.00']);
      expect(await page.locator('.settlement-expected').innerText()).toBe('¥14.80');

      await page.locator('.settlement-counted input').fill('14.70');
      await page.locator('.settlement-live-value', { hasText: '短款 ¥0.10' }).waitFor();
      await page.locator('.settlement-note textarea').fill('找零多给一角');
      await page.locator('.settlement-close').click();
      await confirm(page, '确认日结');

      await page.locator('.settlement-status--closed', { hasText: '已日结' }).waitFor();
      expect(await page.locator('.settlement-counted-value').innerText()).toBe('¥14.70');
      expect(await page.locator('.settlement-difference').innerText()).toBe('短款 ¥0.10');
      expect(await page.locator('.settlement-closed-text').innerText()).toContain(`结账人 测试${cashierName}`);
      expect(await page.locator('.settlement-closed-note').innerText()).toBe('备注：找零多给一角');
      expect(await page.locator('.settlement-close').count()).toBe(0);
      const closedDay = page.locator('.settlement-history-row', { hasText: day });
      await closedDay.waitFor();
      expect(await closedDay.innerText()).toMatch(/净收入 ¥37\.00[\s\S]*短款 ¥0\.10/);
    } finally {
      await page.close();
    }

    // The bill and its two payments.
    expect(await queryService(sys, 'billing', 'SELECT status, total_fen, paid_fen, pending_fen, refunded_fen FROM bills WHERE id = ?', [billId])).toEqual([
      { status: 'PAID', total_fen: 3700, paid_fen: 3700, pending_fen: 0, refunded_fen: 0 },
    ]);
    const payments = await queryService(sys, 'billing', 'SELECT method, status, amount_fen, tendered_fen, change_fen, business_date, detail FROM payments WHERE bill_id = ? ORDER BY created_at', [billId]);
    expect(payments.map((p) => ({ ...p, detail: typeof p.detail === 'string' ? JSON.parse(p.detail) : p.detail }))).toEqual([
      { method: 'INSURANCE', status: 'SUCCEEDED', amount_fen: 2220, tendered_fen: null, change_fen: null, business_date: day, detail: { fundFen: 2220, accountFen: 0, selfFen: 1480, settlementId: expect.any(String) } },
      { method: 'CASH', status: 'SUCCEEDED', amount_fen: 1480, tendered_fen: 2000, change_fen: 520, business_date: day, detail: null },
    ]);

    // The journal: one signed row per payment on the day, adding up to what the bill holds.
    expect(
      num(await queryService(sys, 'billing', 'SELECT kind, method, COUNT(*) AS n, SUM(amount_fen) AS fen FROM money_entries WHERE clinic_id = ? AND business_date = ? GROUP BY kind, method ORDER BY method', [clinicId, day])),
    ).toEqual([
      { kind: 'PAYMENT', method: 'CASH', n: 1, fen: 1480 },
      { kind: 'PAYMENT', method: 'INSURANCE', n: 1, fen: 2220 },
    ]);
    expect(num(await queryService(sys, 'billing', 'SELECT SUM(amount_fen) AS fen FROM money_entries WHERE bill_id = ?', [billId]))).toEqual([{ fen: 3700 }]);

    // The settlement: cash expected is the day's net cash; counted and the difference as typed on the page.
    const settlements = await queryService(sys, 'billing', 'SELECT id, expected_cash_fen, counted_cash_fen, difference_fen, note, closed_by FROM settlements WHERE clinic_id = ? AND business_date = ?', [clinicId, day]);
    expect(settlements).toEqual([{ id: expect.any(String), expected_cash_fen: 1480, counted_cash_fen: 1470, difference_fen: -10, note: '找零多给一角', closed_by: cashierId }]);
    expect(
      await queryService(sys, 'billing', 'SELECT method, payments_fen, payment_count, refunds_fen, reversals_fen, net_fen FROM settlement_lines WHERE settlement_id = ? AND payment_count > 0 ORDER BY method', [settlements[0].id]),
    ).toEqual([
      { method: 'CASH', payments_fen: 1480, payment_count: 1, refunds_fen: 0, reversals_fen: 0, net_fen: 1480 },
      { method: 'INSURANCE', payments_fen: 2220, payment_count: 1, refunds_fen: 0, reversals_fen: 0, net_fen: 2220 },
    ]);
    expect(await queryService(sys, 'billing', 'SELECT status, closed_by FROM business_days WHERE clinic_id = ? AND day = ?', [clinicId, day])).toEqual([{ status: 'CLOSED', closed_by: cashierId }]);
  }, 420_000);
});
