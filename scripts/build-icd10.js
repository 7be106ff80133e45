#!/usr/bin/env node
// Builds apps/patient-svc/assets/icd10-cn.tsv, the diagnosis table patient-svc loads in a migration, from the
// reference file shared/data/icd10-cn.csv (疾病分类与代码 国家临床版 2.0, 35,587 codes; its README names the source).
// Adds each name's pinyin initials for search. Run once when the reference changes: node scripts/build-icd10.js [source]
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { pinyin } = require('pinyin-pro');

const ROOT = join(__dirname, '..');
const source = process.argv[2] ?? join(ROOT, '..', 'shared', 'data', 'icd10-cn.csv');
const target = join(ROOT, 'apps', 'patient-svc', 'assets', 'icd10-cn.tsv');

/** RFC 4180 fields of one line (the reference quotes only fields holding a comma or a quote). */
function fields(line) {
  const out = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') (cur += '"'), i++;
      else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') out.push(cur), (cur = '');
    else cur += c;
  }
  out.push(cur);
  return out;
}

const initials = (name) => pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' }).join('').toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 60);

const lines = readFileSync(source, 'utf8').split(/\r?\n/).filter(Boolean);
const header = fields(lines[0]).join(',');
if (header !== 'code,name,chapter') throw new Error(`unexpected header: ${header}`);
const rows = lines.slice(1).map(fields);
// Tab-separated, unquoted: no name holds a tab or a line break, so the migration splits lines on tabs.
if (rows.some((r) => r.some((f) => /[\t\r\n]/.test(f)))) throw new Error('a field holds a tab or a line break');
const out = ['code\tname\tchapter\tpy', ...rows.map(([code, name, chapter]) => [code, name, chapter, initials(name)].join('\t'))];
writeFileSync(target, `${out.join('\n')}\n`);
console.log(`${rows.length} codes written to ${target}`);
