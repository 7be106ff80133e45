import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import type { Api } from './support/api';
import { adminApi, idCardFor, patientApi, staffApi } from './support/actors';
import { queryService } from './support/db';
import { TEST_DB_PREFIX, TEST_MYSQL_URL } from './support/settings';
import { boot, type RunningSystem } from './support/system';

const person = (name: string, birthDate: string, gender: 'M' | 'F', serial: number, phone: string, extra: object = {}) => ({
  name,
  gender,
  birthDate,
  phone,
  idCardNo: idCardFor(birthDate, gender, serial),
  ...extra,
});

/** Patients, their accounts and families, masking, and the audit chain, on MariaDB and Redis. */
describe('patient records (production topology)', () => {
  let sys: RunningSystem;
  let admin: Api;
  let reception: Api;
  let doctor: Api;
  let auditor: Api;
  let walkIn: { id: string; medicalRecordNo: string };
  const walkInPerson = person('王小明', '1988-08-08', 'M', 11, '13811112222', {
    address: '上海市徐汇区',
    emergencyContactName: '王大明',
    emergencyContactPhone: '13911112222',
    allergies: { drugClasses: ['PENICILLIN', 'SULFONAMIDE'], note: '皮疹' },
    chronicConditions: ['高血压'],
  });

  beforeAll(async () => {
    sys = await boot('production', undefined, 'patient-records');
    admin = await adminApi(sys.baseUrl);
    reception = await staffApi(admin, 'pr.reception', ['receptionist']);
    doctor = await staffApi(admin, 'pr.doctor', ['doctor']);
    auditor = await staffApi(admin, 'pr.auditor', ['auditor']);
  });
  afterAll(() => sys?.stop());

  it('registers a walk-in with every field; the receptionist sees identifiers in full, a doctor masked, the database only ciphertext', async () => {
    const res = await reception.post('/patients', walkInPerson);
    expect(res.status).toBe(201);
    walkIn = res.body;
    const full = (await reception.get(`/patients/${walkIn.id}`)).body;
    expect(full).toMatchObject({
      phone: '13811112222',
      idCardNo: walkInPerson.idCardNo,
      emergencyContactPhone: '13911112222',
      address: '上海市徐汇区',
      allergies: { drugClasses: ['PENICILLIN', 'SULFONAMIDE'], note: '皮疹' },
      chronicConditions: ['高血压'],
    });
    const cleared = await reception.call('PATCH', `/patients/${walkIn.id}`, { body: { emergencyContactPhone: null, emergencyContactName: null } });
    expect(cleared.body).toMatchObject({ emergencyContactPhone: null, emergencyContactName: null, address: '上海市徐汇区' });
    await reception.call('PATCH', `/patients/${walkIn.id}`, { body: { emergencyContactPhone: '13911112222', emergencyContactName: '王大明' } });
    const masked = (await doctor.get(`/patients/${walkIn.id}`)).body;
    expect(masked.phone).toBe('138****2222');
    expect(masked.idCardNo).toBe(`${walkInPerson.idCardNo.slice(0, 6)}********${walkInPerson.idCardNo.slice(-4)}`);
    expect(masked.emergencyContactPhone).toBe('139****2222');

    const [row] = await queryService(sys, 'patient', 'SELECT * FROM patients WHERE id = ?', [walkIn.id]);
    const raw = JSON.stringify(row);
    for (const secret of ['13811112222', '13911112222', walkInPerson.idCardNo]) expect(raw).not.toContain(secret);
    expect(row.phone_enc).toMatch(/^v1:/);
    expect(row.id_card_enc).toMatch(/^v1:/);
    expect(row.emergency_contact_phone_enc).toMatch(/^v1:/);
  });

  it('asks a patient account for the privacy agreement before any personal data', async () => {
    const fresh = await patientApi(sys.baseUrl, 'pr-no-consent', false);
    expect((await fresh.get('/me')).body).toMatchObject({ kind: 'account', account: { privacyVersion: null } });
    const refused = await fresh.post('/patients', { ...person('甲', '1990-01-01', 'F', 1, '13700000001'), relationship: '本人' });
    expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 403, code: 'PRIVACY.CONSENT_REQUIRED' });
    expect((await fresh.post('/me/privacy-consent', { version: '1999-01' })).status).toBe(400);
  });

  it('keeps each account to its own patients: 404 for everyone else\'s, by id and by search', async () => {
    const a = await patientApi(sys.baseUrl, 'pr-account-a');
    const b = await patientApi(sys.baseUrl, 'pr-account-b');
    const self = await a.post('/patients', { ...person('李华', '1985-05-05', 'F', 21, '13722223333'), relationship: '本人' });
    const child = await a.post('/patients', { ...person('李小华', '2015-06-06', 'M', 22, '13722223333'), relationship: '子女' });
    expect([self.status, child.status]).toEqual([201, 201]);
    const missingRelationship = await a.post('/patients', person('无关系', '2000-01-01', 'M', 23, '13722223334'));
    expect(missingRelationship.body.details).toEqual([{ field: 'relationship', errors: [expect.any(String)] }]);

    const mine = (await a.get('/patients')).body;
    expect(mine.items.map((p: { name: string; relationship: string }) => [p.name, p.relationship]).sort()).toEqual([['李华', '本人'], ['李小华', '子女']]);
    expect(mine.items[0].phone).toBe('137****3333');

    for (const id of [self.body.id, child.body.id, walkIn.id]) {
      for (const [method, body] of [['GET'], ['PATCH', { address: '偷改' }], ['DELETE']] as const) {
        const res = await b.call(method, `/patients/${id}`, { body });
        expect({ id, method, status: res.status, code: res.body?.code }).toEqual({ id, method, status: 404, code: 'NOT_FOUND' });
      }
    }
    const unknown = await b.get('/patients/00000000-0000-4000-8000-000000000000');
    expect(unknown.body).toEqual((await b.get(`/patients/${self.body.id}`)).body); // the same answer whether it exists or not
    expect((await b.get('/patients?query=13722223333')).body).toMatchObject({ total: 0, items: [] });
    expect((await b.get('/patients?query=李')).body.total).toBe(0);
    const [raw] = await queryService(sys, 'patient', 'SELECT address FROM patients WHERE id = ?', [self.body.id]);
    expect(raw.address).toBeNull();

    // The same ID card cannot be registered twice, by anyone.
    const twice = await b.post('/patients', { ...person('李华', '1985-05-05', 'F', 21, '13722223333'), relationship: '本人' });
    expect({ status: twice.status, code: twice.body.code }).toEqual({ status: 409, code: 'PATIENT.ID_CARD_TAKEN' });
  });

  it('holds an account to 10 patients, even when the requests race', async () => {
    const c = await patientApi(sys.baseUrl, 'pr-account-c');
    for (let i = 0; i < 8; i++) expect((await c.post('/patients', { ...person(`家人${i}`, '2000-01-01', 'M', 100 + i, '13733330000'), relationship: '其他' })).status).toBe(201);
    const racing = await Promise.all(
      Array.from({ length: 5 }, (_, i) => c.post('/patients', { ...person(`并发${i}`, '2001-01-01', 'F', 200 + i, '13733330000'), relationship: '其他' })),
    );
    expect(racing.map((r) => r.status).sort()).toEqual([201, 201, 409, 409, 409]);
    expect(racing.filter((r) => r.status === 409).every((r) => r.body.code === 'PATIENT.FAMILY_LIMIT')).toBe(true);
    const [account] = await queryService(sys, 'patient', 'SELECT patient_count FROM accounts WHERE id = ?', [c.accountId]);
    const links = await queryService(sys, 'patient', 'SELECT patient_id FROM account_patients WHERE account_id = ?', [c.accountId]);
    expect([account.patient_count, links.length]).toEqual([10, 10]);
    // Removing one frees a place.
    const one = (await c.get('/patients')).body.items[0].id;
    expect((await c.call('DELETE', `/patients/${one}`)).status).toBe(204);
    expect((await c.post('/patients', { ...person('补位', '2002-02-02', 'M', 300, '13733330000'), relationship: '其他' })).status).toBe(201);
  });

  it('links a desk-registered patient to an account by ID card and phone, once', async () => {
    const d = await patientApi(sys.baseUrl, 'pr-account-d');
    const wrongPhone = await d.post('/patients/link', { idCardNo: walkInPerson.idCardNo, phone: '13800000000', relationship: '本人' });
    expect({ status: wrongPhone.status, code: wrongPhone.body.code }).toEqual({ status: 404, code: 'NOT_FOUND' });
    const linked = await d.post('/patients/link', { idCardNo: walkInPerson.idCardNo, phone: walkInPerson.phone, relationship: '本人' });
    expect(linked.body).toEqual(walkIn);
    expect((await d.get(`/patients/${walkIn.id}`)).body).toMatchObject({ name: '王小明', relationship: '本人', phone: '138****2222' });
    expect((await d.post('/patients/link', { idCardNo: walkInPerson.idCardNo, phone: walkInPerson.phone, relationship: '本人' })).body.code).toBe('PATIENT.ALREADY_LINKED');

    const exported = (await d.get('/me/export')).body;
    expect(exported.patients).toEqual([expect.objectContaining({ id: walkIn.id, phone: '13811112222', idCardNo: walkInPerson.idCardNo })]);

    // Closing the account unlinks; the record stays with the clinic.
    const session = await d.post('/auth/wechat/login', { code: 'pr-account-d' });
    expect((await d.post('/me/close')).status).toBe(204);
    expect((await d.get('/me')).body.code).toBe('AUTH.UNAUTHENTICATED');
    expect((await d.post('/auth/refresh', { refreshToken: session.body.refreshToken })).body.code).toBe('AUTH.REFRESH_INVALID');
    expect((await reception.get(`/patients/${walkIn.id}`)).status).toBe(200);
    const again = await patientApi(sys.baseUrl, 'pr-account-d');
    expect(again.accountId).not.toBe(d.accountId);
    expect((await again.get('/patients')).body.total).toBe(0);
  });

  it('audits every read and write, lets an auditor page and filter it, and detects a row edited in SQL', async () => {
    const log = await auditor.get(`/audit-logs?patientId=${walkIn.id}&pageSize=100`);
    expect(log.status).toBe(200);
    const actions = log.body.items.map((e: { action: string; outcome: string }) => `${e.action}:${e.outcome}`);
    expect(actions).toEqual(expect.arrayContaining(['PATIENT_CREATE:OK', 'PATIENT_READ:OK', 'PATIENT_READ:NOT_FOUND', 'PATIENT_UPDATE:NOT_FOUND', 'PATIENT_LINK:OK', 'PATIENT_EXPORT:OK', 'PATIENT_UNLINK:OK']));
    expect(log.body.items.find((e: { action: string }) => e.action === 'PATIENT_CREATE')).toMatchObject({
      actorKind: 'staff',
      actorName: '测试pr.reception',
      roles: ['receptionist'],
      clientIp: expect.stringContaining('127.0.0.1'),
      requestId: expect.any(String),
    });
    const byRecordNo = await auditor.get(`/audit-logs?medicalRecordNo=${walkIn.medicalRecordNo}&pageSize=100`);
    expect(byRecordNo.body.items.map((e: { seq: number }) => e.seq)).toEqual(log.body.items.map((e: { seq: number }) => e.seq));
    const denied = await auditor.get('/audit-logs?outcome=NOT_FOUND&action=PATIENT_READ');
    expect(denied.body.total).toBeGreaterThanOrEqual(3);
    expect((await doctor.get('/audit-logs')).status).toBe(403);

    const verify = () => {
      try {
        execFileSync(process.execPath, [join(__dirname, '..', 'apps', 'patient-svc', 'dist', 'main.js'), 'audit-verify'], { env: sys.env, stdio: 'pipe' });
        return { code: 0, out: '' };
      } catch (err) {
        const e = err as { status: number; stdout: Buffer };
        return { code: e.status, out: e.stdout.toString() };
      }
    };
    expect(verify().code).toBe(0);

    const server = new URL(TEST_MYSQL_URL);
    const root = await mysql.createConnection({ host: server.hostname, port: Number(server.port || 3306), user: 'root', password: decodeURIComponent(server.password), database: `${TEST_DB_PREFIX}patient` });
    try {
      // Even the database refuses: the log is append-only for everyone until the trigger is dropped.
      await expect(root.query("UPDATE audit_log SET outcome = 'OK' WHERE seq = 1")).rejects.toThrow(/append-only/);
      await expect(root.query('DELETE FROM audit_log WHERE seq = 1')).rejects.toThrow(/append-only/);
      await root.query('DROP TRIGGER audit_log_no_update');
      const [[target]] = (await root.query("SELECT seq FROM audit_log WHERE outcome = 'NOT_FOUND' ORDER BY seq LIMIT 1")) as [{ seq: number }[], unknown];
      await root.query("UPDATE audit_log SET outcome = 'OK' WHERE seq = ?", [target.seq]);
      const broken = verify();
      expect(broken.code).toBe(1);
      expect(broken.out).toContain(`row ${target.seq} was changed`);
    } finally {
      await root.end();
    }
  });
});
