import type { Browser } from 'playwright-core';
import { ADMIN_PASSWORD } from './support/settings';
import { launchChromium } from './support/browser';
import { boot, type RunningSystem } from './support/system';

/** The H5 build, served by the gateway, in Debian's headless Chromium: the admin signs in through the page. */
describe('H5 client in a browser', () => {
  let sys: RunningSystem;
  let browser: Browser;

  beforeAll(async () => {
    sys = await boot('embedded', undefined, 'h5-login');
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await sys?.stop();
  });

  it.each([
    ['tablet', { width: 1280, height: 800 }],
    ['phone', { width: 375, height: 812 }],
  ])('signs the admin in on a %s and shows the role home page', async (_name, viewport) => {
    const page = await browser.newPage({ viewport });
    try {
      await page.goto(sys.baseUrl);
      await page.locator('.login-username input').fill('admin');
      await page.locator('.login-password input').fill('wrong password');
      await page.locator('.login-submit').click();
      await page.getByText('用户名或密码错误').waitFor();

      await page.locator('.login-password input').fill(ADMIN_PASSWORD);
      await page.locator('.login-submit').click();
      const greeting = page.locator('.home-greeting');
      await greeting.waitFor();
      expect(await greeting.innerText()).toContain('系统管理员');
      await page.getByText('管理员').first().waitFor();
      await page.getByText('科室管理').waitFor();
      expect(page.url()).toContain('pages/home/index');
    } finally {
      await page.close();
    }
  });
});
