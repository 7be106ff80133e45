import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { adminApi, STAFF_PASSWORD, staffApi } from './support/actors';
import { launchChromium } from './support/browser';
import { eventually, queryService } from './support/db';
import { waitForStatus } from './support/pharmacy';
import { boot, type RunningSystem } from './support/system';

/** The cashier on a tablet: finds the patient, opens the bill of a signed prescription, takes cash and gives change. */
describe('H5: the cashier takes a split payment and the prescription goes to the window', () => {
  let sys: RunningSystem;
  let browser: Browser;
  const tag = randomUUID().slice(0, 6);
  const cashierName = `h5c.cashier.${tag}`;
  const patientName = `缴费${tag.slice(0, 3)}`;
  let billId: string;
  let prescriptionId: string;

  beforeAll(async () => {
    sys = await boot('production', undefined, 'h5-cashier');
    const admin = await adminApi(sys.baseUrl);
    await staffApi(admin, cashierName, ['cashier']);
    const doctor = await staffApi(admin, `h5c.doctor.${tag}`, ['doctor']);
    const pharmacist = await staffApi(admin, `h5c.pharm.${tag}`, ['pharmacist']);
    const supplierId = (await pharmacist.post('/suppliers', { name: `收费页供应商${tag}` })).body.id;
    const drugId = (await pharmacist.post('/drugs', { name: `收费页药${tag}`, spec: '10mg*10片', unit: '盒', priceFen: 1450, reorderLevel: 1 })).body.id;
    await pharmacist.post('/stock-ins', { supplierId, items: [{ drugId, batchNo: 'C1', expiryDate: new Date(Date.now() + 300 * 86_400_000).toISOString().slice(0, 10), quantity: 10, unitCostFen: 700 }] });
    const patientId = (await admin.post('/patients', { name: patientName, gender: 'F', birthDate: '1980-08-08', phone: '13100003333' })).body.id;
    const enc = (await doctor.post('/encounters', { patientId })).body;
    const rx = (await doctor.post(`/encounters/${enc.id}/prescriptions`, { items: [{ drugId, dosage: '1片', frequency: 'bid', route: '口服', days: 3, quantity: 2 }] })).body;
    await doctor.post(`/prescriptions/${rx.id}/sign`);
    prescriptionId = rx.id;
    const cashierApi = await staffApi(admin, `h5c.cashier2.${tag}`, ['cashier']);
    billId = (await eventually(async () => (await cashierApi.get(`/bills?patientId=${patientId}`)).body.items[0]))!.id;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await sys?.stop();
  });

  const confirm = (page: Page, text: string) => page.getByText(text, { exact: true }).last().click();

  it('pays ¥29.00 as ¥10.00 by card and the rest in cash with change', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    try {
      await page.goto(sys.baseUrl);
      await page.locator('.login-username input').fill(cashierName);
      await page.locator('.login-password input').fill(STAFF_PASSWORD);
      await page.locator('.login-submit').click();
      await page.locator('.tile-billing').click();
      await page.locator('.cashier-search input').fill(patientName);
      await page.locator('.cashier-search-submit').click();
      await page.locator('.cashier-patient-row', { hasText: patientName }).click();
      await page.locator('.cashier-bill-row').first().click();
      await page.locator('.cashier-due', { hasText: '¥29.00' }).waitFor();

      await page.locator('.cashier-methods').getByText('银行卡', { exact: true }).click();
      await page.locator('.cashier-amount input').fill('10');
      await page.locator('.cashier-submit').click();
      await confirm(page, '确认收款');
      await page.locator('.cashier-due', { hasText: '¥19.00' }).waitFor();

      await page.locator('.cashier-methods').getByText('现金', { exact: true }).click();
      await page.locator('.cashier-amount input').fill('19');
      await page.locator('.cashier-tendered input').fill('50');
      await page.locator('.cashier-change-value', { hasText: '¥31.00' }).waitFor();
      await page.locator('.cashier-submit').click();
      await confirm(page, '确认收款');
      await page.locator('.cashier-due', { hasText: '¥0.00' }).waitFor();
    } finally {
      await page.close();
    }
    expect(await queryService(sys, 'billing', 'SELECT status, paid_fen FROM bills WHERE id = ?', [billId])).toEqual([{ status: 'PAID', paid_fen: 2900 }]);
    expect(await queryService(sys, 'billing', 'SELECT method, amount_fen, tendered_fen, change_fen FROM payments WHERE bill_id = ? ORDER BY created_at', [billId])).toEqual([
      { method: 'CARD', amount_fen: 1000, tendered_fen: null, change_fen: null },
      { method: 'CASH', amount_fen: 1900, tendered_fen: 5000, change_fen: 3100 },
    ]);
    await waitForStatus(sys, prescriptionId, 'READY');
  });
});
