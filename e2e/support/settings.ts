import { join } from 'node:path';
import { tmpdir } from 'node:os';

/** Where the integration tests find the machine's MariaDB and Redis; override to point elsewhere. */
export const TEST_MYSQL_URL = process.env.CLINIC_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';
export const TEST_REDIS_URL = process.env.CLINIC_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const TEST_DB_PREFIX = process.env.CLINIC_TEST_DB_PREFIX ?? 'clinic_test_';
/** Holds secrets.json and mysql-credentials.json for the production-topology runs. */
export const TEST_STATE_DIR = join(tmpdir(), 'clinic-e2e-state');
export const ADMIN_PASSWORD = 'E2e-Admin-Passw0rd';

/** Tests never touch a database whose name does not say so. */
export function assertTestName(name: string): void {
  if (!/test/i.test(name)) throw new Error(`refusing to use database "${name}": its name must contain "test"`);
}
