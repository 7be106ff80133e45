import { spawn, type ChildProcess } from 'node:child_process';
import { Api } from './support/api';
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
