// Starts the gateway and the three services as child processes: used by `npm start` and by the
// integration tests, so both run the system the same way.
const { spawn } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const { existsSync, mkdirSync, readFileSync, writeFileSync } = require('node:fs');
const { join, resolve } = require('node:path');

const ROOT = resolve(__dirname, '..', '..');
const SERVICES = ['patient', 'pharmacy', 'billing'];
const ENTRY = {
  patient: 'apps/patient-svc/dist/main.js',
  pharmacy: 'apps/pharmacy-svc/dist/main.js',
  billing: 'apps/billing-svc/dist/main.js',
  gateway: 'apps/gateway/dist/main.js',
};

function dataDirOf(env) {
  return resolve(ROOT, env.CLINIC_DATA_DIR || 'data');
}

function readJson(file) {
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
}

/**
 * Secrets a developer's machine should not have to invent: made once, kept in the data directory (mode 600)
 * so tokens and encrypted fields stay readable across restarts. Production supplies its own.
 */
function localSecrets(dataDir, env) {
  const file = join(dataDir, 'secrets.json');
  let secrets = readJson(file);
  if (!secrets) {
    if (env.NODE_ENV === 'production') {
      throw new Error('NODE_ENV=production: set JWT_SECRET, PII_KEYS, PII_INDEX_KEY and CLINIC_ADMIN_PASSWORD yourself');
    }
    mkdirSync(dataDir, { recursive: true });
    secrets = {
      JWT_SECRET: randomBytes(48).toString('base64url'),
      PII_KEYS: `1:${randomBytes(32).toString('base64')}`,
      PII_INDEX_KEY: randomBytes(32).toString('base64'),
      CLINIC_ADMIN_PASSWORD: `Clinic-${randomBytes(6).toString('base64url')}`,
    };
    writeFileSync(file, JSON.stringify(secrets, null, 2) + '\n', { mode: 0o600 });
  }
  return { file, secrets };
}

/** The environment every process gets: the caller's settings first, local secrets only for what is unset. */
function systemEnv(base = process.env) {
  const env = { ...base };
  const dataDir = dataDirOf(env);
  env.CLINIC_DATA_DIR = dataDir;
  const { file, secrets } = localSecrets(dataDir, env);
  for (const [k, v] of Object.entries(secrets)) if (env[k] === undefined) env[k] = v;
  if (!env.MYSQL_URL) {
    env.CLINIC_DEMO_DATA ??= '1'; // the embedded default is for trying the system out
  } else {
    const credentials = readJson(join(dataDir, 'mysql-credentials.json')) ?? {};
    for (const s of SERVICES) {
      const key = `${s.toUpperCase()}_DB_PASSWORD`;
      if (env[key] === undefined && credentials[key] !== undefined) env[key] = credentials[key];
    }
  }
  return { env, secretsFile: file };
}

/**
 * Spawns the three services, then the gateway. Resolves with handles once started; `onExit` hears any
 * child that ends. `stdio` 'inherit' for a console, 'pipe' to collect the logs (tests).
 */
function startSystem({ env, stdio = 'inherit', onExit = () => {} }) {
  const children = {};
  for (const name of [...SERVICES, 'gateway']) {
    const child = spawn(process.execPath, [join(ROOT, ENTRY[name])], { cwd: ROOT, env, stdio: ['ignore', stdio, stdio] });
    child.on('exit', (code, signal) => onExit(name, code, signal));
    children[name] = child;
  }
  return {
    children,
    async stop(signal = 'SIGTERM') {
      await Promise.all(
        Object.values(children).map(
          (c) =>
            new Promise((done) => {
              if (c.exitCode !== null || c.signalCode !== null) return done();
              c.once('exit', done);
              c.kill(signal);
              setTimeout(() => c.kill('SIGKILL'), 10_000).unref();
            }),
        ),
      );
    },
  };
}

/** Polls /api/v1/health until it answers 200, or gives up after `timeoutMs`. */
async function waitHealthy(baseUrl, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${baseUrl}/api/v1/health`);
      if (res.status === 200) return;
      last = `${res.status} ${await res.text()}`;
    } catch (err) {
      last = err.message;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`system not healthy after ${timeoutMs} ms: ${last}`);
}

module.exports = { ROOT, SERVICES, ENTRY, systemEnv, startSystem, waitHealthy, dataDirOf };
