/**
 * Static checks of the container deployment: docker-compose.yml, docker/Dockerfile, docker/mysql-init and
 * .env.example. No Docker engine is needed; where a compose CLI is installed, it validates the file too.
 *
 * The settings each process needs come from PROCESS_NEEDS, the list the processes themselves validate at start,
 * so adding a required setting to a process without giving it to its container fails here.
 *
 * CLINIC_COMPOSE_ROOT points the checks at another copy of these files (used to prove that each check fails on a
 * broken copy); by default they read the repository's own files.
 */
import { execFile, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, posix, resolve } from 'node:path';
import { parse } from 'yaml';
import { PROCESS_NEEDS, type ProcessName } from '@clinic/platform';

const ROOT = process.env.CLINIC_COMPOSE_ROOT ? resolve(process.env.CLINIC_COMPOSE_ROOT) : resolve(__dirname, '../..');
const COMPOSE_FILE = join(ROOT, 'docker-compose.yml');
const DOCKERFILE = 'docker/Dockerfile';
const ENV_EXAMPLE = join(ROOT, '.env.example');
const INIT_SCRIPT = join(ROOT, 'docker/mysql-init/01-schemas.sh');

/** The compose service that runs each process. */
const SERVICE_OF: Record<ProcessName, string> = {
  gateway: 'gateway',
  patient: 'patient-svc',
  pharmacy: 'pharmacy-svc',
  billing: 'billing-svc',
};
const PROCESSES = Object.keys(SERVICE_OF) as ProcessName[];
const APP_SERVICES = PROCESSES.map((p) => SERVICE_OF[p]);
const BACKED_SERVICES = ['patient-svc', 'pharmacy-svc', 'billing-svc'];
/** Each service's MySQL schema, which is also its MySQL user, and the setting that holds the user's password. */
const DATABASES = [
  { schema: 'clinic_patient', passwordVar: 'PATIENT_DB_PASSWORD' },
  { schema: 'clinic_pharmacy', passwordVar: 'PHARMACY_DB_PASSWORD' },
  { schema: 'clinic_billing', passwordVar: 'BILLING_DB_PASSWORD' },
];

type Service = Record<string, any>;
interface ComposeFile {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
  [key: string]: unknown;
}

const composeText = readFileSync(COMPOSE_FILE, 'utf8');
// Compose accepts YAML 1.1 merge keys (`<<: *anchor`); the yaml package needs to be told.
const compose = parse(composeText, { merge: true }) as ComposeFile;
const services = compose.services ?? {};

function service(name: string): Service {
  const s = services[name];
  if (!s) throw new Error(`docker-compose.yml has no service "${name}"`);
  return s;
}

/** `environment` in either form (list of KEY=VALUE, or mapping); a key without a value maps to null. */
function environmentOf(name: string): Map<string, string | null> {
  const env = service(name).environment ?? {};
  const out = new Map<string, string | null>();
  if (Array.isArray(env)) {
    for (const entry of env as string[]) {
      const i = entry.indexOf('=');
      if (i < 0) out.set(entry, null);
      else out.set(entry.slice(0, i), entry.slice(i + 1));
    }
  } else {
    for (const [k, v] of Object.entries(env)) out.set(k, v === null || v === undefined ? null : String(v));
  }
  return out;
}

/** `depends_on` in either form; the list form means condition service_started. */
function dependsOn(name: string): Map<string, string> {
  const deps = service(name).depends_on ?? {};
  const out = new Map<string, string>();
  if (Array.isArray(deps)) for (const d of deps as string[]) out.set(d, 'service_started');
  else for (const [k, v] of Object.entries(deps as Record<string, any>)) out.set(k, v?.condition ?? 'service_started');
  return out;
}

/** A healthcheck's command as one string, or undefined when there is none (or it is disabled). */
function healthcheckCommand(name: string): string | undefined {
  const hc = service(name).healthcheck;
  if (!hc || hc.disable === true) return undefined;
  const test = Array.isArray(hc.test) ? (hc.test as string[]) : [String(hc.test ?? '')];
  if (test[0] === 'NONE' || test.join('').trim() === '') return undefined;
  return test.join(' ');
}

function commandOf(name: string): string {
  const c = service(name).command;
  return Array.isArray(c) ? (c as string[]).join(' ') : String(c ?? '');
}

interface Mount {
  type: 'volume' | 'bind';
  source: string;
  target: string;
}

/** `volumes` of a service, short or long syntax. A source that is not a path is a named volume. */
function mountsOf(name: string): Mount[] {
  return ((service(name).volumes ?? []) as any[]).map((v): Mount => {
    if (typeof v === 'string') {
      const [source, target] = v.split(':');
      const isPath = /^[./~]/.test(source);
      return { type: isPath ? 'bind' : 'volume', source, target };
    }
    return { type: v.type, source: v.source, target: v.target };
  });
}

/** Every `${VAR…}` or `$VAR` in a parsed compose value (`$$` is an escaped dollar, not interpolation). */
function interpolatedNames(value: unknown, into = new Set<string>()): Set<string> {
  if (typeof value === 'string') {
    for (const m of value.matchAll(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)|\$([A-Za-z_][A-Za-z0-9_]*)/g)) {
      const varName = m[1] ?? m[2];
      if (varName) into.add(varName);
    }
  } else if (Array.isArray(value)) {
    for (const v of value) interpolatedNames(v, into);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      interpolatedNames(k, into);
      interpolatedNames(v, into);
    }
  }
  return into;
}

// --- .env.example -------------------------------------------------------------------------------------------------

const envExampleLines = readFileSync(ENV_EXAMPLE, 'utf8').split(/\r?\n/);
const ASSIGNMENT = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=(.*)$/;
const COMMENTED_ASSIGNMENT = /^\s*#\s*([A-Za-z_][A-Za-z0-9_]*)\s*=/;
const envExampleDefined = new Map<string, string>();
const envExampleCommented = new Set<string>();
for (const line of envExampleLines) {
  const a = ASSIGNMENT.exec(line);
  if (a) envExampleDefined.set(a[1], a[2].trim());
  const c = COMMENTED_ASSIGNMENT.exec(line);
  if (c) envExampleCommented.add(c[1]);
}

/** The comment lines that describe a variable in .env.example: the comment block above it (or above its group). */
function envExampleComment(varName: string): string {
  let i = envExampleLines.findIndex((l) => ASSIGNMENT.exec(l)?.[1] === varName);
  if (i < 0) return '';
  while (i > 0 && ASSIGNMENT.test(envExampleLines[i - 1])) i--;
  const comment: string[] = [];
  for (let j = i - 1; j >= 0 && /^\s*#/.test(envExampleLines[j]); j--) comment.unshift(envExampleLines[j]);
  return comment.join('\n');
}

// --- Dockerfile ---------------------------------------------------------------------------------------------------

interface Stage {
  name?: string;
  from: string;
  instructions: { keyword: string; args: string }[];
}

function parseDockerfile(text: string): Stage[] {
  const stages: Stage[] = [];
  const logical = text
    .replace(/\\\r?\n/g, ' ') // line continuations
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  for (const line of logical) {
    const [, keyword = '', args = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    if (keyword.toUpperCase() === 'FROM') {
      const m = /^(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args);
      if (!m) throw new Error(`cannot read Dockerfile line: ${line}`);
      stages.push({ from: m[1], name: m[2], instructions: [] });
    } else if (stages.length) {
      stages[stages.length - 1].instructions.push({ keyword: keyword.toUpperCase(), args });
    }
  }
  return stages;
}

const dockerfilePath = join(ROOT, DOCKERFILE);
const stages = existsSync(dockerfilePath) ? parseDockerfile(readFileSync(dockerfilePath, 'utf8')) : [];
const stageNamed = (name: string) => stages.find((s) => s.name?.toLowerCase() === name.toLowerCase());

/** A stage and the stages it is built on, base first, and the image at the bottom. */
function stageChain(target: string): { chain: Stage[]; baseImage: string } {
  const chain: Stage[] = [];
  let stage = stageNamed(target);
  let image = '';
  while (stage) {
    chain.unshift(stage);
    image = stage.from;
    stage = stageNamed(stage.from);
  }
  return { chain, baseImage: image };
}

function instructions(chain: Stage[], keyword: string): string[] {
  return chain.flatMap((s) => s.instructions.filter((i) => i.keyword === keyword).map((i) => i.args));
}

/** ENV values set along a chain of stages (both `ENV A=1 B=2` and the legacy `ENV A 1`). */
function envOfChain(chain: Stage[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const args of instructions(chain, 'ENV')) {
    if (/^[A-Za-z_][A-Za-z0-9_]*\s+[^=]*$/.test(args)) {
      const [k, ...rest] = args.split(/\s+/);
      out.set(k, rest.join(' '));
      continue;
    }
    for (const m of args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|\S*)/g)) out.set(m[1], m[2].replace(/^"|"$/g, ''));
  }
  return out;
}

// --- tests --------------------------------------------------------------------------------------------------------

describe('docker-compose.yml', () => {
  it('uses the compose specification (no version key) and defines the six services', () => {
    expect(compose).not.toHaveProperty('version');
    for (const name of ['mysql', 'redis', ...APP_SERVICES]) expect(Object.keys(services)).toContain(name);
  });

  it('maps every process in PROCESS_NEEDS to a service', () => {
    expect(Object.keys(PROCESS_NEEDS).sort()).toEqual([...PROCESSES].sort());
  });

  it('restarts every service unless it was stopped', () => {
    for (const name of Object.keys(services)) expect({ name, restart: services[name].restart }).toEqual({ name, restart: 'unless-stopped' });
  });

  describe('mysql', () => {
    it('runs MySQL 8.4 with its data on a named volume', () => {
      expect(service('mysql').image).toMatch(/^mysql:8\.4(\b|$)/);
      const data = mountsOf('mysql').find((m) => m.target === '/var/lib/mysql');
      expect(data).toMatchObject({ type: 'volume' });
      expect(Object.keys(compose.volumes ?? {})).toContain(data!.source);
    });

    it('has a healthcheck with mysqladmin ping over TCP (green only after the init scripts have run)', () => {
      const hc = healthcheckCommand('mysql');
      expect(hc).toMatch(/mysqladmin\b.*\bping\b/);
      // The image's temporary server during initialisation listens on the socket only.
      expect(hc).toMatch(/(--host[= ]|-h\s*)(127\.0\.0\.1|localhost --protocol=tcp)/);
    });

    it('mounts the init scripts into /docker-entrypoint-initdb.d', () => {
      const init = mountsOf('mysql').find((m) => m.target === '/docker-entrypoint-initdb.d');
      expect(init).toMatchObject({ type: 'bind' });
      expect(existsSync(join(resolve(ROOT, init!.source), '01-schemas.sh'))).toBe(true);
    });

    it('gets the root password and the three service passwords for the init script, and nothing else secret', () => {
      const env = environmentOf('mysql');
      for (const v of ['MYSQL_ROOT_PASSWORD', ...DATABASES.map((d) => d.passwordVar)]) {
        expect({ v, value: env.get(v) }).toEqual({ v, value: expect.stringMatching(new RegExp(`^\\$\\{${v}:\\?`)) });
      }
      for (const k of env.keys()) expect(['MYSQL_ROOT_PASSWORD', ...DATABASES.map((d) => d.passwordVar), 'TZ']).toContain(k);
    });
  });

  describe('redis', () => {
    it('runs Redis 7 with append-only persistence on a named volume', () => {
      expect(service('redis').image).toMatch(/^redis:7(\b|-|$)/);
      expect(commandOf('redis')).toMatch(/--appendonly\s+yes/);
      const data = mountsOf('redis').find((m) => m.target === '/data');
      expect(data).toMatchObject({ type: 'volume' });
      expect(Object.keys(compose.volumes ?? {})).toContain(data!.source);
    });

    it('has a healthcheck with redis-cli ping', () => {
      expect(healthcheckCommand('redis')).toMatch(/redis-cli\b.*\bping\b/);
    });
  });

  it('publishes neither MySQL nor Redis on the host', () => {
    expect(service('mysql').ports).toBeUndefined();
    expect(service('redis').ports).toBeUndefined();
  });

  describe.each(APP_SERVICES)('%s', (name) => {
    it('builds from docker/Dockerfile with its own target, which the Dockerfile defines', () => {
      const build = service(name).build;
      expect(typeof build).toBe('object');
      expect(resolve(ROOT, build.context ?? '.')).toBe(ROOT);
      expect(build.dockerfile).toBe(DOCKERFILE);
      expect(build.target).toBe(name);
      expect(stages.map((s) => s.name)).toContain(build.target);
    });

    it('runs as the node user with NODE_ENV=production on node:20-bookworm-slim', () => {
      const { chain, baseImage } = stageChain(service(name).build.target);
      expect(baseImage).toBe('node:20-bookworm-slim');
      expect(instructions(chain, 'USER').at(-1)).toBe('node');
      expect(envOfChain(chain).get('NODE_ENV')).toBe('production');
    });

    it('waits for healthy MySQL and Redis (or, for the gateway, Redis and the started services)', () => {
      const deps = dependsOn(name);
      const needs = name === 'gateway' ? ['redis', ...BACKED_SERVICES] : ['mysql', 'redis'];
      for (const d of needs) expect([...deps.keys()]).toContain(d);
      for (const backing of ['mysql', 'redis']) {
        if (deps.has(backing)) expect({ backing, condition: deps.get(backing) }).toEqual({ backing, condition: 'service_healthy' });
      }
      // Waiting for "healthy" on a service without a healthcheck would wait for ever.
      for (const [d, condition] of deps) {
        if (condition === 'service_healthy') expect({ d, healthcheck: healthcheckCommand(d) !== undefined }).toEqual({ d, healthcheck: true });
      }
    });

    it('does not take its settings from a whole env file', () => {
      expect(service(name).env_file).toBeUndefined();
    });
  });

  describe.each(BACKED_SERVICES)('%s', (name) => {
    it('runs its migrations, then starts', () => {
      const main = `apps/${name}/dist/main.js`;
      expect(existsSync(join(ROOT, 'apps', name, 'package.json'))).toBe(true);
      expect(commandOf(name)).toBe(`sh -c node ${main} migrate up && exec node ${main}`);
    });
  });

  describe.each(PROCESSES)('settings of the %s process', (processName) => {
    const name = SERVICE_OF[processName];

    it('has every setting PROCESS_NEEDS lists, each required at compose time', () => {
      const env = environmentOf(name);
      for (const v of [...PROCESS_NEEDS[processName].always, ...PROCESS_NEEDS[processName].production]) {
        const value = env.get(v);
        expect({ v, present: typeof value === 'string' && value.length > 0 }).toEqual({ v, present: true });
        // An interpolation must be the `${VAR:?message}` form, so compose stops instead of passing an empty value.
        for (const m of value!.matchAll(/\$\{([^}]*)\}/g)) expect({ v, interpolation: m[1] }).toEqual({ v, interpolation: expect.stringMatching(/^[A-Za-z_][A-Za-z0-9_]*:\?/) });
      }
    });

    it('runs in the production topology: MYSQL_URL, REDIS_URL and NODE_ENV=production', () => {
      const env = environmentOf(name);
      expect(env.get('NODE_ENV')).toBe('production');
      const mysql = new URL(env.get('MYSQL_URL') ?? 'missing:');
      expect([mysql.protocol, mysql.hostname, mysql.port || '3306']).toEqual(['mysql:', 'mysql', '3306']);
      const redis = new URL(env.get('REDIS_URL') ?? 'missing:');
      expect([redis.protocol, redis.hostname, redis.port || '6379']).toEqual(['redis:', 'redis', '6379']);
    });

    it("receives no other process's secrets", () => {
      const own = new Set<string>([...PROCESS_NEEDS[processName].always, ...PROCESS_NEEDS[processName].production]);
      const secrets = new Set<string>(['MYSQL_ROOT_PASSWORD', ...DATABASES.map((d) => d.passwordVar)]);
      for (const p of PROCESSES) for (const v of [...PROCESS_NEEDS[p].always, ...PROCESS_NEEDS[p].production]) secrets.add(v);
      const extra = [...environmentOf(name).keys()].filter((k) => secrets.has(k) && !own.has(k));
      expect(extra).toEqual([]);
    });
  });

  describe('gateway', () => {
    it('publishes container port 3000 and listens on it', () => {
      const ports = (service('gateway').ports ?? []) as any[];
      const containerPorts = ports.map((p) => (typeof p === 'object' ? String(p.target) : String(p).split('/')[0].split(':').at(-1)));
      expect(containerPorts).toContain('3000');
      expect(environmentOf('gateway').get('PORT') ?? '3000').toBe('3000');
    });

    it('serves the H5 client that its image carries', () => {
      const { chain } = stageChain(service('gateway').build.target);
      const imageEnv = envOfChain(chain);
      const h5Dir = environmentOf('gateway').get('CLINIC_H5_DIR') ?? imageEnv.get('CLINIC_H5_DIR');
      expect(h5Dir).toMatch(/apps\/mini-client\/dist\/h5\/?$/);
      const workdir = instructions(chain, 'WORKDIR').at(-1) ?? '/';
      const copiedTo = instructions(chain, 'COPY')
        .filter((args) => /mini-client\/dist\/h5|\/h5\/?(\s|$)/.test(args))
        .map((args) => posix.resolve(workdir, args.split(/\s+/).at(-1)!));
      expect(copiedTo).toContain(posix.resolve(h5Dir!));
    });

    it('has a healthcheck that asks /api/v1/health with node (no curl in the slim image)', () => {
      const hc = healthcheckCommand('gateway');
      expect(hc).toMatch(/^CMD(-SHELL)? node /);
      expect(hc).toMatch(/https?:\/\/(127\.0\.0\.1|localhost):3000\/api\/v1\/health/);
      expect(hc).not.toMatch(/\b(curl|wget)\b/);
    });

    it('healthcheck really passes on 200 and fails on 503 or no answer', async () => {
      const test = service('gateway').healthcheck.test as string[];
      expect(Array.isArray(test) && test[0] === 'CMD' && test[1] === 'node').toBe(true);
      let status = 200;
      const server: Server = createServer((req, res) => {
        res.statusCode = req.url === '/api/v1/health' ? status : 404;
        res.end('{}');
      });
      await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
      const port = (server.address() as AddressInfo).port;
      const run = (target: number) =>
        new Promise<number>((done) => {
          const args = test.slice(2).map((a) => a.replace('127.0.0.1:3000', `127.0.0.1:${target}`).replace('localhost:3000', `localhost:${target}`));
          execFile(process.execPath, args, { timeout: 10_000 }, (err) => done(err ? Number((err as any).code ?? 1) : 0));
        });
      try {
        expect(await run(port)).toBe(0);
        status = 503;
        expect(await run(port)).not.toBe(0);
      } finally {
        await new Promise((done) => server.close(done));
      }
      expect(await run(port)).not.toBe(0); // nothing listens any more
    }, 30_000);
  });

  it('interpolates only variables that .env.example defines', () => {
    const missing = [...interpolatedNames(compose)].filter((v) => !envExampleDefined.has(v));
    expect(missing).toEqual([]);
  });

  it('documents in .env.example every variable it passes through from .env', () => {
    const passedThrough = new Set<string>();
    for (const name of Object.keys(services)) {
      for (const [k, v] of environmentOf(name)) if (v === null) passedThrough.add(k);
    }
    const undocumented = [...passedThrough].filter((v) => !envExampleDefined.has(v) && !envExampleCommented.has(v));
    expect(undocumented).toEqual([]);
    // Defined as empty, an optional setting would reach the container as "" (set), not as unset.
    for (const v of passedThrough) if (envExampleDefined.has(v)) expect({ v, value: envExampleDefined.get(v) }).not.toEqual({ v, value: '' });
  });

  it('explains in .env.example how to generate (or, for WeChat and WeChat Pay, where to find) each required secret', () => {
    const required = new Set<string>();
    for (const m of composeText.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*):\?/g)) required.add(m[1]);
    expect(required.size).toBeGreaterThan(0);
    for (const v of required) {
      expect({ v, placeholder: (envExampleDefined.get(v) ?? '').length > 0 }).toEqual({ v, placeholder: true });
      expect({ v, comment: envExampleComment(v) }).toEqual({ v, comment: expect.stringMatching(/openssl rand|mp\.weixin\.qq\.com|pay\.weixin\.qq\.com/) });
    }
  });
});

describe('docker/Dockerfile', () => {
  it('builds everything in a node:20-bookworm stage and installs from the root lockfile', () => {
    const build = stages.find((s) => s.from === 'node:20-bookworm');
    expect(build).toBeDefined();
    const runs = build!.instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args).join('\n');
    expect(runs).toMatch(/\bnpm ci\b/);
    expect(runs).toMatch(/build:h5/);
    expect(envOfChain([build!]).get('npm_config_nodedir')).toBe('/usr/local');
  });
});

describe('docker/mysql-init/01-schemas.sh', () => {
  const passwords: Record<string, string> = {
    MYSQL_ROOT_PASSWORD: 'root-pw',
    PATIENT_DB_PASSWORD: `pa'ti\\ent"pw`,
    PHARMACY_DB_PASSWORD: 'pharmacy+pw/=',
    BILLING_DB_PASSWORD: 'billing $pw',
  };

  /** Runs the script with a stand-in `mysql` that records its arguments and the SQL it is given. */
  function runInit(env: Record<string, string>) {
    const dir = mkdtempSync(join(tmpdir(), 'clinic-mysql-init-'));
    try {
      const stub = join(dir, 'mysql');
      writeFileSync(stub, `#!/bin/sh\nprintf '%s\\n' "$@" > "${dir}/args"\ncat > "${dir}/sql"\n`);
      chmodSync(stub, 0o755);
      const result = spawnSync('bash', [INIT_SCRIPT], {
        env: { PATH: `${dir}:${process.env.PATH}`, ...env },
        encoding: 'utf8',
      });
      const read = (f: string) => (existsSync(join(dir, f)) ? readFileSync(join(dir, f), 'utf8') : undefined);
      return { status: result.status, stderr: result.stderr, args: read('args'), sql: read('sql') };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  const run = runInit(passwords);
  const statements = (run.sql ?? '')
    .split(/;\s*\n/)
    .map((s) => s.trim())
    .filter(Boolean);
  /** The value of an SQL string literal ('…' with '' and backslash escapes). */
  const sqlString = (literal: string) => literal.slice(1, -1).replace(/''/g, "'").replace(/\\(.)/g, '$1');

  it('runs as root with the root password through the mysql client', () => {
    expect(run.status).toBe(0);
    expect(run.args?.split('\n')).toEqual(expect.arrayContaining(['-uroot', `-p${passwords.MYSQL_ROOT_PASSWORD}`]));
  });

  it.each(DATABASES)('creates schema $schema in utf8mb4 / utf8mb4_0900_ai_ci', ({ schema }) => {
    const create = statements.find((s) => new RegExp(`^CREATE DATABASE (IF NOT EXISTS )?\`?${schema}\`?\\s`, 'i').test(s));
    expect(create).toMatch(/CHARACTER SET\s*=?\s*utf8mb4\b/i);
    expect(create).toMatch(/COLLATE\s*=?\s*utf8mb4_0900_ai_ci\b/i);
  });

  it.each(DATABASES)('creates user $schema with the password from $passwordVar', ({ schema, passwordVar }) => {
    const create = statements.find((s) => new RegExp(`^CREATE USER (IF NOT EXISTS )?'${schema}'@'%'`, 'i').test(s));
    const literal = /IDENTIFIED BY ('(?:[^'\\]|''|\\.)*')/i.exec(create ?? '')?.[1];
    expect(literal).toBeDefined();
    expect(sqlString(literal!)).toBe(passwords[passwordVar]);
  });

  it('grants each user its own schema and nothing else', () => {
    const grants = statements
      .filter((s) => /^GRANT\b/i.test(s))
      .map((s) => {
        const m = /^GRANT\s+(.+?)\s+ON\s+(\S+)\s+TO\s+'([^']+)'@'([^']*)'(.*)$/is.exec(s);
        if (!m) throw new Error(`cannot read: ${s}`);
        return { privileges: m[1], on: m[2], user: m[3], rest: m[5].trim() };
      });
    for (const { schema } of DATABASES) expect(grants.map((g) => g.user)).toContain(schema);
    for (const g of grants) {
      expect(DATABASES.map((d) => d.schema)).toContain(g.user);
      // In GRANT an unescaped _ or % in a schema name is a wildcard, which would also match other schemas.
      expect({ user: g.user, on: g.on }).toEqual({ user: g.user, on: `\`${g.user.replace(/_/g, '\\_')}\`.*` });
      expect(g.rest).not.toMatch(/GRANT OPTION/i);
    }
  });

  it('refuses to run without a service password', () => {
    const { PHARMACY_DB_PASSWORD: _, ...withoutOne } = passwords;
    const failed = runInit(withoutOne);
    expect(failed.status).not.toBe(0);
    expect(failed.sql).toBeUndefined();
    expect(failed.stderr).toMatch(/PHARMACY_DB_PASSWORD/);
  });
});

/** docker compose (v2) or docker-compose (v1), whichever answers; undefined when neither is installed. */
function composeCli(): string[] | undefined {
  for (const cli of [['docker', 'compose'], ['docker-compose']]) {
    const r = spawnSync(cli[0], [...cli.slice(1), 'version'], { encoding: 'utf8' });
    if (r.status === 0) return cli;
  }
  return undefined;
}
const cli = composeCli();

(cli ? describe : describe.skip)(`compose CLI (${cli?.join(' ') ?? 'not installed'})`, () => {
  const config = (envFile: string) =>
    spawnSync(cli![0], [...cli!.slice(1), '-f', COMPOSE_FILE, '--env-file', envFile, 'config', '-q'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, ...Object.fromEntries([...envExampleDefined.keys()].map((k) => [k, undefined])) },
    });

  it('accepts docker-compose.yml with the settings from .env.example', () => {
    const r = config(ENV_EXAMPLE);
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: expect.any(String) });
  }, 30_000);

  it('refuses to go on when a required secret is missing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'clinic-compose-env-'));
    try {
      const envFile = join(dir, 'env');
      writeFileSync(envFile, envExampleLines.filter((l) => ASSIGNMENT.exec(l)?.[1] !== 'JWT_SECRET').join('\n'));
      const r = config(envFile);
      expect(r.status).not.toBe(0);
      expect(r.stderr).toMatch(/JWT_SECRET/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
