import type { Api } from './support/api';
import { adminApi, patientApi, staffApi } from './support/actors';
import { noonZone } from './support/clinic-zone';
import { queryService } from './support/db';
import { boot, systemSettings, type RunningSystem } from './support/system';

const COMPLETE = {
  chiefComplaint: '咽痛、发热2天',
  presentIllness: '2天前受凉后出现咽痛，伴发热，最高38.5℃，无咳嗽咳痰。',
  pastHistory: '既往体健',
  allergies: '青霉素过敏',
  physicalExam: '咽部充血，扁桃体I度肿大',
  vitals: { temperature: 38.2, systolic: 118, diastolic: 76, pulse: 88, respiration: 18, weight: 61.5 },
  diagnoses: [
    { code: 'J06.900', name: '急性上呼吸道感染', primary: true },
    { code: 'R50.900', name: '发热' },
  ],
  advice: '多饮水，注意休息',
  followUpDate: '2026-12-10',
};

/** The doctor's side of a visit on MariaDB + Redis: encounter, record, signature, amendment, and who may read it. */
describe('the visit: encounters and medical records (production topology)', () => {
  let sys: RunningSystem;
  let admin: Api;
  let desk: Api;
  let doctorA: Api & { userId: string };
  let doctorB: Api & { userId: string };
  let colleague: Api & { userId: string };
  const { zone, today } = noonZone();
  let shiftA: string;

  const patient = async (name: string) => (await desk.post('/patients', { name, gender: 'F', birthDate: '1988-05-06', phone: '13700001234' })).body.id as string;
  /** A patient booked on doctor A's shift, checked in, and called: the appointment id. */
  const called = async (name: string) => {
    const appointmentId = (await desk.post('/appointments', { patientId: await patient(name), scheduleId: shiftA })).body.id as string;
    await desk.post(`/appointments/${appointmentId}/check-in`, {});
    const next = await doctorA.post('/queue/call-next', { doctorId: doctorA.userId });
    expect(next.body).toMatchObject({ name, status: 'IN_PROGRESS' });
    return appointmentId;
  };
  const audited = async (patientId: string) =>
    (await queryService(sys, 'patient', 'SELECT action, outcome FROM audit_log WHERE patient_id = ? ORDER BY seq', [patientId])).map((r) => `${r.action}:${r.outcome}`);

  beforeAll(async () => {
    sys = await boot('production', await systemSettings('production', { CLINIC_TIMEZONE: zone }), 'visits');
    admin = await adminApi(sys.baseUrl);
    desk = await staffApi(admin, 'v.desk', ['receptionist']);
    const internal = (await admin.post('/departments', { name: '全科' })).body.id;
    const surgery = (await admin.post('/departments', { name: '外科' })).body.id;
    doctorA = await staffApi(admin, 'v.doctor.a', ['doctor'], { departmentId: internal, title: '主治医师' });
    colleague = await staffApi(admin, 'v.doctor.c', ['doctor'], { departmentId: internal });
    doctorB = await staffApi(admin, 'v.doctor.b', ['doctor'], { departmentId: surgery });
    shiftA = (await admin.post('/schedules', { doctorId: doctorA.userId, date: today, period: 'AM', startTime: '00:00', endTime: '23:59', capacity: 20 })).body.id;
  });
  afterAll(() => sys?.stop());

  it('opens from the called appointment, signs, refuses writes after, amends, and keeps every version', async () => {
    // Not yet called: no encounter. Another doctor's appointment: not theirs.
    const waiting = (await desk.post('/appointments', { patientId: await patient('候诊者'), scheduleId: shiftA })).body.id;
    expect((await doctorA.post('/encounters', { appointmentId: waiting })).body.code).toBe('ENCOUNTER.NOT_CALLED');
    expect((await doctorB.post('/encounters', { appointmentId: waiting })).body.code).toBe('ENCOUNTER.NOT_OWN');
    await desk.post(`/appointments/${waiting}/cancel`, {});

    const appointmentId = await called('林黛玉');
    const opened = await Promise.all([doctorA.post('/encounters', { appointmentId }), doctorA.post('/encounters', { appointmentId })]);
    expect(opened.map((r) => r.status).sort()).toEqual([201, 201]);
    expect(opened[0].body.id).toBe(opened[1].body.id);
    const enc = opened[0].body;
    expect(enc).toMatchObject({ patientName: '林黛玉', doctorId: doctorA.userId, status: 'OPEN', appointmentId, emr: { version: 1, status: 'DRAFT' } });
    expect(enc.calledAt).not.toBeNull();
    expect((await doctorA.post('/encounters', { appointmentId, patientId: enc.patientId })).status).toBe(400);

    const badCode = await doctorA.put(`/encounters/${enc.id}/emr`, { ...COMPLETE, diagnoses: [{ code: 'J06.999', name: '编造', primary: true }] });
    expect(badCode.body.details).toEqual([{ field: 'diagnoses.0.code', errors: [expect.stringContaining('J06.999')] }]);
    expect((await doctorA.put(`/encounters/${enc.id}/emr`, { chiefComplaint: '咽痛', vitals: { temperature: 51 } })).body.details.map((d: { field: string }) => d.field)).toEqual(['vitals.temperature']);
    expect((await doctorA.put(`/encounters/${enc.id}/emr`, { chiefComplaint: '咽痛', diagnoses: COMPLETE.diagnoses })).status).toBe(200);
    const incomplete = await doctorA.post(`/encounters/${enc.id}/sign`);
    expect(incomplete.status).toBe(400);
    expect(incomplete.body).toMatchObject({ code: 'EMR.INCOMPLETE', details: [{ field: 'presentIllness' }] });
    expect((await doctorB.put(`/encounters/${enc.id}/emr`, COMPLETE)).body.code).toBe('ENCOUNTER.NOT_OWN');
    expect((await doctorA.put(`/encounters/${enc.id}/emr`, COMPLETE)).body.emr.content).toEqual(COMPLETE);

    const signed = await doctorA.post(`/encounters/${enc.id}/sign`);
    expect(signed.status).toBe(200);
    expect(signed.body.emr).toMatchObject({ version: 1, status: 'SIGNED', signedBy: doctorA.userId, signedByName: '测试v.doctor.a' });
    expect((await doctorA.put(`/encounters/${enc.id}/emr`, { ...COMPLETE, advice: '改' })).body.code).toBe('EMR.SIGNED');
    expect((await doctorA.post(`/encounters/${enc.id}/sign`)).body.code).toBe('EMR.SIGNED');

    const amended = await doctorA.post(`/encounters/${enc.id}/amendments`, { reason: '补充医嘱', changes: { advice: '多饮水，注意休息；3天不退热复诊', diagnoses: [{ code: 'J02.900', name: '急性咽炎', primary: true }] } });
    expect(amended.status).toBe(201);
    expect(amended.body.emr).toMatchObject({ version: 2, status: 'SIGNED', amendmentReason: '补充医嘱' });
    const versions = (await colleague.get(`/encounters/${enc.id}/emr/versions`)).body;
    expect(versions.map((v: { version: number; content: { advice: string; chiefComplaint: string } }) => [v.version, v.content.advice, v.content.chiefComplaint])).toEqual([
      [1, '多饮水，注意休息', '咽痛、发热2天'],
      [2, '多饮水，注意休息；3天不退热复诊', '咽痛、发热2天'],
    ]);
    expect(await queryService(sys, 'patient', 'SELECT code, is_primary FROM encounter_diagnoses WHERE encounter_id = ?', [enc.id])).toEqual([{ code: 'J02.900', is_primary: 1 }]);
    expect((await doctorA.post(`/encounters/${enc.id}/amendments`, { reason: '清空', changes: { chiefComplaint: '' } })).body.code).toBe('EMR.INCOMPLETE');

    const finished = await doctorA.post(`/encounters/${enc.id}/finish`);
    expect(finished.body.status).toBe('FINISHED');
    expect((await queryService(sys, 'patient', 'SELECT status FROM appointments WHERE id = ?', [appointmentId]))[0].status).toBe('COMPLETED');
    expect((await doctorA.post(`/encounters/${enc.id}/finish`)).body.code).toBe('ENCOUNTER.FINISHED');
    expect(await audited(enc.patientId)).toEqual(
      expect.arrayContaining(['ENCOUNTER_CREATE:OK', 'EMR_WRITE:OK', 'EMR_SIGN:OK', 'EMR_AMEND:OK', 'EMR_READ:OK', 'ENCOUNTER_FINISH:OK']),
    );
    // The doctor sees the patient's history beside a new visit.
    const history = (await doctorA.get(`/encounters?patientId=${enc.patientId}`)).body;
    expect(history.items.map((e: { id: string; emr: { version: number } }) => [e.id, e.emr.version])).toEqual([[enc.id, 2]]);
  });

  it('lets a patient account read its own patients\' signed records, and nothing else (404)', async () => {
    const account = await patientApi(sys.baseUrl, 'v-account');
    const other = await patientApi(sys.baseUrl, 'v-other');
    const own = (await account.post('/patients', { name: '贾宝玉', gender: 'M', birthDate: '1990-01-01', phone: '13800007777', relationship: '本人' })).body.id;
    const walkIn = await doctorA.post('/encounters', { patientId: own });
    expect(walkIn.status).toBe(201);
    expect(walkIn.body.appointmentId).toBeNull();
    expect((await account.get(`/encounters/${walkIn.body.id}`)).status).toBe(404); // a draft is the doctor's
    expect((await account.get('/encounters')).body.items).toEqual([]);
    await doctorA.put(`/encounters/${walkIn.body.id}/emr`, COMPLETE);
    await doctorA.post(`/encounters/${walkIn.body.id}/sign`);
    const mine = await account.get(`/encounters/${walkIn.body.id}`);
    expect(mine.body).toMatchObject({ patientName: '贾宝玉', emr: { status: 'SIGNED', content: { chiefComplaint: COMPLETE.chiefComplaint } } });
    expect((await account.get('/encounters')).body.items.map((e: { id: string }) => e.id)).toEqual([walkIn.body.id]);
    expect((await other.get(`/encounters/${walkIn.body.id}`)).status).toBe(404);
    expect((await other.get(`/encounters/${walkIn.body.id}/emr/versions`)).status).toBe(404);
    expect((await other.get(`/encounters?patientId=${own}`)).body.items).toEqual([]);
    expect((await account.put(`/encounters/${walkIn.body.id}/emr`, COMPLETE)).status).toBe(403);
    expect((await desk.get(`/encounters/${walkIn.body.id}`)).status).toBe(403);
    expect(await audited(own)).toContain('EMR_READ:OK');
  });

  it('finds ICD-10 codes by code, by words and by pinyin initials', async () => {
    expect(await queryService(sys, 'patient', 'SELECT COUNT(*) AS n FROM icd10_codes')).toEqual([{ n: 35587 }]);
    const byCode = (await doctorA.get('/icd10?query=j06.9')).body;
    expect(byCode[0]).toEqual({ code: 'J06.900', name: '急性上呼吸道感染', chapter: 'J00-J99', chapterName: '呼吸系统疾病', block: 'J00-J06', blockName: '急性上呼吸道感染' });
    expect((await doctorA.get(`/icd10?query=${encodeURIComponent('2型糖尿病')}`)).body[0]).toMatchObject({ code: 'E11.900' });
    const byInitials = (await doctorA.get('/icd10?query=shxdgr&limit=5')).body.map((c: { name: string }) => c.name);
    expect(byInitials).toContain('上呼吸道感染');
    expect((await doctorA.get('/icd10?query=')).status).toBe(400);
    expect((await doctorA.get('/icd10?query=100%25')).body).toEqual([]);
  });

  it('keeps department templates for the department and personal ones for their author', async () => {
    const dept = await doctorA.post('/emr-templates', { name: '上感', scope: 'DEPARTMENT', content: { chiefComplaint: '咽痛', diagnoses: [{ code: 'J06.900', name: '急性上呼吸道感染', primary: true }] } });
    const personal = await doctorA.post('/emr-templates', { name: '我的复诊', scope: 'PERSONAL', content: { advice: '按时服药' } });
    expect([dept.status, personal.status]).toEqual([201, 201]);
    expect((await doctorA.get('/emr-templates')).body.map((t: { name: string }) => t.name).sort()).toEqual(['上感', '我的复诊'].sort());
    expect((await colleague.get('/emr-templates')).body.map((t: { name: string }) => t.name)).toEqual(['上感']);
    expect((await doctorB.get('/emr-templates')).body).toEqual([]);
    expect((await colleague.call('DELETE', `/emr-templates/${dept.body.id}`)).status).toBe(404);
    expect((await doctorA.call('DELETE', `/emr-templates/${personal.body.id}`)).status).toBe(204);
    expect((await doctorA.get('/emr-templates')).body.map((t: { name: string }) => t.name)).toEqual(['上感']);
  });
});
