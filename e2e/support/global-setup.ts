import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Redis from 'ioredis';
import mysql from 'mysql2/promise';
import { assertTestName, TEST_DB_PREFIX, TEST_MYSQL_URL, TEST_REDIS_URL, TEST_STATE_DIR } from './settings';

const ROOT = join(__dirname, '..', '..');
const SERVICES = ['patient', 'pharmacy', 'billing'];

/**
 * Fresh test schemas on the real MariaDB, made the way ops make them (npm run db:setup: one user per
 * schema, migrations run by command). Refuses any schema whose name lacks "test".
 */
export default async function globalSetup(): Promise<void> {
  for (const app of ['gateway', 'patient-svc', 'pharmacy-svc', 'billing-svc']) {
    if (!existsSync(join(ROOT, 'apps', app, 'dist', 'main.js'))) throw new Error(`apps/${app} is not built: run npm test (it builds first)`);
  }
  const server = new URL(TEST_MYSQL_URL);
  const conn = await mysql
    .createConnection({ host: server.hostname, port: Number(server.port || 3306), user: decodeURIComponent(server.username), password: decodeURIComponent(server.password) })
    .catch((err: Error) => {
      throw new Error(`MariaDB is not reachable at ${server.host} (${err.message}); start it (see README, Development)`);
    });
  try {
    for (const s of SERVICES) {
      const name = `${TEST_DB_PREFIX}${s}`;
      assertTestName(name);
      await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
    }
  } finally {
    await conn.end();
  }
  const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  await redis.connect().catch((err: Error) => {
    throw new Error(`Redis is not reachable at ${TEST_REDIS_URL} (${err.message}); start it (see README, Development)`);
  });
  redis.disconnect();

  rmSync(TEST_STATE_DIR, { recursive: true, force: true });
  mkdirSync(TEST_STATE_DIR, { recursive: true });
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'db-setup.js')], {
    cwd: ROOT,
    stdio: 'pipe',
    env: { ...process.env, MYSQL_URL: TEST_MYSQL_URL, REDIS_URL: TEST_REDIS_URL, CLINIC_DB_PREFIX: TEST_DB_PREFIX, CLINIC_DATA_DIR: TEST_STATE_DIR, LOG_LEVEL: 'warn' },
  });
}
