#!/usr/bin/env node
// How long until a started system answers GET /api/v1/health with 200, three ways, interleaved in one run
// so that a noisy machine slows them alike:
//   npm-start-cold   `npm start`, embedded, empty data dir (build check, migrations, demo seed)
//   embedded-warm    `node scripts/start.js`, embedded, data dir already made
//   production       `node scripts/start.js` with MYSQL_URL + REDIS_URL (MariaDB and Redis on this machine)
// Method: spawn, poll /health every 50 ms, stop the process group; N rounds (default 3); report median.
// Needs: a built tree (npm start once), MariaDB and Redis on 127.0.0.1 (as on the node-svc machine).
const { execFileSync, spawn } = require('node:child_process');
const { mkdtempSync } = require('node:fs');
const { cpus, tmpdir, totalmem } = require('node:os');
const { join } = require('node:path');

const ROOT = join(__dirname, '..');
const ROUNDS = Number(process.argv[2] ?? 3);
const MYSQL_URL = process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const PROD_DIR = mkdtempSync(join(tmpdir(), 'clinic-bench-prod-'));
const WARM_DIR = mkdtempSync(join(tmpdir(), 'clinic-bench-warm-'));
const base = { ...process.env, LOG_LEVEL: 'warn', PORT: '3900', PATIENT_SVC_PORT: '3901', PHARMACY_SVC_PORT: '3902', BILLING_SVC_PORT: '3903' };
delete base.MYSQL_URL;
delete base.REDIS_URL;

const variants = {
  'npm-start-cold': () => ({ cmd: 'npm', args: ['start', '--silent'], env: { ...base, CLINIC_DATA_DIR: mkdtempSync(join(tmpdir(), 'clinic-bench-cold-')) } }),
  'embedded-warm': () => ({ cmd: process.execPath, args: ['scripts/start.js'], env: { ...base, CLINIC_DATA_DIR: WARM_DIR } }),
  production: () => ({
    cmd: process.execPath,
    args: ['scripts/start.js'],
    env: { ...base, MYSQL_URL, REDIS_URL, CLINIC_DB_PREFIX: 'clinic_benchtest_', CLINIC_DATA_DIR: PROD_DIR },
  }),
};

async function once({ cmd, args, env }) {
  const started = process.hrtime.bigint();
  const child = spawn(cmd, args, { cwd: ROOT, env, stdio: 'ignore', detached: true });
  try {
    for (;;) {
      const ok = await fetch('http://127.0.0.1:3900/api/v1/health').then((r) => r.status === 200, () => false);
      if (ok) return Number(process.hrtime.bigint() - started) / 1e6;
      if (child.exitCode !== null) throw new Error(`${cmd} ${args.join(' ')} exited with ${child.exitCode}`);
      if (Number(process.hrtime.bigint() - started) > 120e9) throw new Error('no healthy answer in 120 s');
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    const gone = new Promise((r) => child.once('exit', r));
    process.kill(-child.pid, 'SIGTERM');
    await gone;
    await new Promise((r) => setTimeout(r, 300)); // let the ports close
  }
}

async function main() {
  execFileSync(process.execPath, ['scripts/db-setup.js'], { cwd: ROOT, stdio: 'ignore', env: { ...base, MYSQL_URL, REDIS_URL, CLINIC_DB_PREFIX: 'clinic_benchtest_', CLINIC_DATA_DIR: PROD_DIR } });
  await once(variants['embedded-warm']()); // makes the warm data dir
  const times = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
  for (let i = 0; i < ROUNDS; i++) for (const [name, make] of Object.entries(variants)) times[name].push(await once(make()));
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model}), ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}; ${ROUNDS} rounds, interleaved`);
  for (const [name, xs] of Object.entries(times)) console.log(`${name.padEnd(15)} median ${Math.round(median(xs))} ms  (runs: ${xs.map(Math.round).join(', ')})`);
  const m = Object.fromEntries(Object.entries(times).map(([k, xs]) => [k, median(xs)]));
  console.log(`ratios: npm-start-cold / embedded-warm = ${(m['npm-start-cold'] / m['embedded-warm']).toFixed(2)}; production / embedded-warm = ${(m.production / m['embedded-warm']).toFixed(2)}`);
}

main().catch((err) => {
  console.error(err.message);
  process.exit(1);
});
