import { isAbsolute, resolve } from 'node:path';
import { bool, cleanEnv, makeValidator, num, port, str, EnvError, EnvMissingError } from 'envalid';
import { SERVICES, type ServiceName } from '@clinic/contracts';

/** A base64 key that decodes to exactly 32 bytes (AES-256, HMAC-SHA256). */
const key32 = makeValidator<string>((input) => {
  if (Buffer.from(input, 'base64').length !== 32) throw new EnvError('must be base64 of exactly 32 bytes');
  return input;
});

/** "1:<base64>,2:<base64>": every key version that may still decrypt old rows. */
const keyRing = makeValidator<string>((input) => {
  for (const part of input.split(',')) {
    const [version, key] = part.split(':');
    if (!/^\d+$/.test(version ?? '') || Buffer.from(key ?? '', 'base64').length !== 32) {
      throw new EnvError('must be "version:base64key" pairs separated by commas, each key 32 bytes');
    }
  }
  return input;
});

/** A URL with a host and the one scheme the process knows how to use (`url()` would take "db:3306" as scheme "db:"). */
const serverUrl = (scheme: string) =>
  makeValidator<string>((input) => {
    let parsed: URL;
    try {
      parsed = new URL(input);
    } catch {
      throw new EnvError(`must be a URL like ${scheme}//host:port`);
    }
    if (parsed.protocol !== scheme || !parsed.hostname) throw new EnvError(`must be a URL like ${scheme}//host:port`);
    return input;
  });

const specs = {
  NODE_ENV: str({ choices: ['development', 'test', 'production'], default: 'development' }),
  LOG_LEVEL: str({ choices: ['debug', 'info', 'warn', 'error'], default: 'info' }),
  PORT: port({ default: 3000, desc: 'gateway HTTP port' }),
  MYSQL_URL: serverUrl('mysql:')({ default: undefined, desc: 'MySQL server; with REDIS_URL selects the production topology' }),
  REDIS_URL: serverUrl('redis:')({ default: undefined, desc: 'Redis; with MYSQL_URL selects the production topology' }),
  CLINIC_DATA_DIR: str({ default: 'data', desc: 'embedded mode: where the SQLite files live' }),
  CLINIC_DB_PREFIX: str({ default: 'clinic_', desc: 'MySQL schema (and user) name prefix' }),
  PATIENT_DB_PASSWORD: str({ default: undefined }),
  PHARMACY_DB_PASSWORD: str({ default: undefined }),
  BILLING_DB_PASSWORD: str({ default: undefined }),
  SERVICE_HOST: str({ default: '127.0.0.1', desc: 'embedded mode: loopback host the services listen on' }),
  PATIENT_SVC_PORT: port({ default: 3101 }),
  PHARMACY_SVC_PORT: port({ default: 3102 }),
  BILLING_SVC_PORT: port({ default: 3103 }),
  RPC_TIMEOUT_MS: num({ default: 5000 }),
  OUTBOX_DELAY_MS: num({ default: 20, desc: 'how soon after a commit its events are published' }),
  OUTBOX_POLL_MS: num({ default: 500, desc: 'how often unpublished events are retried' }),
  MIGRATIONS_RUN_ON_START: bool({ default: undefined, desc: 'default: yes on SQLite, no on MySQL (db:setup runs them)' }),
  JWT_SECRET: str({ default: undefined, desc: 'HMAC key for access tokens, at least 32 characters' }),
  ACCESS_TOKEN_TTL_SECONDS: num({ default: 900 }),
  REFRESH_TOKEN_TTL_DAYS: num({ default: 14 }),
  PII_KEYS: keyRing({ default: undefined, desc: 'AES-256-GCM keys for ID card and phone numbers' }),
  PII_ACTIVE_KEY_VERSION: num({ default: 1 }),
  PII_INDEX_KEY: key32({ default: undefined, desc: 'HMAC key for searching encrypted identifiers' }),
  CLINIC_ADMIN_PASSWORD: str({ default: undefined }),
  CLINIC_DEMO_DATA: bool({ default: false }),
  CLINIC_TIMEZONE: str({ default: 'Asia/Shanghai' }),
  CLINIC_NAME: str({ default: '诊所', desc: 'the clinic name printed on receipts' }),
  CLINIC_H5_DIR: str({ default: undefined, desc: 'the built H5 client served at /' }),
  WECHAT_APP_ID: str({ default: undefined, desc: 'mini-program app id; unset: the development login adapter' }),
  WECHAT_APP_SECRET: str({ default: undefined }),
  WECHAT_API_BASE: str({ default: 'https://api.weixin.qq.com', desc: 'where code2Session goes (tests: a local fake)' }),
  WECHAT_TIMEOUT_MS: num({ default: 5000 }),
  WECHAT_SUBSCRIBE_TEMPLATES: str({ default: undefined, desc: 'subscribe-message template ids: FOLLOW_UP=<id>,MEDICATION=<id>,APPOINTMENT=<id>; unset: reminders are recorded, not sent' }),
  WECHATPAY_MCH_ID: str({ default: undefined, desc: 'WeChat Pay merchant id; unset: the development payment adapter (never in production)' }),
  WECHATPAY_API_V3_KEY: str({ default: undefined, desc: 'the API v3 key (32 characters) that opens notifications' }),
  WECHATPAY_MCH_PRIVATE_KEY_FILE: str({ default: undefined, desc: 'the merchant API private key (PEM) that signs requests' }),
  WECHATPAY_MCH_CERT_SERIAL: str({ default: undefined, desc: "the serial number of the merchant API certificate" }),
  WECHATPAY_PLATFORM_PUBLIC_KEY_FILE: str({ default: undefined, desc: 'the WeChat Pay public key (PEM) that replies and notifications are verified with' }),
  WECHATPAY_PLATFORM_SERIAL: str({ default: undefined, desc: 'its id, as sent in Wechatpay-Serial' }),
  WECHATPAY_API_BASE: str({ default: 'https://api.mch.weixin.qq.com', desc: 'where WeChat Pay requests go (tests: a local fake)' }),
  WECHATPAY_NOTIFY_URL: str({ default: undefined, desc: 'the public https URL of POST /api/v1/payments/wechat/notify' }),
  WECHATPAY_HOLD_MINUTES: num({ default: 30, desc: 'how long an unpaid WeChat order holds its bill before it is closed' }),
  WECHATPAY_QUERY_AFTER_SECONDS: num({ default: 60, desc: 'a pending payment or refund with no notification this long is queried' }),
  WECHATPAY_JOB_SECONDS: num({ default: 30, desc: 'how often pending WeChat payments and refunds are checked' }),
  INSURANCE_API_BASE: str({ default: undefined, desc: "the 医保 platform's interface base URL; unset: the development stand-in (outside production) or no 医保" }),
  INSURANCE_ORG_CODE: str({ default: undefined, desc: 'the clinic\'s 定点医药机构编号 (fixmedins_code)' }),
  INSURANCE_AREA: str({ default: undefined, desc: 'the 医保 area code (mdtrtarea_admvs)' }),
  INSURANCE_TIMEOUT_MS: num({ default: 10000, desc: 'past this a settlement counts as unanswered and is reversed (冲正)' }),
  REMINDER_JOB_SECONDS: num({ default: 60, desc: 'how often due reminders are sent and tomorrow\'s appointment reminders made' }),
  LOGIN_LOCK_THRESHOLD: num({ default: 5, desc: 'failed staff logins within the window that lock the account' }),
  LOGIN_LOCK_WINDOW_SECONDS: num({ default: 900 }),
  LOGIN_LOCK_SECONDS: num({ default: 900, desc: 'how long a locked account stays locked' }),
  RATE_LIMIT_WINDOW_SECONDS: num({ default: 60 }),
  BOOKING_WINDOW_DAYS: num({ default: 7, desc: 'how many days ahead patients may book' }),
  BOOKING_CUTOFF_MINUTES: num({ default: 30, desc: 'same-day booking closes this long before the shift ends' }),
  REGISTRATION_HOLD_SECONDS: num({ default: 900, desc: 'how long an unpaid online booking holds its place' }),
  QUEUE_BOOKED_FIRST: bool({ default: true, desc: 'booked patients are called before walk-ins' }),
  NO_SHOW_LIMIT: num({ default: 3, desc: 'no-shows within NO_SHOW_WINDOW_DAYS that block online booking' }),
  NO_SHOW_WINDOW_DAYS: num({ default: 90 }),
  NO_SHOW_BLOCK_DAYS: num({ default: 30 }),
  NO_SHOW_SWEEP_SECONDS: num({ default: 60, desc: 'how often finished shifts are swept for no-shows' }),
  STATS_WARM_SECONDS: num({ default: 3600, desc: 'how often the statistics day summaries of the last three years are built ahead of reads (first run within a minute of start); 0: only when read' }),
  MAX_APPOINTMENTS_PER_DAY: num({ default: 3, desc: 'active appointments one patient may hold on one day' }),
  PRESCRIPTION_VALID_DAYS: num({ default: 1, choices: [1, 2, 3], desc: 'a prescription may be dispensed on the day it is signed and this many days in all (处方管理办法: 1, at most 3)' }),
  RESERVATION_HOLD_MINUTES: num({ default: 1440, desc: 'how long stock stays reserved for a signed prescription that is not paid' }),
  NEAR_EXPIRY_DAYS: num({ default: 90, desc: 'batches expiring within this many days raise a NEAR_EXPIRY alert' }),
  PHARMACY_JOB_SECONDS: num({ default: 60, desc: 'how often pharmacy expires batches, lapses unpaid reservations and sends alerts' }),
  TRUST_PROXY: bool({ default: false, desc: 'take the client address from X-Forwarded-For (only behind your own proxy)' }),
  RATE_LIMIT_LOGIN_PER_IP: num({ default: 30, desc: 'login and refresh calls per client address per window' }),
  RATE_LIMIT_LOGIN_PER_ACCOUNT: num({ default: 10, desc: 'login calls per username (or refresh token) per window' }),
};

export type Env = ReturnType<typeof cleanEnv<typeof specs>>;

export type ProcessName = 'gateway' | ServiceName;

/**
 * The settings each process cannot start without, beyond those with defaults. In the production topology every
 * process also needs MYSQL_URL and REDIS_URL. docker-compose.yml is checked against this list by a test.
 */
export const PROCESS_NEEDS: Record<ProcessName, { always: (keyof Env)[]; production: (keyof Env)[] }> = {
  gateway: { always: ['JWT_SECRET'], production: [] },
  patient: { always: ['JWT_SECRET', 'PII_KEYS', 'PII_INDEX_KEY'], production: ['PATIENT_DB_PASSWORD'] },
  pharmacy: { always: [], production: ['PHARMACY_DB_PASSWORD'] },
  billing: { always: [], production: ['BILLING_DB_PASSWORD'] },
};

export interface DbTarget {
  kind: 'mysql' | 'sqlite';
  /** mysql: the schema and the user that owns it; sqlite: the file. */
  database: string;
  username?: string;
  password?: string;
  host?: string;
  port?: number;
}

export class ConfigError extends Error {}

/**
 * The one place that reads process.env. Called once at start-up; a bad or missing setting stops the
 * process with a message naming it.
 */
export function loadConfig(process_: ProcessName, env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  // envalid leaves a malformed setting out of its result and throws if it is read afterwards, so the checks
  // below ask `given()` instead: a malformed value counts as set (its own problem is already listed).
  const malformed = new Set<string>();
  const clean = cleanEnv(env, specs, {
    reporter: ({ errors }) => {
      for (const [name, err] of Object.entries(errors)) {
        if (!(err instanceof EnvMissingError)) malformed.add(name);
        problems.push(err instanceof EnvMissingError ? `${name} is required` : `${name} ${err?.message ?? 'is invalid'}`);
      }
    },
  });
  const given = (name: keyof Env) => malformed.has(name) || clean[name] !== undefined;
  const needs = PROCESS_NEEDS[process_];
  for (const name of [...needs.always, ...(given('MYSQL_URL') ? needs.production : [])]) {
    if (!given(name)) problems.push(`${name} is required`);
  }
  // The development WeChat adapter signs anyone in as dev-<code>: never in production.
  if (process_ === 'patient' && clean.NODE_ENV === 'production' && !(given('WECHAT_APP_ID') && given('WECHAT_APP_SECRET'))) {
    problems.push('WECHAT_APP_ID and WECHAT_APP_SECRET are required when NODE_ENV=production (the development WeChat login is never used there)');
  }
  const merchant = ['WECHATPAY_MCH_ID', 'WECHATPAY_API_V3_KEY', 'WECHATPAY_MCH_PRIVATE_KEY_FILE', 'WECHATPAY_MCH_CERT_SERIAL', 'WECHATPAY_PLATFORM_PUBLIC_KEY_FILE', 'WECHATPAY_PLATFORM_SERIAL', 'WECHATPAY_NOTIFY_URL', 'WECHAT_APP_ID'] as const;
  if (process_ === 'billing') {
    const missing = merchant.filter((name) => !given(name));
    // The development payment adapter completes payments with no money moving: never in production, never half set up.
    if (clean.NODE_ENV === 'production' && missing.length) problems.push(`${missing.join(', ')} required when NODE_ENV=production (the development payment adapter is never used there)`);
    else if (given('WECHATPAY_MCH_ID') && missing.length) problems.push(`WeChat Pay is half set up: ${missing.join(', ')} missing`);
    if (!malformed.has('WECHATPAY_API_V3_KEY') && clean.WECHATPAY_API_V3_KEY && Buffer.byteLength(clean.WECHATPAY_API_V3_KEY) !== 32) problems.push('WECHATPAY_API_V3_KEY must be 32 bytes');
  }
  if (given('MYSQL_URL') !== given('REDIS_URL')) {
    problems.push('MYSQL_URL and REDIS_URL must be set together (production topology) or both left unset (embedded)');
  }
  if (!malformed.has('JWT_SECRET') && clean.JWT_SECRET && clean.JWT_SECRET.length < 32) problems.push('JWT_SECRET must be at least 32 characters');
  if (
    !malformed.has('PII_KEYS') &&
    !malformed.has('PII_ACTIVE_KEY_VERSION') &&
    clean.PII_KEYS &&
    !clean.PII_KEYS.split(',').some((p) => p.split(':')[0] === String(clean.PII_ACTIVE_KEY_VERSION))
  ) {
    problems.push(`PII_ACTIVE_KEY_VERSION ${clean.PII_ACTIVE_KEY_VERSION} has no key in PII_KEYS`);
  }
  if (problems.length) throw new ConfigError(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  return new Config(clean);
}

export class Config {
  constructor(readonly env: Env) {}

  get production(): boolean {
    return this.env.MYSQL_URL !== undefined;
  }

  get dataDir(): string {
    return isAbsolute(this.env.CLINIC_DATA_DIR) ? this.env.CLINIC_DATA_DIR : resolve(this.env.CLINIC_DATA_DIR);
  }

  get runMigrationsOnStart(): boolean {
    return this.env.MIGRATIONS_RUN_ON_START ?? !this.production;
  }

  schemaName(service: ServiceName): string {
    return `${this.env.CLINIC_DB_PREFIX}${service}`;
  }

  /** Where a service keeps its data: its own MySQL schema and user, or its own SQLite file. */
  dbTarget(service: ServiceName): DbTarget {
    if (!this.env.MYSQL_URL) return { kind: 'sqlite', database: resolve(this.dataDir, `${service}.sqlite`) };
    const server = new URL(this.env.MYSQL_URL);
    const password = { patient: this.env.PATIENT_DB_PASSWORD, pharmacy: this.env.PHARMACY_DB_PASSWORD, billing: this.env.BILLING_DB_PASSWORD }[service] ?? '';
    return {
      kind: 'mysql',
      database: this.schemaName(service),
      username: this.schemaName(service),
      password,
      host: server.hostname,
      port: Number(server.port || 3306),
    };
  }

  /** Loopback address of a service in embedded mode. */
  servicePort(service: ServiceName): number {
    return { patient: this.env.PATIENT_SVC_PORT, pharmacy: this.env.PHARMACY_SVC_PORT, billing: this.env.BILLING_SVC_PORT }[service];
  }

  redis(): { host: string; port: number; password?: string; username?: string; db: number } | undefined {
    if (!this.env.REDIS_URL) return undefined;
    const u = new URL(this.env.REDIS_URL);
    return {
      host: u.hostname,
      port: Number(u.port || 6379),
      password: u.password ? decodeURIComponent(u.password) : undefined,
      username: u.username ? decodeURIComponent(u.username) : undefined,
      db: Number(u.pathname.slice(1) || 0),
    };
  }
}

export const ALL_SERVICES: readonly ServiceName[] = SERVICES;
