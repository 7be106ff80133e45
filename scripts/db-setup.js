#!/usr/bin/env node
// `npm run db:setup`: with MYSQL_URL naming an account that may create schemas and users, creates one schema
// and one user per service (rights on its own schema alone), then runs every migration. Running it again
// changes nothing. Passwords come from PATIENT_DB_PASSWORD etc., or are made once and kept (mode 600) in
// <data dir>/mysql-credentials.json, where `npm start` finds them.
const { execFileSync } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const { existsSync, mkdirSync, readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const mysql = require('mysql2/promise');
const { ROOT, SERVICES, ENTRY, dataDirOf, systemEnv } = require('./lib/system');

async function main() {
  if (!process.env.MYSQL_URL) throw new Error('MYSQL_URL is not set (e.g. mysql://root:secret@127.0.0.1:3306)');
  const prefix = process.env.CLINIC_DB_PREFIX || 'clinic_';
  if (!/^[a-z][a-z0-9_]{0,40}$/.test(prefix)) throw new Error('CLINIC_DB_PREFIX may hold only a-z, 0-9 and _');
  const dataDir = dataDirOf(process.env);
  const credFile = join(dataDir, 'mysql-credentials.json');
  const stored = existsSync(credFile) ? JSON.parse(readFileSync(credFile, 'utf8')) : {};
  const passwords = {};

  const server = new URL(process.env.MYSQL_URL);
  const conn = await mysql.createConnection({
    host: server.hostname,
    port: Number(server.port || 3306),
    user: decodeURIComponent(server.username || 'root'),
    password: decodeURIComponent(server.password || ''),
  });
  try {
    for (const service of SERVICES) {
      const name = `${prefix}${service}`;
      const key = `${service.toUpperCase()}_DB_PASSWORD`;
      const password = process.env[key] ?? stored[key] ?? randomBytes(18).toString('base64url');
      passwords[key] = password;
      await conn.query(`CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
      for (const host of ['%', 'localhost']) {
        await conn.query('CREATE USER IF NOT EXISTS ?@? IDENTIFIED BY ?', [name, host, password]);
        await conn.query('ALTER USER ?@? IDENTIFIED BY ?', [name, host, password]);
        await conn.query(`GRANT ALL PRIVILEGES ON \`${name}\`.* TO ?@?`, [name, host]);
      }
      console.log(`[db:setup] schema and user ${name}: ready`);
    }
  } finally {
    await conn.end();
  }
  const toStore = Object.fromEntries(Object.entries(passwords).filter(([k]) => process.env[k] === undefined));
  if (Object.keys(toStore).length) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(credFile, JSON.stringify({ ...stored, ...toStore }, null, 2) + '\n', { mode: 0o600 });
    console.log(`[db:setup] service passwords kept in ${credFile}`);
  }

  const { env } = systemEnv({ ...process.env, ...passwords, REDIS_URL: process.env.REDIS_URL || 'redis://127.0.0.1:6379' });
  for (const service of SERVICES) {
    execFileSync(process.execPath, [join(ROOT, ENTRY[service]), 'migrate', 'up'], { cwd: ROOT, env, stdio: 'inherit' });
  }
}

main().catch((err) => {
  console.error(`[db:setup] ${err.message}`);
  process.exit(1);
});
