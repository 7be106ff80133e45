#!/usr/bin/env node
// `node scripts/service-command.js <service> <command>`: runs one of a service's maintenance commands
// (patient audit-verify, pharmacy ledger-verify) on whichever database the settings select; exits with its code.
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');
const { ROOT, ENTRY, systemEnv } = require('./lib/system');

const [service, command] = process.argv.slice(2);
if (!ENTRY[service] || !command) {
  process.stderr.write(`usage: node scripts/service-command.js <${Object.keys(ENTRY).join('|')}> <command>\n`);
  process.exit(2);
}
const { env } = systemEnv();
const run = spawnSync(process.execPath, [join(ROOT, ENTRY[service]), command], { cwd: ROOT, env, stdio: 'inherit' });
process.exit(run.status ?? 1);
