#!/usr/bin/env node
// Size of the weapp build's main package, as WeChat counts it (bytes of every file outside sub-packages;
// WeChat refuses a main package over 2 MB). Run after `npm run build:weapp -w @clinic/mini-client`.
// Machine: whatever runs it; method: walk apps/mini-client/dist/weapp, subtract sub-package roots from app.json.
const { readdirSync, readFileSync, statSync } = require('node:fs');
const { join, relative } = require('node:path');

const dir = join(__dirname, '..', 'apps', 'mini-client', 'dist', 'weapp');
const app = JSON.parse(readFileSync(join(dir, 'app.json'), 'utf8'));
const subRoots = (app.subPackages ?? app.subpackages ?? []).map((p) => p.root.replace(/\/?$/, '/'));

const files = [];
(function walk(d) {
  for (const name of readdirSync(d)) {
    const p = join(d, name);
    if (statSync(p).isDirectory()) walk(p);
    else files.push({ path: relative(dir, p), bytes: statSync(p).size });
  }
})(dir);

const main = files.filter((f) => !subRoots.some((r) => f.path.startsWith(r)));
const total = main.reduce((s, f) => s + f.bytes, 0);
const LIMIT = 2 * 1024 * 1024;
console.log(`weapp main package: ${total} bytes (${(total / 1024).toFixed(1)} KiB) in ${main.length} files; WeChat's limit ${LIMIT / 1024} KiB; sub-packages: ${subRoots.length}`);
for (const f of main.sort((a, b) => b.bytes - a.bytes).slice(0, 5)) console.log(`  ${String(f.bytes).padStart(9)}  ${f.path}`);
if (total > LIMIT) {
  console.error('main package is over the limit');
  process.exit(1);
}
