#!/usr/bin/env node
// `npm test`: unit tests (no servers), then the integration suite on MariaDB, Redis and SQLite, one file at
// a time. `npm run pretest` has built everything they run. Extra arguments go to jest (e.g. a file filter).
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');

const jest = join(__dirname, '..', 'node_modules', 'jest', 'bin', 'jest.js');
const extra = process.argv.slice(2);
for (const args of [['--selectProjects', 'unit', 'mini-client'], ['--selectProjects', 'e2e', '--runInBand']]) {
  const filter = extra.length ? ['--passWithNoTests', ...extra] : [];
  const run = spawnSync(process.execPath, [jest, ...args, ...filter], { stdio: 'inherit', cwd: join(__dirname, '..') });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
