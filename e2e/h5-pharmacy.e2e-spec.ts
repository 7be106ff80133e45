import type { Browser, Page } from 'playwright-core';
import { adminApi, STAFF_PASSWORD, staffApi } from './support/actors';
import { launchChromium } from './support/browser';
import { queryService } from './support/db';
import { readyPrescription } from './support/pharmacy';
import { boot, type RunningSystem } from './support/system';

/** A calendar date `days` from now, YYYY-MM-DD. */
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/**
 * The pharmacy window on a tablet: the pharmacist receives two batches through the stock-in page, then dispenses a
 * paid prescription and is shown the batch that expires first, which is the one the stock came off.
 */
describe('H5: pharmacist receives stock and dispenses first expiry first', () => {
  let sys: RunningSystem;
  let browser: Browser;
  // Names of this run: the production-topology schemas outlive a run.
  const tag = Date.now().toString(36).toUpperCase();
  const drugName = `阿莫西林胶囊${tag}`;
  const supplierName = `国药控股测试${tag}`;
  const barcode = `69${Date.now()}`;
  const early = { batchNo: `E-${tag}`, expiryDate: inDays(200) };
  const late = { batchNo: `L-${tag}`, expiryDate: inDays(400) };
  let drugId: string;

  beforeAll(async () => {
    sys = await boot('production', undefined, 'h5-pharmacy');
    const admin = await adminApi(sys.baseUrl);
    await staffApi(admin, `h5p.pharmacist.${tag.toLowerCase()}`, ['pharmacist']);
    const drug = await admin.post('/drugs', { name: drugName, genericName: '阿莫西林', spec: '0.25g*24粒', unit: '盒', priceFen: 1850, reorderLevel: 5, barcode });
    if (drug.status !== 201) throw new Error(`creating the drug: ${drug.status} ${JSON.stringify(drug.body)}`);
    drugId = drug.body.id;
    const supplier = await admin.post('/suppliers', { name: supplierName, contact: '王经理 13800000000' });
    if (supplier.status !== 201) throw new Error(`creating the supplier: ${supplier.status} ${JSON.stringify(supplier.body)}`);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await sys?.stop();
  });

  const batches = () => queryService(sys, 'pharmacy', 'SELECT batch_no, quantity FROM batches WHERE drug_id = ? ORDER BY expiry_date', [drugId]);

  async function signIn(): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(sys.baseUrl);
    await page.locator('.login-username input').fill(`h5p.pharmacist.${tag.toLowerCase()}`);
    await page.locator('.login-password input').fill(STAFF_PASSWORD);
    await page.locator('.login-submit').click();
    await page.locator('.home-greeting').waitFor();
    return page;
  }

  async function fillLine(page: Page, n: number, values: { batchNo: string; expiryDate: string; quantity: string; cost: string }) {
    const line = page.locator(`.si-line-${n}`);
    await line.locator('.si-batch input').fill(values.batchNo);
    await line.locator('.si-expiry .field-input input').fill(values.expiryDate);
    await line.locator('.si-quantity input').fill(values.quantity);
    await line.locator('.si-cost input').fill(values.cost);
  }

  it('receives two batches, then dispenses from the one that expires first', async () => {
    const page = await signIn();
    try {
      // 入库: the supplier, then one line found by its barcode (typed: a browser has no camera scanner) and one by name.
      await page.locator('.tile-stock-in').click();
      await page.locator('.si-supplier-search input').fill(supplierName);
      await page.locator('.si-supplier-search-submit').click();
      await page.locator('.si-supplier', { hasText: supplierName }).click();
      await page.locator('.si-invoice input').fill(`FP-${tag}`);

      await page.locator('.si-drug-query input').fill(barcode);
      await page.locator('.si-drug-query-submit').click();
      await page.locator('.si-line-1').waitFor();
      await fillLine(page, 1, { batchNo: late.batchNo, expiryDate: late.expiryDate, quantity: '30', cost: '9.50' });

      await page.locator('.si-drug-query input').fill(drugName);
      await page.locator('.si-drug-query-submit').click();
      await page.locator('.si-drug-result', { hasText: drugName }).click();
      await fillLine(page, 2, { batchNo: early.batchNo, expiryDate: early.expiryDate, quantity: '20', cost: '9.20' });

      // 30 × ¥9.50 + 20 × ¥9.20, in whole fen.
      expect(await page.locator('.si-total-value').innerText()).toContain('¥469.00');
      await page.locator('.si-submit').click();
      await page.locator('.si-receipt-row', { hasText: supplierName }).first().waitFor();
      expect(await page.locator('.si-line-1').count()).toBe(0);
      expect(await batches()).toEqual([
        { batch_no: early.batchNo, quantity: 20 },
        { batch_no: late.batchNo, quantity: 30 },
      ]);

      // The doctor's prescription, signed and paid (played by the helper): READY at the window.
      const patientName = `孙${tag.slice(-3)}`;
      await readyPrescription(sys, [{ drugId, quantity: 4, dosage: '0.5g', frequency: 'tid', days: 3 }], patientName);

      await page.goto(`${sys.baseUrl}/#/pages/home/index`);
      await page.locator('.tile-dispensing').click();
      await page.locator('.disp-row', { hasText: patientName }).click();
      await page.locator('.disp-detail', { hasText: drugName }).waitFor();
      expect(await page.locator('.disp-detail').innerText()).toContain('每次0.5g 每日三次 共3天');
      await page.locator('.disp-dispense').click();

      const taken = page.locator('.disp-batch');
      await taken.first().waitFor();
      expect(await taken.allInnerTexts()).toEqual([`批号 ${early.batchNo} · 效期至 ${early.expiryDate} · 4 盒`]);
      await page.locator('.disp-status', { hasText: '已发药' }).waitFor();

      expect(await batches()).toEqual([
        { batch_no: early.batchNo, quantity: 16 },
        { batch_no: late.batchNo, quantity: 30 },
      ]);
    } finally {
      await page.close();
    }
  });
});
