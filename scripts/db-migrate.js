#!/usr/bin/env node
// `npm run db:migrate` / `npm run db:revert [-- <service>]`: apply pending migrations, or revert the
// last one, for every service (or the one named), on whichever database the settings select.
const { execFileSync } = require('node:child_process');
const { join } = require('node:path');
const { ROOT, SERVICES, ENTRY, systemEnv } = require('./lib/system');

const direction = process.argv[2] === 'down' ? 'down' : 'up';
const only = process.argv[3];
if (only && !SERVICES.includes(only)) {
  console.error(`unknown service ${only}; one of ${SERVICES.join(', ')}`);
  process.exit(2);
}
const { env } = systemEnv();
for (const service of only ? [only] : SERVICES) {
  execFileSync(process.execPath, [join(ROOT, ENTRY[service]), 'migrate', direction], { cwd: ROOT, env, stdio: 'inherit' });
}
