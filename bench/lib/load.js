// Shared pieces of the bench scripts: percentiles, a timed HTTP call, a closed-loop load generator and the
// production topology on its own schemas.
const { execFileSync } = require('node:child_process');
const { mkdtempSync } = require('node:fs');
const { cpus, tmpdir, totalmem } = require('node:os');
const { join } = require('node:path');
const mysql = require('mysql2/promise');
const { systemEnv, startSystem, waitHealthy } = require('../../scripts/lib/system');

const ROOT = join(__dirname, '..', '..');

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

async function call(method, url, body, token) {
  const started = process.hrtime.bigint();
  const res = await fetch(url, { method, headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) }, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = await res.json().catch(() => ({}));
  return { status: res.status, body: json, ms: Number(process.hrtime.bigint() - started) / 1e6 };
}

const post = (url, body, token) => call('POST', url, body, token);

/** Runs `next()` from `clients` loops until the time is up (or `next` returns null); returns rate and latencies. */
async function load(clients, durationMs, next) {
  const lat = [];
  const statuses = {};
  const started = Date.now();
  const until = started + durationMs;
  await Promise.all(Array.from({ length: clients }, async () => {
    while (Date.now() < until) {
      const r = await next();
      if (!r) break;
      lat.push(r.ms);
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
    }
  }));
  const seconds = (Date.now() - started) / 1000;
  return { perSecond: lat.length / seconds, p50: pct(lat, 50), p99: pct(lat, 99), statuses };
}

/** The environment the four processes get for a topology on `prefix`; a fixed `dataDir` keeps its secrets across runs. */
function productionEnv({ prefix, port, password, dataDir, env = {} }) {
  return { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'warn', PORT: String(port), MYSQL_URL: 'mysql://root@127.0.0.1:3306', REDIS_URL: 'redis://127.0.0.1:6379', CLINIC_DB_PREFIX: prefix, CLINIC_DATA_DIR: dataDir ?? mkdtempSync(join(tmpdir(), 'clinic-bench-')), CLINIC_ADMIN_PASSWORD: password, RATE_LIMIT_LOGIN_PER_IP: '100000', ...env };
}

/** Drops the schemas under the prefix and makes them again with db:setup (users, migrations); nothing is started. */
async function setupSchemas(base) {
  const prefix = base.CLINIC_DB_PREFIX;
  if (!prefix.includes('test')) throw new Error(`refusing to drop schemas under ${prefix}: the prefix must say test`);
  const conn = await mysql.createConnection({ host: '127.0.0.1', user: 'root' });
  for (const s of ['patient', 'pharmacy', 'billing']) await conn.query(`DROP DATABASE IF EXISTS \`${prefix}${s}\``);
  await conn.end();
  execFileSync(process.execPath, ['scripts/db-setup.js'], { cwd: ROOT, stdio: 'ignore', env: base });
}

/**
 * The four processes on `port` over the schemas under `prefix`: fresh ones made by db:setup, or with
 * `fresh: false` the ones already there (a generated data set, read with the secrets kept in `dataDir`).
 * Returns the API base URL and an admin token.
 */
async function bootProduction(running, { prefix, port, password, env = {}, dataDir, fresh = true }) {
  const base = productionEnv({ prefix, port, password, dataDir, env });
  // A data set kept from an earlier run gets the migrations written since, as a deploy would.
  if (fresh) await setupSchemas(base);
  else execFileSync(process.execPath, ['scripts/db-migrate.js'], { cwd: ROOT, stdio: 'ignore', env: base });
  const sys = startSystem({ env: systemEnv(base).env, stdio: 'ignore' });
  running.push(sys);
  await waitHealthy(`http://127.0.0.1:${port}`, 90_000);
  const url = `http://127.0.0.1:${port}/api/v1`;
  const token = (await post(`${url}/auth/staff/login`, { username: 'admin', password })).body.accessToken;
  return { url, token };
}

/** `n` timed runs of `fn` after one warm-up; milliseconds with p50 and p95. */
async function repeat(n, fn) {
  await fn();
  const ms = [];
  for (let i = 0; i < n; i++) {
    const started = process.hrtime.bigint();
    await fn(i);
    ms.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return { n, p50: pct(ms, 50), p95: pct(ms, 95), ms };
}

function machine() {
  return `machine: ${cpus().length} cores (${cpus()[0]?.model}), ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}; MariaDB + Redis on 127.0.0.1`;
}

module.exports = { ROOT, pct, call, post, load, productionEnv, setupSchemas, bootProduction, repeat, machine };
