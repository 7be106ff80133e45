import { randomUUID } from 'node:crypto';
import { pdfText } from '@clinic/platform/src/pdf/pdf-text';
import type { Api } from './support/api';
import { adminApi, patientApi, staffApi } from './support/actors';
import { eventually, queryService } from './support/db';
import { boot, type RunningSystem } from './support/system';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const line = (drugId: string, extra: Record<string, unknown> = {}) => ({ drugId, dosage: '1片', frequency: 'tid', route: '口服', days: 3, quantity: 1, ...extra });

/** Prescribing on MariaDB + Redis: the rules, allergies, and signing that reserves stock in pharmacy. */
describe('prescriptions (production topology)', () => {
  let sys: RunningSystem;
  let doctor: Api & { userId: string };
  let other: Api & { userId: string };
  let pharmacist: Api;
  let desk: Api;
  let supplierId: string;
  const tag = randomUUID().slice(0, 6);
  let n = 0;

  const drug = async (stock: number, extra: Record<string, unknown> = {}) => {
    n++;
    const id = (await pharmacist.post('/drugs', { name: `处方药${tag}-${n}`, spec: '10mg*20片', unit: '盒', priceFen: 1000 + n, reorderLevel: 1, ...extra })).body.id as string;
    if (stock > 0) await pharmacist.post('/stock-ins', { supplierId, items: [{ drugId: id, batchNo: `B${n}`, expiryDate: day(300), quantity: stock, unitCostFen: 500 }] });
    return id;
  };
  const encounter = async (allergies: string[] = [], name = '处方患者') => {
    const patientId = (await desk.post('/patients', { name, gender: 'M', birthDate: '1970-07-01', phone: '13600009999', allergies: { drugClasses: allergies } })).body.id;
    const res = await doctor.post('/encounters', { patientId });
    if (res.status !== 201) throw new Error(`encounter: ${JSON.stringify(res.body)}`);
    return res.body as { id: string; patientId: string };
  };
  const batch = async (drugId: string) => (await queryService(sys, 'pharmacy', 'SELECT quantity, reserved FROM batches WHERE drug_id = ?', [drugId]))[0];

  beforeAll(async () => {
    sys = await boot('production', undefined, 'prescriptions');
    const admin = await adminApi(sys.baseUrl);
    const dept = (await admin.post('/departments', { name: `处方科${tag}` })).body.id;
    doctor = await staffApi(admin, `rx.doctor.${tag}`, ['doctor'], { departmentId: dept });
    other = await staffApi(admin, `rx.other.${tag}`, ['doctor']);
    pharmacist = await staffApi(admin, `rx.pharm.${tag}`, ['pharmacist']);
    desk = await staffApi(admin, `rx.desk.${tag}`, ['receptionist']);
    supplierId = (await pharmacist.post('/suppliers', { name: `处方供应商${tag}` })).body.id;
  });
  afterAll(() => sys?.stop());

  it('holds every prescribing rule, each with its own code', async () => {
    const enc = await encounter();
    const plain = await Promise.all(Array.from({ length: 6 }, () => drug(10)));
    const narcotic = await drug(10, { controlClass: 'NARCOTIC' });
    const psychotropic = await drug(10, { controlClass: 'PSYCHOTROPIC_2' });
    const toxic = await drug(10, { controlClass: 'TOXIC' });
    const prescribe = (body: Record<string, unknown>) => doctor.post(`/encounters/${enc.id}/prescriptions`, body);
    const checks: [string, Record<string, unknown>, number, string][] = [
      ['six drugs', { items: plain.map((d) => line(d)) }, 400, 'PRESCRIPTION.TOO_MANY_DRUGS'],
      ['8 days, no reason', { items: [line(plain[0], { days: 8 })] }, 400, 'PRESCRIPTION.DAYS_OVER_LIMIT'],
      ['emergency 4 days, even with a reason', { kind: 'EMERGENCY', overLimitReason: '路远', items: [line(plain[0], { days: 4 })] }, 400, 'PRESCRIPTION.DAYS_OVER_LIMIT'],
      ['narcotic 4 days', { items: [line(narcotic, { days: 4 })] }, 400, 'PRESCRIPTION.CONTROLLED_LIMIT'],
      ['class-2 psychotropic 8 days, even with a reason', { overLimitReason: '慢病', items: [line(psychotropic, { days: 8 })] }, 400, 'PRESCRIPTION.CONTROLLED_LIMIT'],
      ['toxic 3 days', { items: [line(toxic, { days: 3 })] }, 400, 'PRESCRIPTION.CONTROLLED_LIMIT'],
      ['the same drug twice', { items: [line(plain[0]), line(plain[0])] }, 400, 'VALIDATION.FAILED'],
      ['an unknown drug', { items: [line(randomUUID())] }, 400, 'VALIDATION.FAILED'],
      ['an unknown frequency', { items: [line(plain[0], { frequency: 'tds' })] }, 400, 'VALIDATION.FAILED'],
    ];
    const results = [];
    for (const [what, body] of checks) results.push([what, ...(await prescribe(body).then((r) => [r.status, r.body.code]))]);
    expect(results).toEqual(checks.map(([what, , status, code]) => [what, status, code]));
    // What the rules allow.
    expect((await prescribe({ items: plain.slice(0, 5).map((d) => line(d)) })).status).toBe(201);
    expect((await prescribe({ overLimitReason: '高血压长期服药', items: [line(plain[0], { days: 30, quantity: 3 })] })).body).toMatchObject({ status: 'DRAFT', overLimitReason: '高血压长期服药' });
    expect((await prescribe({ kind: 'EMERGENCY', items: [line(narcotic, { days: 3 })] })).status).toBe(201);
    expect((await other.post(`/encounters/${enc.id}/prescriptions`, { items: [line(plain[0])] })).body.code).toBe('ENCOUNTER.NOT_OWN');
    console.log(`prescription rules checked: ${checks.length} refusals, 3 allowed cases`);
  });

  it('warns of an allergy and takes an override only with a reason, audited', async () => {
    const amoxicillin = await drug(10, { allergyClass: 'PENICILLIN' });
    const enc = await encounter(['PENICILLIN'], '青霉素过敏者');
    const warned = await doctor.post(`/encounters/${enc.id}/prescriptions`, { items: [line(amoxicillin)] });
    expect(warned.status).toBe(409);
    expect(warned.body).toMatchObject({ code: 'PRESCRIPTION.ALLERGY', details: [{ drugId: amoxicillin, allergyClass: 'PENICILLIN' }] });
    const confirmed = await doctor.post(`/encounters/${enc.id}/prescriptions`, { items: [line(amoxicillin)], allergyOverrideReason: '皮试阴性，患者知情同意' });
    expect(confirmed.status).toBe(201);
    expect(confirmed.body.allergyOverrideReason).toBe('皮试阴性，患者知情同意');
    expect(await queryService(sys, 'patient', "SELECT actor_id FROM audit_log WHERE action = 'ALLERGY_OVERRIDE' AND patient_id = ?", [enc.patientId])).toEqual([{ actor_id: doctor.userId }]);
  });

  it('signs nothing and reserves nothing when one drug is short, naming it and what is left', async () => {
    const plenty = await drug(20);
    const scarce = await drug(1);
    const enc = await encounter();
    const rx = (await doctor.post(`/encounters/${enc.id}/prescriptions`, { items: [line(plenty, { quantity: 2 }), line(scarce, { quantity: 2 })] })).body;
    const refused = await doctor.post(`/prescriptions/${rx.id}/sign`);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'STOCK.INSUFFICIENT', details: [{ drugId: scarce, requested: 2, available: 1 }] });
    expect((await doctor.get(`/prescriptions/${rx.id}`)).body.status).toBe('DRAFT');
    expect(await batch(plenty)).toEqual({ quantity: 20, reserved: 0 });
    expect(await queryService(sys, 'pharmacy', 'SELECT COUNT(*) AS n FROM pharmacy_orders WHERE prescription_id = ?', [rx.id])).toEqual([{ n: 0 }]);
  });

  it('reserves once when signed twice at once, publishes prescription.signed once, and a cancel releases it', async () => {
    const d = await drug(10);
    const enc = await encounter([], '王熙凤');
    const rx = (await doctor.post(`/encounters/${enc.id}/prescriptions`, { items: [line(d, { quantity: 3 })] })).body;
    const signed = await Promise.all([doctor.post(`/prescriptions/${rx.id}/sign`), doctor.post(`/prescriptions/${rx.id}/sign`)]);
    expect(signed.map((r) => [r.status, r.body.status])).toEqual([[200, 'SIGNED'], [200, 'SIGNED']]);
    expect(signed[0].body).toMatchObject({ totalFen: 3 * (1000 + n), lines: [{ quantity: 3, unitPriceFen: 1000 + n, amountFen: 3 * (1000 + n) }] });
    expect(await batch(d)).toEqual({ quantity: 10, reserved: 3 });
    expect(await queryService(sys, 'pharmacy', "SELECT COUNT(*) AS n FROM stock_ledger WHERE source_id = ? AND type = 'RESERVE'", [rx.id])).toEqual([{ n: 1 }]);
    const events = await eventually(async () => {
      const rows = await queryService(sys, 'patient', "SELECT payload FROM outbox_events WHERE event_name = 'patient.prescription.signed.1' AND published_at IS NOT NULL");
      const mine = rows.map((r) => JSON.parse(r.payload)).filter((p) => p.prescriptionId === rx.id);
      return mine.length ? mine : null;
    });
    expect(events).toEqual([expect.objectContaining({ totalFen: 3 * (1000 + n), lines: [expect.objectContaining({ drugId: d, quantity: 3 })] })]);

    // The sheet: patient, diagnosis-free encounter, drug, doctor.
    const pdf = await doctor.bytes(`/prescriptions/${rx.id}/pdf`);
    expect(pdf.headers.get('content-type')).toContain('application/pdf');
    const text = (await pdfText(pdf.body)).text.replace(/\s+/g, '');
    for (const s of ['普通处方笺', '王熙凤', `处方药${tag}-${n}`, '每次1片', '每日三次']) expect(text).toContain(s);

    expect((await other.post(`/prescriptions/${rx.id}/cancel`, { reason: '别人的' })).body.code).toBe('ENCOUNTER.NOT_OWN');
    const cancelled = await doctor.post(`/prescriptions/${rx.id}/cancel`, { reason: '患者拒绝取药' });
    expect(cancelled.body.status).toBe('CANCELLED');
    expect(await batch(d)).toEqual({ quantity: 10, reserved: 0 });
    expect((await doctor.post(`/prescriptions/${rx.id}/sign`)).body.code).toBe('PRESCRIPTION.NOT_SIGNED');
    expect(await eventually(async () => (await queryService(sys, 'patient', "SELECT COUNT(*) AS n FROM outbox_events WHERE event_name = 'patient.prescription.cancelled.1' AND payload LIKE ?", [`%${rx.id}%`]))[0].n === 1)).toBe(true);
  });

  it('shows a patient account its own signed prescriptions and nobody else\'s (404)', async () => {
    const d = await drug(5);
    const account = await patientApi(sys.baseUrl, `rx-${tag}`);
    const stranger = await patientApi(sys.baseUrl, `rx-x-${tag}`);
    const own = (await account.post('/patients', { name: '史湘云', gender: 'F', birthDate: '1995-02-02', phone: '13600001111', relationship: '本人' })).body.id;
    const enc = (await doctor.post('/encounters', { patientId: own })).body;
    const rx = (await doctor.post(`/encounters/${enc.id}/prescriptions`, { items: [line(d)] })).body;
    expect((await account.get(`/prescriptions/${rx.id}`)).status).toBe(404); // a draft is the doctor's
    await doctor.post(`/prescriptions/${rx.id}/sign`);
    expect((await account.get(`/prescriptions/${rx.id}`)).body).toMatchObject({ patientName: '史湘云', status: 'SIGNED' });
    expect((await account.get('/prescriptions')).body.items.map((p: { id: string }) => p.id)).toEqual([rx.id]);
    expect((await stranger.get(`/prescriptions/${rx.id}`)).status).toBe(404);
    expect((await stranger.bytes(`/prescriptions/${rx.id}/pdf`)).status).toBe(404);
    expect((await stranger.get('/prescriptions')).body.items).toEqual([]);
  });
});
