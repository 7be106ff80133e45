import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { ConfigError, loadConfig } from './config';

const JWT_SECRET = 'x'.repeat(32);
const key = (bytes = 32) => randomBytes(bytes).toString('base64');
const PRODUCTION = { MYSQL_URL: 'mysql://root:rootpw@db.internal:3307', REDIS_URL: 'redis://cache.internal:6379' };

/** The message loadConfig refuses with ('' when it accepts). */
function refusal(...args: Parameters<typeof loadConfig>): string {
  try {
    loadConfig(...args);
    return '';
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return err.message;
  }
}

describe('loadConfig', () => {
  it('refuses to start the gateway without JWT_SECRET, naming it', () => {
    expect(refusal('gateway', {})).toMatch(/JWT_SECRET is required/);
  });

  it('refuses a JWT_SECRET shorter than 32 characters', () => {
    expect(refusal('gateway', { JWT_SECRET: 'short' })).toMatch(/JWT_SECRET must be at least 32 characters/);
  });

  it('starts the gateway with only JWT_SECRET and takes the defaults', () => {
    const config = loadConfig('gateway', { JWT_SECRET });
    expect(config.env.PORT).toBe(3000);
    expect(config.env.RPC_TIMEOUT_MS).toBe(5000);
    expect(config.env.PII_ACTIVE_KEY_VERSION).toBe(1);
    expect(config.production).toBe(false);
    expect(config.runMigrationsOnStart).toBe(true);
  });

  it('reads numbers from the environment', () => {
    const config = loadConfig('gateway', { JWT_SECRET, PORT: '8080', RPC_TIMEOUT_MS: '250' });
    expect(config.env.PORT).toBe(8080);
    expect(config.env.RPC_TIMEOUT_MS).toBe(250);
  });

  it('refuses a malformed number, naming the setting', () => {
    expect(refusal('gateway', { JWT_SECRET, PORT: 'eighty' })).toMatch(/PORT/);
  });

  it('refuses MYSQL_URL without REDIS_URL, and REDIS_URL without MYSQL_URL', () => {
    expect(refusal('gateway', { JWT_SECRET, MYSQL_URL: PRODUCTION.MYSQL_URL })).toMatch(/MYSQL_URL and REDIS_URL must be set together/);
    expect(refusal('gateway', { JWT_SECRET, REDIS_URL: PRODUCTION.REDIS_URL })).toMatch(/MYSQL_URL and REDIS_URL must be set together/);
  });

  describe('PII keys (patient service)', () => {
    const patient = { JWT_SECRET, PII_KEYS: `1:${key()}`, PII_INDEX_KEY: key() };

    it('starts with one 32-byte key and a 32-byte index key', () => {
      expect(refusal('patient', patient)).toBe('');
    });

    it('needs both keys', () => {
      expect(refusal('patient', { JWT_SECRET })).toMatch(/PII_KEYS is required[\s\S]*PII_INDEX_KEY is required/);
    });

    it('refuses a key that is not 32 bytes', () => {
      expect(refusal('patient', { ...patient, PII_KEYS: `1:${key(16)}` })).toMatch(/PII_KEYS/);
      expect(refusal('patient', { ...patient, PII_KEYS: `1:${key()},2:${key(31)}` })).toMatch(/PII_KEYS/);
      expect(refusal('patient', { ...patient, PII_INDEX_KEY: key(24) })).toMatch(/PII_INDEX_KEY/);
    });

    it('refuses a key ring entry without a version', () => {
      expect(refusal('patient', { ...patient, PII_KEYS: key() })).toMatch(/PII_KEYS/);
    });

    it('refuses an active key version that has no key', () => {
      expect(refusal('patient', { ...patient, PII_ACTIVE_KEY_VERSION: '2' })).toMatch(/PII_ACTIVE_KEY_VERSION 2 has no key/);
      expect(refusal('patient', { ...patient, PII_KEYS: `1:${key()},2:${key()}`, PII_ACTIVE_KEY_VERSION: '2' })).toBe('');
    });
  });

  describe('production topology (MYSQL_URL and REDIS_URL)', () => {
    const patient = { ...PRODUCTION, JWT_SECRET, PII_KEYS: `1:${key()}`, PII_INDEX_KEY: key() };

    it('needs the service database password', () => {
      expect(refusal('patient', patient)).toMatch(/PATIENT_DB_PASSWORD is required/);
      expect(refusal('patient', { ...patient, PATIENT_DB_PASSWORD: 'pw' })).toBe('');
      expect(refusal('billing', PRODUCTION)).toMatch(/BILLING_DB_PASSWORD is required/);
    });

    it('does not need it in embedded mode', () => {
      expect(refusal('billing', {})).toBe('');
    });

    it('does not run migrations on start unless told to', () => {
      expect(loadConfig('billing', { ...PRODUCTION, BILLING_DB_PASSWORD: 'pw' }).runMigrationsOnStart).toBe(false);
      expect(loadConfig('billing', { ...PRODUCTION, BILLING_DB_PASSWORD: 'pw', MIGRATIONS_RUN_ON_START: 'true' }).runMigrationsOnStart).toBe(true);
    });
  });

  it('lists a malformed setting with the others instead of crashing on it', () => {
    const message = refusal('patient', { ...PRODUCTION, MYSQL_URL: 'db.internal:3306', JWT_SECRET, PII_KEYS: 'junk', PII_INDEX_KEY: key() });
    expect(message).toMatch(/MYSQL_URL must be a URL like mysql:\/\/host:port/);
    expect(message).toMatch(/PII_KEYS must be/);
    expect(message).toMatch(/PATIENT_DB_PASSWORD is required/);
    expect(message).not.toMatch(/must be set together/);
  });

  it('refuses server URLs with the wrong scheme or no host', () => {
    expect(refusal('gateway', { JWT_SECRET, ...PRODUCTION, MYSQL_URL: 'postgres://db.internal:5432' })).toMatch(/MYSQL_URL must be/);
    expect(refusal('gateway', { JWT_SECRET, ...PRODUCTION, MYSQL_URL: 'not a url' })).toMatch(/MYSQL_URL must be/);
    expect(refusal('gateway', { JWT_SECRET, ...PRODUCTION, REDIS_URL: 'cache.internal:6379' })).toMatch(/REDIS_URL must be/);
  });

  it('names every problem at once', () => {
    const message = refusal('patient', { MYSQL_URL: PRODUCTION.MYSQL_URL });
    for (const name of ['JWT_SECRET', 'PII_KEYS', 'PII_INDEX_KEY', 'PATIENT_DB_PASSWORD', 'REDIS_URL']) expect(message).toContain(name);
  });
});

describe('Config', () => {
  describe('dbTarget', () => {
    it('is a SQLite file under CLINIC_DATA_DIR in embedded mode', () => {
      expect(loadConfig('billing', { CLINIC_DATA_DIR: '/var/lib/clinic' }).dbTarget('billing')).toEqual({
        kind: 'sqlite',
        database: '/var/lib/clinic/billing.sqlite',
      });
      expect(loadConfig('billing', { CLINIC_DATA_DIR: '/var/lib/clinic' }).dbTarget('pharmacy').database).toBe('/var/lib/clinic/pharmacy.sqlite');
    });

    it('resolves a relative CLINIC_DATA_DIR against the working directory', () => {
      expect(loadConfig('billing', { CLINIC_DATA_DIR: 'state' }).dbTarget('billing').database).toBe(resolve('state', 'billing.sqlite'));
    });

    it('is the schema and user <prefix>billing on the MySQL server in production', () => {
      const config = loadConfig('billing', { ...PRODUCTION, BILLING_DB_PASSWORD: 'billing-pw', PATIENT_DB_PASSWORD: 'patient-pw', CLINIC_DB_PREFIX: 'test_' });
      expect(config.dbTarget('billing')).toEqual({
        kind: 'mysql',
        database: 'test_billing',
        username: 'test_billing',
        password: 'billing-pw',
        host: 'db.internal',
        port: 3307,
      });
    });

    it('uses the default prefix and port', () => {
      const config = loadConfig('patient', {
        ...PRODUCTION,
        MYSQL_URL: 'mysql://db.internal',
        JWT_SECRET,
        PII_KEYS: `1:${key()}`,
        PII_INDEX_KEY: key(),
        PATIENT_DB_PASSWORD: 'pw',
      });
      expect(config.dbTarget('patient')).toMatchObject({ database: 'clinic_patient', username: 'clinic_patient', port: 3306 });
    });
  });

  describe('redis', () => {
    it('reads host, port, password and db from REDIS_URL', () => {
      const config = loadConfig('billing', { ...PRODUCTION, BILLING_DB_PASSWORD: 'pw', REDIS_URL: 'redis://:s3cr%40t@cache.internal:6380/2' });
      expect(config.redis()).toEqual({ host: 'cache.internal', port: 6380, password: 's3cr@t', username: undefined, db: 2 });
    });

    it('defaults to port 6379 and db 0', () => {
      const config = loadConfig('billing', { ...PRODUCTION, BILLING_DB_PASSWORD: 'pw' });
      expect(config.redis()).toEqual({ host: 'cache.internal', port: 6379, password: undefined, username: undefined, db: 0 });
    });

    it('is undefined in embedded mode', () => {
      expect(loadConfig('billing', {}).redis()).toBeUndefined();
    });
  });
});
