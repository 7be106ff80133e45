import type { Browser, Page } from 'playwright-core';
import { adminApi, STAFF_PASSWORD, staffApi } from './support/actors';
import { launchChromium } from './support/browser';
import { noonZone } from './support/clinic-zone';
import { queryService } from './support/db';
import { boot, systemSettings, type RunningSystem } from './support/system';

/** A calendar date `days` from now, YYYY-MM-DD. */
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/**
 * The doctor's workstation on a tablet: call the checked-in patient, write and sign the record with an ICD-10
 * diagnosis, prescribe a drug in stock and sign the prescription, which reserves the stock in pharmacy.
 */
describe('H5: the doctor sees a patient from the queue to a signed prescription', () => {
  let sys: RunningSystem;
  let browser: Browser;
  const { zone, today } = noonZone();
  // Names of this run: the production-topology schemas outlive a run.
  const tag = Date.now().toString(36).toUpperCase();
  const doctorName = `h5v.doctor.${tag.toLowerCase()}`;
  const drugName = `阿莫西林胶囊${tag}`;
  const patientName = `林${tag.slice(-3)}`;
  let drugId: string;
  let appointmentId: string;

  beforeAll(async () => {
    sys = await boot('production', await systemSettings('production', { CLINIC_TIMEZONE: zone }), 'h5-visit');
    const admin = await adminApi(sys.baseUrl);
    const dept = await admin.post('/departments', { name: `呼吸内科${tag}` });
    if (dept.status !== 201) throw new Error(`creating the department: ${dept.status} ${JSON.stringify(dept.body)}`);
    const doctor = await staffApi(admin, doctorName, ['doctor'], { departmentId: dept.body.id, title: '主治医师' });
    const desk = await staffApi(admin, `h5v.desk.${tag.toLowerCase()}`, ['receptionist']);

    // The pharmacy's side, by the admin through the API: a supplier, the drug, 20 boxes in stock.
    const supplier = await admin.post('/suppliers', { name: `国药控股${tag}` });
    if (supplier.status !== 201) throw new Error(`creating the supplier: ${supplier.status} ${JSON.stringify(supplier.body)}`);
    const drug = await admin.post('/drugs', { name: drugName, genericName: '阿莫西林', spec: '0.25g*24粒', unit: '盒', packSize: 24, priceFen: 1850, reorderLevel: 5 });
    if (drug.status !== 201) throw new Error(`creating the drug: ${drug.status} ${JSON.stringify(drug.body)}`);
    drugId = drug.body.id;
    const stockIn = await admin.post('/stock-ins', {
      supplierId: supplier.body.id,
      items: [{ drugId, batchNo: `V-${tag}`, expiryDate: inDays(300), quantity: 20, unitCostFen: 950 }],
    });
    if (stockIn.status !== 201) throw new Error(`stock-in: ${stockIn.status} ${JSON.stringify(stockIn.body)}`);

    // Today's shift, and the patient booked and checked in at the desk.
    const shift = await admin.post('/schedules', { doctorId: doctor.userId, date: today, period: 'AM', startTime: '00:00', endTime: '23:59', capacity: 20 });
    if (shift.status !== 201) throw new Error(`creating the shift: ${shift.status} ${JSON.stringify(shift.body)}`);
    const patient = await desk.post('/patients', { name: patientName, gender: 'F', birthDate: '1990-05-05', phone: '13700001234' });
    if (patient.status !== 201) throw new Error(`registering the patient: ${patient.status} ${JSON.stringify(patient.body)}`);
    const booked = await desk.post('/appointments', { patientId: patient.body.id, scheduleId: shift.body.id });
    if (booked.status !== 201) throw new Error(`booking: ${booked.status} ${JSON.stringify(booked.body)}`);
    appointmentId = booked.body.id;
    const checkedIn = await desk.post(`/appointments/${appointmentId}/check-in`, {});
    if (checkedIn.status >= 300) throw new Error(`check-in: ${checkedIn.status} ${JSON.stringify(checkedIn.body)}`);

    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await sys?.stop();
  });

  async function signIn(): Promise<Page> {
    // The browser's day is the clinic's day, so "today's shift" on the queue page is the one made above.
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, timezoneId: zone });
    const page = await context.newPage();
    await page.goto(sys.baseUrl);
    await page.locator('.login-username input').fill(doctorName);
    await page.locator('.login-password input').fill(STAFF_PASSWORD);
    await page.locator('.login-submit').click();
    await page.locator('.home-greeting').waitFor();
    return page;
  }

  /** The confirm button of Taro's modal (added last to the page, after the button that opened it). */
  const confirm = (page: Page, text: string) => page.getByText(text, { exact: true }).last().click();

  it('calls, records, diagnoses, signs, prescribes and signs the prescription', async () => {
    const page = await signIn();
    try {
      await page.locator('.tile-consultation').click();
      await page.locator('.queue-waiting-row', { hasText: patientName }).waitFor();

      const started = Date.now();
      await page.locator('.queue-call-next').click();
      await page.locator('.queue-current', { hasText: patientName }).waitFor();
      await page.locator('.queue-encounter').click();

      // 病历: chief complaint, present illness, and the diagnosis found by its ICD-10 code.
      await page.locator('.enc-title', { hasText: patientName }).waitFor();
      await page.locator('.emr-chief-complaint input').fill('咽痛伴发热 2 天');
      await page.locator('.emr-present-illness textarea').fill('2 天前受凉后咽痛，最高体温 38.5℃，无咳痰。');
      await page.locator('.emr-icd-search input').fill('J06.9');
      await page.locator('.emr-icd-search-submit').click();
      await page.locator('.emr-icd-result', { hasText: '急性上呼吸道感染' }).first().click();
      const diagnosis = page.locator('.emr-diagnosis', { hasText: '急性上呼吸道感染' });
      await diagnosis.locator('.emr-diagnosis-main').waitFor();
      expect(await diagnosis.innerText()).toContain('J06.900');

      await page.locator('.emr-save').click();
      await page.getByText('病历已保存').waitFor();
      await page.locator('.emr-sign').click();
      await confirm(page, '签署');
      const signedBy = page.locator('.emr-signed');
      await signedBy.waitFor();
      expect(await signedBy.innerText()).toContain(`测试${doctorName}`);

      // 处方: the drug with its live stock, the line, the suggested quantity (0.5g = 2 capsules, tid, 3 days = 1 box).
      await page.locator('.enc-tab-rx').click();
      await page.locator('.rx-drug-query input').fill(drugName);
      await page.locator('.rx-drug-query-submit').click();
      const result = page.locator('.rx-drug-result', { hasText: drugName });
      expect(await result.locator('.rx-drug-available').innerText()).toBe('可用 20 盒');
      await result.click();
      const line = page.locator('.rx-line-1');
      await line.locator('.rx-dosage input').fill('0.5g');
      await line.locator('.rx-freq-tid').click();
      await line.locator('.rx-days input').fill('3');
      expect(await line.locator('.rx-quantity input').inputValue()).toBe('1');
      await page.locator('.rx-save').click();
      await page.locator('.rx-sign').click();
      const signed = page.locator('.rx-item--signed');
      await signed.locator('.rx-view-total-value', { hasText: '¥18.50' }).waitFor();
      const elapsed = Date.now() - started;
      console.log(`visit walk-through: call-next → signed prescription in ${elapsed} ms (screens: queue, encounter, prescription)`);
      expect(await signed.innerText()).toContain('口服 每次0.5g 每日三次 共3天');

      const encounterId = new URL(page.url().replace('/#/', '/')).searchParams.get('id');
      expect(encounterId).toBeTruthy();
      expect(await queryService(sys, 'patient', 'SELECT version, status FROM emr_versions WHERE encounter_id = ?', [encounterId])).toEqual([
        { version: 1, status: 'SIGNED' },
      ]);
      // MariaDB's BOOLEAN is TINYINT(1): the primary diagnosis reads back as 1.
      expect(await queryService(sys, 'patient', 'SELECT code, is_primary FROM encounter_diagnoses WHERE encounter_id = ?', [encounterId])).toEqual([
        { code: 'J06.900', is_primary: 1 },
      ]);
      expect(await queryService(sys, 'patient', 'SELECT status, total_fen FROM prescriptions WHERE encounter_id = ?', [encounterId])).toEqual([
        { status: 'SIGNED', total_fen: 1850 },
      ]);
      expect(await queryService(sys, 'pharmacy', 'SELECT quantity, reserved FROM batches WHERE drug_id = ?', [drugId])).toEqual([{ quantity: 20, reserved: 1 }]);

      // 结束接诊 completes the appointment in the queue as well.
      await page.locator('.enc-tab-emr').click();
      await page.locator('.enc-finish').click();
      await confirm(page, '结束接诊');
      await page.locator('.enc-finished').waitFor();
      expect(await queryService(sys, 'patient', 'SELECT status FROM encounters WHERE id = ?', [encounterId])).toEqual([{ status: 'FINISHED' }]);
      expect(await queryService(sys, 'patient', 'SELECT status FROM appointments WHERE id = ?', [appointmentId])).toEqual([{ status: 'COMPLETED' }]);
    } finally {
      await page.context().close();
    }
  });
});
