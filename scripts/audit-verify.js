#!/usr/bin/env node
// `npm run audit:verify`: walks patient-svc's audit chain on whichever database the settings select and
// exits 1 if any row was changed, removed or reordered.
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');
const { ROOT, ENTRY, systemEnv } = require('./lib/system');

const { env } = systemEnv();
const run = spawnSync(process.execPath, [join(ROOT, ENTRY.patient), 'audit-verify'], { cwd: ROOT, env, stdio: 'inherit' });
process.exit(run.status ?? 1);
