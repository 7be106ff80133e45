import { ClientProxyFactory, Transport, type ClientProxy } from '@nestjs/microservices';
import { Events, type EventEnvelope } from '@clinic/contracts';
import { randomUUID } from 'node:crypto';
import { lastValueFrom } from 'rxjs';
import { Api } from './support/api';
import { eventually, queryService } from './support/db';
import { ADMIN_PASSWORD } from './support/settings';
import { boot, systemSettings, type Mode, type RunningSystem } from './support/system';

/**
 * The skeleton journey, the same on the production topology (MariaDB + Redis, schemas made by
 * db:setup) and on the embedded default (SQLite files, loopback, no servers).
 */
describe.each<Mode>(['production', 'embedded'])('skeleton journey: %s', (mode) => {
  let sys: RunningSystem;
  let settings: NodeJS.ProcessEnv;
  const api = () => new Api(sys.baseUrl);
  const created: Record<string, string> = {};
  const suffix = randomUUID().slice(0, 6);

  beforeAll(async () => {
    settings = await systemSettings(mode);
    sys = await boot(mode, settings, `journey-${mode}`);
  });
  afterAll(() => sys?.stop());

  it('shows every service and its database up on /health', async () => {
    const res = await api().get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: 'up',
      transport: mode === 'production' ? 'redis' : 'tcp',
      services: {
        patient: { status: 'up', database: 'up' },
        pharmacy: { status: 'up', database: 'up' },
        billing: { status: 'up', database: 'up' },
      },
    });
  });

  it('lets the admin sign in, create a department, a patient, a drug and a fee item, and read them back', async () => {
    const a = api();
    const login = await a.login('admin', ADMIN_PASSWORD);
    expect(login.user).toMatchObject({ username: 'admin', roles: ['admin'] });
    expect(login.refreshToken).toEqual(expect.any(String));
    expect((await a.get('/me')).body).toMatchObject({ kind: 'staff', user: { username: 'admin' } });

    const dept = await a.post('/departments', { name: `内科-${suffix}`, description: '呼吸与消化' });
    expect(dept.status).toBe(201);
    created.department = dept.body.id;
    const patient = await a.post('/patients', { name: '张三', gender: 'M', birthDate: '1985-03-12', phone: '13912345678', idCardNo: '110101198503120017' });
    expect(patient.status).toBe(201);
    expect(patient.body.medicalRecordNo).toMatch(/^MR\d{8}$/);
    created.patient = patient.body.id;
    const drug = await a.post('/drugs', { name: '阿莫西林胶囊', genericName: '阿莫西林', spec: '0.25g*24粒', unit: '盒', priceFen: 1280, reorderLevel: 20 });
    expect(drug.status).toBe(201);
    created.drug = drug.body.id;
    const fee = await a.post('/fee-items', { name: '血常规', priceFen: 2500, category: 'LAB' });
    expect(fee.status).toBe(201);
    created.fee = fee.body.id;

    expect((await a.get('/departments')).body).toEqual(expect.arrayContaining([expect.objectContaining({ id: created.department, name: `内科-${suffix}`, description: '呼吸与消化' })]));
    const found = await a.get('/patients?query=13912345678');
    expect(found.body).toMatchObject({ total: 1, items: [{ id: created.patient, name: '张三', phone: '139****5678', idCardNo: '110101********0017' }] });
    expect((await a.get(`/patients?query=${patient.body.medicalRecordNo}`)).body.items.map((p: { id: string }) => p.id)).toEqual([created.patient]);
    expect((await a.get(`/patients/${created.patient}`)).body).toMatchObject({ name: '张三', gender: 'M', birthDate: '1985-03-12' });
    expect((await a.get(`/patients?query=${encodeURIComponent('张')}`)).body.items.map((p: { id: string }) => p.id)).toEqual([created.patient]);
    // LIKE wildcards in the search text are taken literally.
    expect((await a.get(`/patients?query=${encodeURIComponent('%')}`)).body.total).toBe(0);
    expect((await a.get('/drugs?query=阿莫西林&pageSize=100')).body.items).toEqual(expect.arrayContaining([expect.objectContaining({ id: created.drug, priceFen: 1280, isPrescription: true })]));
    // Other test files share the production schemas, so lists are checked for our rows, not for equality.
    expect((await a.get('/fee-items')).body).toEqual(expect.arrayContaining([expect.objectContaining({ id: created.fee, name: '血常规', priceFen: 2500, category: 'LAB' })]));
  });

  it('stores phone and ID card numbers only encrypted', async () => {
    const [row] = await queryService(sys, 'patient', 'SELECT phone_enc, phone_hash, id_card_enc, id_card_hash FROM patients WHERE id = ?', [created.patient]);
    expect(row.phone_enc).toMatch(/^v1:/);
    for (const value of Object.values(row)) {
      expect(String(value)).not.toContain('13912345678');
      expect(String(value)).not.toContain('110101198503120017');
    }
    expect(sys.logs.join('\n')).not.toContain('13912345678');
  });

  it('tells billing about the new department through the outbox, once, even when the event arrives twice', async () => {
    const refs = await eventually(async () => (await queryService(sys, 'billing', 'SELECT name FROM department_refs WHERE department_id = ?', [created.department]))[0]);
    expect(refs).toEqual({ name: `内科-${suffix}` });
    const outbox = await queryService(sys, 'patient', 'SELECT published_at FROM outbox_events');
    expect(outbox.length).toBeGreaterThan(0);
    expect(outbox.every((r) => r.published_at !== null)).toBe(true);

    // Deliver one event twice, as a retrying publisher would: the inbox lets it through once.
    const event: EventEnvelope = {
      meta: { requestId: 'e2e', eventId: randomUUID(), occurredAt: new Date().toISOString(), source: 'e2e' },
      data: { clinicId: 'clinic-1', departmentId: randomUUID(), name: `重复-${suffix}` },
    };
    const client: ClientProxy =
      mode === 'production'
        ? ClientProxyFactory.create({ transport: Transport.REDIS, options: { host: new URL(sys.env.REDIS_URL!).hostname, port: Number(new URL(sys.env.REDIS_URL!).port) } })
        : ClientProxyFactory.create({ transport: Transport.TCP, options: { host: '127.0.0.1', port: Number(sys.env.BILLING_SVC_PORT) } });
    try {
      await client.connect();
      await lastValueFrom(client.emit(Events.departmentCreated, event), { defaultValue: undefined });
      await lastValueFrom(client.emit(Events.departmentCreated, event), { defaultValue: undefined });
    } finally {
      await client.close();
    }
    const handled = await eventually(async () => (await queryService(sys, 'billing', 'SELECT event_id FROM inbox_events WHERE event_id = ?', [event.meta.eventId])).length);
    expect(handled).toBe(1);
    await new Promise((r) => setTimeout(r, 500)); // time for the second copy to be (not) applied
    expect(await queryService(sys, 'billing', 'SELECT name FROM department_refs WHERE name = ?', [`重复-${suffix}`])).toHaveLength(1);
    expect(await queryService(sys, 'billing', 'SELECT event_id FROM inbox_events WHERE event_id = ?', [event.meta.eventId])).toHaveLength(1);
  });

  it('keeps its data across a restart', async () => {
    await sys.stop();
    sys = await boot(mode, settings, `journey-${mode}-restarted`);
    const a = api();
    await a.login('admin', ADMIN_PASSWORD);
    expect((await a.get('/departments')).body.map((d: { id: string }) => d.id)).toContain(created.department);
    expect((await a.get(`/patients/${created.patient}`)).status).toBe(200);
    expect((await a.get('/drugs?query=amxl&pageSize=100')).body.items.map((d: { id: string }) => d.id)).toContain(created.drug);
    expect((await a.get('/fee-items')).body.map((f: { id: string }) => f.id)).toContain(created.fee);
  });
});
