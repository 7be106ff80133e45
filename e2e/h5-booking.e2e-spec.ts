import type { Browser, Page } from 'playwright-core';
import { adminApi, patientApi, STAFF_PASSWORD, staffApi } from './support/actors';
import { noonZone } from './support/clinic-zone';
import { launchChromium } from './support/browser';
import { boot, systemSettings, type RunningSystem } from './support/system';

/** The day at the clinic in three browsers: a patient books and cancels, the desk checks them in, the doctor calls. */
describe('H5: book, cancel, check in and call', () => {
  let sys: RunningSystem;
  let browser: Browser;
  let patientSession: object;
  const { zone, today } = noonZone();

  beforeAll(async () => {
    sys = await boot('production', await systemSettings('production', { CLINIC_TIMEZONE: zone }), 'h5-booking');
    const admin = await adminApi(sys.baseUrl);
    await staffApi(admin, 'h5b.desk', ['receptionist']);
    const dept = (await admin.post('/departments', { name: '全科门诊' })).body.id;
    const doctor = await staffApi(admin, 'h5b.doctor', ['doctor'], { departmentId: dept, title: '主治医师', specialty: '常见病' });
    expect((await admin.post('/schedules', { doctorId: doctor.userId, date: today, period: 'AM', startTime: '00:00', endTime: '23:59', capacity: 20 })).status).toBe(201);
    // The patient account, its privacy consent and its family come from the API; the booking happens in the page.
    const account = await patientApi(sys.baseUrl, 'h5-booking-patient');
    await account.post('/patients', { name: '林小雨', gender: 'F', birthDate: '1995-04-04', phone: '13612340000', relationship: '本人' });
    const login = await account.post('/auth/wechat/login', { code: 'h5-booking-patient' });
    patientSession = { kind: 'account', accessToken: login.body.accessToken, refreshToken: login.body.refreshToken, account: login.body.account };
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await sys?.stop();
  });

  async function asPatient(): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 375, height: 812 } });
    // The client keeps its session in localStorage (Taro wraps the value as { data }); signing in is tested elsewhere.
    await page.addInitScript((session) => {
      (globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }).localStorage.setItem('clinic.session', JSON.stringify({ data: session }));
    }, patientSession);
    return page;
  }

  async function asStaff(username: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(sys.baseUrl);
    await page.locator('.login-username input').fill(username);
    await page.locator('.login-password input').fill(STAFF_PASSWORD);
    await page.locator('.login-submit').click();
    await page.locator('.home-greeting').waitFor();
    return page;
  }

  async function book(page: Page) {
    await page.goto(`${sys.baseUrl}/#/pages/booking/index`);
    await page.locator('.book-department', { hasText: '全科门诊' }).click();
    await page.locator('.book-doctor', { hasText: '测试h5b.doctor' }).click();
    await page.locator('.book-shift').first().click();
    await page.locator('.book-patient', { hasText: '林小雨' }).click();
    await page.locator('.book-confirm').click();
    await page.getByText('预约成功').waitFor();
  }

  it('runs the whole morning through the pages', async () => {
    const patient = await asPatient();
    await book(patient);
    await patient.goto(`${sys.baseUrl}/#/pages/appointments/index`);
    const row = patient.locator('.appt-row').first();
    await row.locator('.appt-status', { hasText: '已预约' }).waitFor();
    await row.locator('.appt-cancel').click();
    await patient.getByText('取消预约', { exact: true }).last().click();
    await patient.locator('.appt-row .appt-status', { hasText: '已取消' }).first().waitFor();

    await book(patient); // booked again after cancelling: the freed place is taken back

    const desk = await asStaff('h5b.desk');
    await desk.goto(`${sys.baseUrl}/#/pages/desk/index`);
    await desk.locator('.desk-shift', { hasText: '测试h5b.doctor' }).first().click();
    const deskRow = desk.locator('.desk-appt', { hasText: '林小雨' }).filter({ has: desk.locator('.desk-checkin') }).first();
    await deskRow.locator('.desk-checkin').click();
    await desk.locator('.desk-appt', { hasText: '已签到' }).first().waitFor();

    const doctor = await asStaff('h5b.doctor');
    await doctor.goto(`${sys.baseUrl}/#/pages/doctor-queue/index`);
    await doctor.locator('.queue-call-next').click();
    const current = doctor.locator('.queue-current');
    await current.waitFor();
    expect(await current.innerText()).toContain('林小雨');

    await patient.goto(`${sys.baseUrl}/#/pages/appointments/index`);
    await patient.locator('.appt-row .appt-status', { hasText: '就诊中' }).first().waitFor();
    for (const p of [patient, desk, doctor]) await p.close();
  });
});
