#!/usr/bin/env node
// Staff sign-in throughput, next to what the password hash alone allows, in one run:
//   bare-verify       argon2id verify of one password, back to back (what a login must pay at least)
//   bare-hash+verify  hash then verify (the cost of setting a password, plus a login)
//   login-embedded    POST /api/v1/auth/staff/login through the gateway and patient-svc on SQLite
//   login-production  the same on MariaDB + Redis (fresh schemas made by db:setup, prefix clinic_benchlogin_test_)
// Method: each variant runs for DURATION seconds (default 5) with CONCURRENCY callers (default 4); rounds are
// interleaved (default 2) and the best round is kept; the ratio login / bare-verify shows what the hash costs.
// Argon2 parameters: @node-rs/argon2 defaults (argon2id, 19 MiB, 2 passes, 1 lane), as patient-svc uses them.
const { execFileSync } = require('node:child_process');
const { mkdtempSync } = require('node:fs');
const { cpus, tmpdir, totalmem } = require('node:os');
const { join } = require('node:path');
const { hash, verify } = require('@node-rs/argon2');
const mysql = require('mysql2/promise');
const { systemEnv, startSystem, waitHealthy } = require('../scripts/lib/system');

const DURATION = Number(process.env.BENCH_SECONDS ?? 5) * 1000;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const PASSWORD = 'Bench-Passw0rd!';
const ROOT = join(__dirname, '..');
const PREFIX = 'clinic_benchlogin_test_';

async function run(task) {
  let done = 0;
  const until = Date.now() + DURATION;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (Date.now() < until) {
      await task();
      done++;
    }
  }));
  return done / (DURATION / 1000);
}

async function system(mode) {
  const base = { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'warn', CLINIC_ADMIN_PASSWORD: PASSWORD, CLINIC_DEMO_DATA: '0', RATE_LIMIT_LOGIN_PER_IP: '100000000', RATE_LIMIT_LOGIN_PER_ACCOUNT: '100000000' };
  if (mode === 'production') {
    Object.assign(base, { PORT: '3960', MYSQL_URL: 'mysql://root@127.0.0.1:3306', REDIS_URL: 'redis://127.0.0.1:6379', CLINIC_DB_PREFIX: PREFIX, CLINIC_DATA_DIR: mkdtempSync(join(tmpdir(), 'clinic-bench-login-')) });
    const conn = await mysql.createConnection({ host: '127.0.0.1', user: 'root' });
    for (const s of ['patient', 'pharmacy', 'billing']) await conn.query(`DROP DATABASE IF EXISTS \`${PREFIX}${s}\``);
    await conn.end();
    execFileSync(process.execPath, ['scripts/db-setup.js'], { cwd: ROOT, stdio: 'ignore', env: base });
  } else {
    Object.assign(base, { PORT: '3950', PATIENT_SVC_PORT: '3951', PHARMACY_SVC_PORT: '3952', BILLING_SVC_PORT: '3953', CLINIC_DATA_DIR: mkdtempSync(join(tmpdir(), 'clinic-bench-login-')) });
  }
  const { env } = systemEnv(base);
  const sys = startSystem({ env, stdio: 'ignore' });
  const url = `http://127.0.0.1:${env.PORT}`;
  await waitHealthy(url, 90_000);
  const body = JSON.stringify({ username: 'admin', password: PASSWORD });
  const login = async () => {
    const res = await fetch(`${url}/api/v1/auth/staff/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    if (res.status !== 200) throw new Error(`login answered ${res.status}: ${await res.text()}`);
    await res.arrayBuffer();
  };
  await login();
  return { login, stop: () => sys.stop() };
}

async function main() {
  const stored = await hash(PASSWORD);
  const running = [];
  try {
    await measure(stored, running);
  } finally {
    await Promise.all(running.map((s) => s.stop()));
  }
}

async function measure(stored, running) {
  const embedded = await system('embedded');
  running.push(embedded);
  const production = await system('production');
  running.push(production);
  const variants = {
    'bare-verify': () => verify(stored, PASSWORD),
    'bare-hash+verify': async () => verify(await hash(PASSWORD), PASSWORD),
    'login-embedded': embedded.login,
    'login-production': production.login,
  };
  const best = {};
  for (let r = 0; r < ROUNDS; r++) for (const [name, task] of Object.entries(variants)) best[name] = Math.max(best[name] ?? 0, await run(task));
  console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model}), ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}; ${CONCURRENCY} concurrent callers, ${DURATION / 1000} s × ${ROUNDS} rounds, best round`);
  for (const [name, perSecond] of Object.entries(best)) console.log(`${name.padEnd(17)} ${perSecond.toFixed(1).padStart(7)} /s`);
  console.log(`ratios: login-embedded / bare-verify = ${(best['login-embedded'] / best['bare-verify']).toFixed(2)}; login-production / bare-verify = ${(best['login-production'] / best['bare-verify']).toFixed(2)}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
