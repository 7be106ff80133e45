import type { Browser } from 'playwright-core';
import { adminApi, idCardFor, STAFF_PASSWORD, staffApi } from './support/actors';
import { launchChromium } from './support/browser';
import { boot, type RunningSystem } from './support/system';

/** At the desk, on a tablet: a receptionist registers a walk-in patient and finds them by phone. */
describe('H5: receptionist registers a patient and finds them by phone', () => {
  let sys: RunningSystem;
  let browser: Browser;

  beforeAll(async () => {
    sys = await boot('production', undefined, 'h5-registration');
    await staffApi(await adminApi(sys.baseUrl), 'h5.reception', ['receptionist']);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await sys?.stop();
  });

  it('registers with the ID card checked as it is typed, then finds the patient by phone', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const idCard = idCardFor('1979-09-09', 'F', 31);
    try {
      await page.goto(sys.baseUrl);
      await page.locator('.login-username input').fill('h5.reception');
      await page.locator('.login-password input').fill(STAFF_PASSWORD);
      await page.locator('.login-submit').click();
      await page.locator('.tile-patients').click();
      await page.getByText('登记新患者').first().click();

      await page.locator('.reg-name input').fill('赵雅琴');
      await page.locator('.reg-id-card input').fill(`${idCard.slice(0, 17)}${idCard[17] === '0' ? '1' : '0'}`);
      await page.getByText('身份证号校验失败').waitFor();
      await page.locator('.reg-id-card input').fill(idCard);
      // A valid number fills in the birth date it carries.
      await page.waitForFunction(() => {
        const input = (globalThis as unknown as { document: { querySelector(s: string): { value?: string } | null } }).document.querySelector('.reg-birth-date input');
        return input?.value === '1979-09-09';
      });
      await page.locator('.reg-gender-f').click();
      await page.locator('.reg-phone input').fill('13655556666');
      await page.locator('.reg-submit').click();
      const recordNo = (await page.locator('.reg-record-no').innerText()).trim();
      expect(recordNo).toMatch(/^MR\d{8}$/);

      await page.goto(`${sys.baseUrl}/#/pages/patients/index`);
      await page.locator('.patients-search input').fill('13655556666');
      await page.locator('.patients-search-submit').click();
      const row = page.locator('.patient-row').filter({ hasText: '赵雅琴' });
      await row.waitFor();
      expect(await row.innerText()).toContain(recordNo);
      expect(await page.locator('.patient-row').count()).toBe(1);
    } finally {
      await page.close();
    }
  });
});
