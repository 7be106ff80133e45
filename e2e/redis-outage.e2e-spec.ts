import { spawn, type ChildProcess } from 'node:child_process';
import Redis from 'ioredis';
import { adminApi, staffApi } from './support/actors';
import { Api } from './support/api';
import { eventually, queryService } from './support/db';
import { ADMIN_PASSWORD } from './support/settings';
import { boot, freePort, systemSettings, type RunningSystem } from './support/system';

const RPC_TIMEOUT_MS = 1500;

/** A private redis-server, so the machine's own Redis keeps running for everything else. */
async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const ok = await fetch(`http://127.0.0.1:${port}`).then(
      () => true,
      (err: { cause?: { code?: string } }) => err?.cause?.code !== 'ECONNREFUSED',
    );
    if (ok) return child;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('redis-server did not start');
}

describe('Redis outage', () => {
  let sys: RunningSystem;
  let redis: ChildProcess;
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    redis = await startRedis(port);
    const settings = await systemSettings('production', { REDIS_URL: `redis://127.0.0.1:${port}`, RPC_TIMEOUT_MS: String(RPC_TIMEOUT_MS) });
    sys = await boot('production', settings, 'redis-outage');
  });
  afterAll(async () => {
    await sys?.stop();
    redis?.kill('SIGKILL');
  });

  it('answers 503 within the timeout while Redis is down, and recovers without a restart when it returns', async () => {
    const api = new Api(sys.baseUrl);
    await api.login('admin', ADMIN_PASSWORD);
    expect((await api.get('/departments')).status).toBe(200);
    const pids = Object.fromEntries(Object.entries(sys.children).map(([n, c]) => [n, c.pid]));

    const exited = new Promise((r) => redis.once('exit', r));
    redis.kill('SIGKILL');
    await exited;

    for (const path of ['/departments', '/drugs', '/fee-items']) {
      const res = await api.get(path);
      expect({ status: res.status, code: res.body?.code }).toEqual({ status: 503, code: 'UPSTREAM.UNAVAILABLE' });
      expect(res.ms).toBeLessThan(RPC_TIMEOUT_MS + 1500); // bounded by the timeout, never a hang
    }
    const health = await api.get('/health');
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ status: 'down', services: { patient: { status: 'down' }, pharmacy: { status: 'down' }, billing: { status: 'down' } } });
    expect(health.body.message).toContain('patient');

    redis = await startRedis(port);
    const deadline = Date.now() + 30_000;
    let res = await api.get('/departments');
    while (res.status !== 200 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      res = await api.get('/departments');
    }
    expect(res.status).toBe(200);
    expect((await api.get('/drugs')).status).toBe(200);
    expect((await api.get('/fee-items')).status).toBe(200);
    expect((await api.get('/health')).status).toBe(200);
    await api.login('admin', ADMIN_PASSWORD);

    // Nothing was restarted: the same processes are still serving.
    for (const [name, child] of Object.entries(sys.children)) {
      expect({ name, pid: child.pid, alive: child.exitCode === null }).toEqual({ name, pid: pids[name], alive: true });
    }
  });
});

/** An event written while Redis is down waits in the outbox and goes out once when Redis is back. */
describe('prescription.signed across a Redis outage', () => {
  let sys: RunningSystem;
  let redis: ChildProcess;
  let port: number;
  const RELAY_MS = 4000;

  beforeAll(async () => {
    port = await freePort();
    redis = await startRedis(port);
    // The relay waits RELAY_MS after a commit, so the test can take Redis away between the signature and the publish.
    const settings = await systemSettings('production', { REDIS_URL: `redis://127.0.0.1:${port}`, OUTBOX_DELAY_MS: String(RELAY_MS), OUTBOX_POLL_MS: String(RELAY_MS) });
    sys = await boot('production', settings, 'redis-outage-outbox');
  });
  afterAll(async () => {
    await sys?.stop();
    redis?.kill('SIGKILL');
  });

  it('keeps the signed prescription\'s event through the outage and publishes it once after', async () => {
    const admin = await adminApi(sys.baseUrl);
    const doctor = await staffApi(admin, 'outage.doctor', ['doctor']);
    const pharmacist = await staffApi(admin, 'outage.pharmacist', ['pharmacist']);
    const supplierId = (await pharmacist.post('/suppliers', { name: '断线供应商' })).body.id;
    const drugId = (await pharmacist.post('/drugs', { name: '断线测试片', spec: '5mg*10片', unit: '盒', priceFen: 600, reorderLevel: 1 })).body.id;
    await pharmacist.post('/stock-ins', { supplierId, items: [{ drugId, batchNo: 'OUT1', expiryDate: new Date(Date.now() + 300 * 86_400_000).toISOString().slice(0, 10), quantity: 5, unitCostFen: 300 }] });
    const patientId = (await admin.post('/patients', { name: '断线患者', gender: 'M', birthDate: '1960-01-01', phone: '13300001111' })).body.id;
    const enc = (await doctor.post('/encounters', { patientId })).body;
    const rx = (await doctor.post(`/encounters/${enc.id}/prescriptions`, { items: [{ drugId, dosage: '1片', frequency: 'qd', route: '口服', days: 3, quantity: 1 }] })).body;

    expect((await doctor.post(`/prescriptions/${rx.id}/sign`)).body.status).toBe('SIGNED');
    const exited = new Promise((r) => redis.once('exit', r));
    redis.kill('SIGKILL');
    await exited;
    const outboxRow = async () => (await queryService(sys, 'patient', "SELECT published_at, attempts FROM outbox_events WHERE event_name = 'patient.prescription.signed.1' AND payload LIKE ?", [`%${rx.id}%`]))[0];
    expect(await eventually(async () => Number((await outboxRow()).attempts) >= 1, RELAY_MS * 3)).toBe(true);
    expect((await outboxRow()).published_at).toBeNull();

    redis = await startRedis(port);
    const heard: string[] = [];
    const sub = new Redis(`redis://127.0.0.1:${port}`);
    try {
      await sub.subscribe('patient.prescription.signed.1');
      sub.on('message', (_channel, message) => {
        const envelope = JSON.parse(message) as { data?: { data?: { prescriptionId?: string } } };
        if (envelope.data?.data?.prescriptionId === rx.id) heard.push(message);
      });
      expect(await eventually(async () => (await outboxRow()).published_at !== null, RELAY_MS * 4)).toBe(true);
      await new Promise((r) => setTimeout(r, RELAY_MS + 500)); // one more relay run: nothing goes out again
      expect(heard).toHaveLength(1);
    } finally {
      sub.disconnect();
    }
  });
});
