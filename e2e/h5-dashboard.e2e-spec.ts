import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import type { Api } from './support/api';
import { clinicAdminApi, STAFF_PASSWORD, staffApi } from './support/actors';
import { launchChromium } from './support/browser';
import { clinicDay } from './support/clinic-zone';
import { eventually, queryService } from './support/db';
import { waitForStatus } from './support/pharmacy';
import { boot, systemSettings, type RunningSystem } from './support/system';

const UTC8_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

/** The data and the page must see the same clinic day: close to the clinic's midnight, wait until it has passed. */
async function awayFromMidnight(marginMs = 3 * 60_000): Promise<void> {
  const left = DAY_MS - ((Date.now() + UTC8_MS) % DAY_MS);
  if (left < marginMs) await new Promise((resolve) => setTimeout(resolve, left + 2_000));
}

/** The first and last day of the month before the one `day` falls in. */
function lastMonth(day: string): { from: string; to: string } {
  const to = new Date(Date.parse(`${day.slice(0, 8)}01T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10);
  return { from: `${to.slice(0, 8)}01`, to };
}

/**
 * The owner on a tablet: 经营看板 for this month in a clinic of its own (other suites share the test databases), then
 * 补货建议 and the stock-in draft it makes. The clinic's day: three walk-in visits, two of them with a paid and
 * dispensed prescription of one drug (6 boxes for ¥75.00 in cash, 4 for ¥50.00 by card) out of the 12 received.
 * So: visits 3, all new patients; received and net ¥125.00 over 2 bills (¥62.50 each); 10 boxes used in 30 days with
 * 2 left, which for 30 days' cover is 10 − 2 = 8 boxes to buy (more than the reorder level's 5 − 2) and for 60 days
 * 20 − 2 = 18.
 */
describe('H5: 经营看板 and 补货建议 to a stock-in draft', () => {
  let sys: RunningSystem;
  let browser: Browser;
  let admin: Api;
  const tag = randomUUID().slice(0, 6);
  const clinicId = `clinic-h5d-${tag}`;
  const drugName = `看板药${tag}`;
  const supplierName = `看板供应商${tag}`;
  let drugId: string;
  let supplierId: string;
  let today: string;

  beforeAll(async () => {
    sys = await boot('production', await systemSettings('production', { CLINIC_TIMEZONE: 'Asia/Shanghai' }), 'h5-dashboard');
    admin = await clinicAdminApi(sys, clinicId);
    const doctor = await staffApi(admin, `h5d.doctor.${tag}`, ['doctor']);
    const pharmacist = await staffApi(admin, `h5d.pharm.${tag}`, ['pharmacist']);
    const cashier = await staffApi(admin, `h5d.cashier.${tag}`, ['cashier']);

    supplierId = (await pharmacist.post('/suppliers', { name: supplierName })).body.id;
    const drug = await pharmacist.post('/drugs', { name: drugName, spec: '0.5g*12片', unit: '盒', priceFen: 1250, reorderLevel: 5 });
    if (drug.status !== 201) throw new Error(`creating the drug: ${drug.status} ${JSON.stringify(drug.body)}`);
    drugId = drug.body.id;
    const received = await pharmacist.post('/stock-ins', { supplierId, items: [{ drugId, batchNo: `D1-${tag}`, expiryDate: clinicDay(300), quantity: 12, unitCostFen: 800 }] });
    if (received.status !== 201) throw new Error(`stock-in: ${received.status} ${JSON.stringify(received.body)}`);

    await awayFromMidnight();
    today = clinicDay(0);
    /** A walk-in visit today; with a quantity, a prescription of the drug paid at the desk and dispensed. */
    const visit = async (name: string, rx?: { quantity: number; payment: Record<string, unknown> }) => {
      const patient = await admin.post('/patients', { name, gender: 'F', birthDate: '1975-05-05', phone: '13100005555' });
      if (patient.status !== 201) throw new Error(`patient: ${patient.status} ${JSON.stringify(patient.body)}`);
      const encounter = await doctor.post('/encounters', { patientId: patient.body.id });
      if (encounter.status !== 201) throw new Error(`encounter: ${encounter.status} ${JSON.stringify(encounter.body)}`);
      if (!rx) return;
      const items = [{ drugId, dosage: '1片', frequency: 'bid', route: '口服', days: 3, quantity: rx.quantity }];
      const prescription = (await doctor.post(`/encounters/${encounter.body.id}/prescriptions`, { items })).body;
      expect((await doctor.post(`/prescriptions/${prescription.id}/sign`)).body.status).toBe('SIGNED');
      // Billing makes the bill from the signature's event.
      const bill = await eventually(async () => (await cashier.get(`/bills?patientId=${patient.body.id}`)).body.items?.[0]);
      expect(bill).toMatchObject({ totalFen: rx.quantity * 1250, status: 'OPEN' });
      const paid = await cashier.post(`/bills/${bill.id}/payments`, rx.payment, { headers: { 'idempotency-key': randomUUID() } });
      if (paid.status !== 201) throw new Error(`payment: ${paid.status} ${JSON.stringify(paid.body)}`);
      await waitForStatus(sys, prescription.id, 'READY');
      expect((await pharmacist.post(`/prescriptions/${prescription.id}/dispense`, {})).status).toBe(200);
    };
    await visit(`看板甲${tag.slice(0, 2)}`, { quantity: 6, payment: { method: 'CASH', amountFen: 7500, tenderedFen: 10000 } });
    await visit(`看板乙${tag.slice(0, 2)}`, { quantity: 4, payment: { method: 'CARD', amountFen: 5000 } });
    await visit(`看板丙${tag.slice(0, 2)}`);
    browser = await launchChromium();
  }, 360_000); // room for waiting out the clinic's midnight
  afterAll(async () => {
    await browser?.close();
    await sys?.stop();
  });

  const text = async (page: Page, selector: string) => (await page.locator(selector).innerText()).trim();
  const texts = async (page: Page, selector: string) => (await page.locator(selector).allInnerTexts()).map((t) => t.trim());
  const reorderOf = async (coverDays: number) => {
    const res = await admin.get(`/stats/pharmacy?from=${clinicDay(-29)}&to=${today}&coverDays=${coverDays}`);
    expect(res.status).toBe(200);
    return res.body.reorder;
  };

  it('shows this month’s figures, drills into the day and a ranking, and drafts the suggested stock-in', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    try {
      await page.goto(sys.baseUrl);
      await page.locator('.login-username input').fill(`admin.${clinicId}`);
      await page.locator('.login-password input').fill(STAFF_PASSWORD);
      await page.locator('.login-submit').click();
      await page.locator('.home-greeting').waitFor();
      await page.locator('.tile-dashboard').click();

      // 上月: nothing happened in this clinic. The period line appears only once the reply for that period is in.
      const before = lastMonth(today);
      await page.locator('.dash-preset-last-month').click();
      await page.locator('.dash-period-text', { hasText: `${before.from} 至 ${before.to}` }).waitFor();
      expect(await text(page, '.dash-headline-visits .dash-headline-value')).toBe('0');
      expect(await text(page, '.dash-headline-net .dash-headline-value')).toBe('¥0.00');
      expect(await text(page, '.dash-visits-by-day .chart-empty')).toBe('没有数据');

      // 本月: the month's first day to today.
      const monthStart = `${today.slice(0, 8)}01`;
      await page.locator('.dash-preset-this-month').click();
      await page.locator('.dash-period-text', { hasText: `${monthStart} 至 ${today}` }).waitFor();
      expect(await page.locator('.dash-preset-this-month').getAttribute('class')).toContain('chip--active');
      const headline = (key: string) => text(page, `.dash-headline-${key} .dash-headline-value`);
      expect(await headline('visits')).toBe('3');
      expect(await headline('new-patients')).toBe('3');
      expect(await headline('received')).toBe('¥125.00');
      expect(await headline('refunded')).toBe('¥0.00');
      expect(await headline('net')).toBe('¥125.00');
      expect(await headline('average-bill')).toBe('¥62.50');
      // The previous period (as many days, before this month) had nothing: no percentage to give, only the arrow.
      expect(await text(page, '.dash-headline-net .dash-headline-previous')).toBe('上期 ¥0.00');
      expect(await text(page, '.dash-headline-visits .dash-change')).toBe('↑ 上期为 0');

      // One bar a day from the 1st; today's is the only one with visits, so it is the full height.
      const todayIndex = Number(today.slice(8)) - 1;
      const visitValues = await texts(page, '.dash-chart-visits-by-day .chart-value');
      expect(visitValues).toEqual(Array.from({ length: todayIndex + 1 }, (_, i) => (i === todayIndex ? '3' : '0')));
      expect(await page.locator(`.dash-chart-visits-by-day .chart-bar-${todayIndex}`).getAttribute('style')).toMatch(/height:\s*100%/);
      // Money by day lists only the days with takings, in whole yuan on the bar.
      expect(await texts(page, '.dash-chart-money-by-day .chart-value')).toEqual(['125']);
      expect(await texts(page, '.dash-chart-money-by-day .chart-label')).toEqual([`${Number(today.slice(5, 7))}/${Number(today.slice(8))}`]);

      // Tapping today's bar opens the day's own figures, asked for that day alone.
      const todayBar = page.locator('.dash-chart-visits-by-day .chart-col').nth(todayIndex);
      await todayBar.click();
      await page.locator('.dash-drill-title', { hasText: `${today} 当日` }).waitFor();
      await page.locator('.dash-drill-visits').waitFor();
      expect(await text(page, '.dash-drill-visits')).toBe('3');
      expect(await text(page, '.dash-drill-net')).toBe('¥125.00');
      expect(await todayBar.getAttribute('class')).toContain('chart-col--chosen');
      await page.locator('.dash-drill-close').click();
      expect(await page.locator('.dash-drill').count()).toBe(0);

      // Tapping a ranking opens all of it: by payment method, largest first, each with its share.
      await page.locator('.dash-money-methods .chart-rank-row').first().click();
      await page.locator('.dash-drill-title', { hasText: '支付方式' }).waitFor();
      expect(await texts(page, '.dash-drill-list .chart-rank-label')).toEqual(['现金', '银行卡']);
      expect(await texts(page, '.dash-drill-list .chart-rank-value')).toEqual(['¥75.00', '¥50.00']);
      expect(await texts(page, '.dash-drill-list .chart-rank-detail')).toEqual(['占 60.0%', '占 40.0%']);
      await page.locator('.dash-drill-close').click();

      // 补货建议 from the board: the page lists what GET /stats/pharmacy suggests for the board's 30 days' cover.
      const suggested30 = await reorderOf(30);
      expect(suggested30).toEqual([{ drugId, name: drugName, spec: '0.5g*12片', unit: '盒', available: 2, dailyUse: 0.33, suggestQuantity: 8, lastSupplierId: supplierId, lastUnitCostFen: 800 }]);
      expect(await text(page, '.dash-reorder-link')).toBe('补货建议（1）');
      await page.locator('.dash-reorder-link').click();
      const row = page.locator('.reorder-row');
      await row.first().waitFor();
      expect(await row.count()).toBe(1);
      expect(await row.innerText()).toContain(drugName);
      expect(await row.innerText()).toContain('可用 2 盒 · 日均 0.33 盒 · 约 6 天用完');
      expect(await row.innerText()).toContain('上次进价 ¥8.00/盒');
      expect(await text(page, '.reorder-quantity')).toBe(`建议 ${suggested30[0].suggestQuantity} 盒`);

      // Sixty days' cover, asked again: the page follows the server's figure.
      const suggested60 = await reorderOf(60);
      expect(suggested60.map((r: { drugId: string; suggestQuantity: number }) => [r.drugId, r.suggestQuantity])).toEqual([[drugId, 18]]);
      await page.locator('.reorder-cover-days input').fill('60');
      await page.locator('.reorder-query').click();
      await page.locator('.reorder-quantity', { hasText: '建议 18 盒' }).waitFor();
      expect(await row.getAttribute('class')).toContain('reorder-row--chosen');

      // The draft goes through storage to the stock-in page, which takes it once.
      await page.locator('.reorder-draft').click();
      await page.locator('.si-draft-note').waitFor();
      expect(page.url()).toContain('/pages/stock-in/index?draft=1');
      expect(await text(page, '.si-draft-note')).toBe('已从补货建议带入 1 种药品：到货后请填写批号与效期，并核对数量与进价');
      expect(await page.locator('.si-line').count()).toBe(1);
      expect(await text(page, '.si-line-1 .si-line-drug')).toBe(`1. ${drugName} 0.5g*12片`);
      expect(await page.locator('.si-line-1 .si-quantity input').inputValue()).toBe('18');
      expect(await page.locator('.si-line-1 .si-cost input').inputValue()).toBe('8.00');
      expect(await page.locator('.si-line-1 .si-batch input').inputValue()).toBe('');
      await page.locator('.si-supplier.chip--active', { hasText: supplierName }).waitFor();
      const stored = (await page.context().storageState()).origins.flatMap((origin) => origin.localStorage.map((item) => item.name));
      expect(stored).toContain('clinic.session');
      expect(stored).not.toContain('clinic.stock-in-draft');

      // On delivery: batch and expiry, and the receipt goes in as drafted; nothing is left to suggest.
      await page.locator('.si-line-1 .si-batch input').fill(`D2-${tag}`);
      await page.locator('.si-line-1 .si-expiry .field-input input').fill(clinicDay(400));
      expect(await text(page, '.si-total-value')).toBe('合计 ¥144.00');
      await page.locator('.si-submit').click();
      await page.locator('.si-receipt-row', { hasText: '¥144.00' }).waitFor();
    } finally {
      await page.close();
    }
    expect(await queryService(sys, 'pharmacy', 'SELECT batch_no, quantity, unit_cost_fen FROM batches WHERE drug_id = ? ORDER BY batch_no', [drugId])).toEqual([
      { batch_no: `D1-${tag}`, quantity: 2, unit_cost_fen: 800 },
      { batch_no: `D2-${tag}`, quantity: 18, unit_cost_fen: 800 },
    ]);
    expect(await reorderOf(30)).toEqual([]);
  });
});
