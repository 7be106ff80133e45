#!/usr/bin/env node
// Runs before `npm start` and `npm test`: on a fresh checkout it installs and builds; afterwards Nx's
// cache makes this a few seconds. `--all` also builds the weapp package (the tests check it).
const { execSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const run = (cmd) => execSync(cmd, { cwd: root, stdio: 'inherit', env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' } });

if (!existsSync(join(root, 'node_modules', '.package-lock.json'))) {
  console.log('[clinic] first run: installing dependencies (npm ci), about two minutes…');
  run('npm ci');
}
const client = process.argv.includes('--all') ? 'build:weapp,build:h5' : 'build:h5';
run('npx nx run-many -t build --exclude=@clinic/mini-client,@clinic/e2e --output-style=static');
run(`npx nx run-many -t ${client} --projects=@clinic/mini-client --output-style=static`);
