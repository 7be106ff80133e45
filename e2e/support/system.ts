import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN_PASSWORD, TEST_DB_PREFIX, TEST_MYSQL_URL, TEST_REDIS_URL, TEST_STATE_DIR } from './settings';

// The same launcher `npm start` uses.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const launcher = require('../../scripts/lib/system') as {
  ROOT: string;
  systemEnv(base: NodeJS.ProcessEnv): { env: NodeJS.ProcessEnv };
  startSystem(opts: { env: NodeJS.ProcessEnv; stdio: 'pipe'; onExit?: (name: string, code: number | null) => void }): {
    children: Record<string, ChildProcess>;
    stop(signal?: string): Promise<void>;
  };
  waitHealthy(baseUrl: string, timeoutMs?: number): Promise<void>;
};

export type Mode = 'production' | 'embedded';

export interface RunningSystem {
  mode: Mode;
  baseUrl: string;
  env: NodeJS.ProcessEnv;
  dataDir: string;
  children: Record<string, ChildProcess>;
  /** Every line the four processes printed, for assertions on logs. */
  logs: string[];
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** Settings for one mode; the caller's process env is not inherited beyond PATH and HOME. */
export async function systemSettings(mode: Mode, overrides: NodeJS.ProcessEnv = {}): Promise<NodeJS.ProcessEnv> {
  const base: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    PORT: String(await freePort()),
    CLINIC_ADMIN_PASSWORD: ADMIN_PASSWORD,
    CLINIC_DEMO_DATA: '0',
    RPC_TIMEOUT_MS: '3000',
    // Tests write past days straight into the tables; a summary built ahead of them would hide their rows.
    STATS_WARM_SECONDS: '0',
    // Every test signs in many times from 127.0.0.1 against one shared Redis; the rate-limit test sets its own.
    RATE_LIMIT_LOGIN_PER_IP: '100000',
    RATE_LIMIT_LOGIN_PER_ACCOUNT: '100000',
  };
  if (mode === 'production') {
    Object.assign(base, { MYSQL_URL: TEST_MYSQL_URL, REDIS_URL: TEST_REDIS_URL, CLINIC_DB_PREFIX: TEST_DB_PREFIX, CLINIC_DATA_DIR: TEST_STATE_DIR });
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'clinic-e2e-embedded-'));
    Object.assign(base, {
      CLINIC_DATA_DIR: dir,
      PATIENT_SVC_PORT: String(await freePort()),
      PHARMACY_SVC_PORT: String(await freePort()),
      BILLING_SVC_PORT: String(await freePort()),
    });
  }
  return { ...base, ...overrides };
}

/** Boots the gateway and the three services as `npm start` does and waits for /health to be green. */
export async function boot(mode: Mode, settings?: NodeJS.ProcessEnv, name: string = mode): Promise<RunningSystem> {
  const { env } = launcher.systemEnv(settings ?? (await systemSettings(mode)));
  const logs: string[] = [];
  const sys = launcher.startSystem({ env, stdio: 'pipe' });
  for (const child of Object.values(sys.children)) {
    let rest = '';
    const take = (chunk: Buffer) => {
      const lines = (rest + chunk.toString('utf8')).split('\n');
      rest = lines.pop() ?? '';
      logs.push(...lines);
    };
    child.stdout?.on('data', take);
    child.stderr?.on('data', take);
  }
  const baseUrl = `http://127.0.0.1:${env.PORT}`;
  const stop = async () => {
    await sys.stop();
    const dir = join(launcher.ROOT, 'e2e', 'artifacts');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${name}.log`), logs.join('\n') + '\n');
  };
  try {
    await launcher.waitHealthy(baseUrl, 90_000);
  } catch (err) {
    await stop();
    throw new Error(`${(err as Error).message}\n--- last logs ---\n${logs.slice(-40).join('\n')}`);
  }
  return { mode, baseUrl, env, dataDir: env.CLINIC_DATA_DIR!, children: sys.children, logs, stop };
}
