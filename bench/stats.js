#!/usr/bin/env node
// The reads the owner's statistics and the doctor's history depend on, on the generated clinic
// (bench/generate-clinic.js), each beside the raw SQL of the same query in the same run:
//   search:    GET /api/v1/patients?query= by a surname (a wide name prefix), by a full name and by a mobile number,
//              as the registration desk types them; raw: the service's page and count queries on a mysql2 connection.
//   history:   GET /api/v1/encounters?patientId= (the page the doctor's 就诊记录 opens), for patients drawn by visit,
//              so frequent patients come up as often as they do at the desk; raw: the page, the count and the latest
//              record version of each row (what the service fetches one by one) in three statements.
//   dashboard: GET /api/v1/stats/dashboard?from&to for a month and a year (a 404 skips it): the services add up their
//              day summaries (libs/platform DaySummary); its first read of a period, which builds the days it lacks,
//              is timed apart. Raw: the same figures aggregated from the rows themselves (FlowStats, ClinicalStats,
//              PharmacyStats, MoneyStats of libs/contracts, the previous period for flow, diagnoses and money), one
//              connection per service in parallel as the gateway asks the three services at once.
// Each figure: BENCH_RUNS repetitions (default 20; the dashboard 5, whose p95 is then its slowest run) after one warm-up, the API then the raw SQL on
// the same samples, one at a time (latency, not throughput). Machine: printed below.
//
//   node bench/stats.js            generates the clinic first (BENCH_SCALE as for the generator), then measures
//   node bench/stats.js --reuse    measures the clinic already generated under the prefix
// Needs MariaDB on 3306 and a Redis of its own on 6383 (`redis-server --port 6383 --save '' --daemonize yes`), so
// that the services' messages stay apart from anything using 6379. At full size, give MariaDB a buffer pool of a few
// GiB first (`SET GLOBAL innodb_buffer_pool_size = 2147483648`): the data is 13.6 GB.
const { execFileSync } = require('node:child_process');
const { readFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const mysql = require('mysql2/promise');
const { ROOT, bootProduction, call, machine, post, repeat } = require('./lib/load');
const { PiiCipher } = require(join(ROOT, 'libs/platform/dist/crypto/pii-cipher.js'));

const PREFIX = process.env.BENCH_PREFIX ?? 'clinic_hstatsbench_test_';
const DATA_DIR = process.env.BENCH_DATA_DIR ?? join(tmpdir(), `${PREFIX}data`);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const DASHBOARD_RUNS = Number(process.env.BENCH_DASHBOARD_RUNS ?? 5);
const PASSWORD = 'Bench-Passw0rd!';
const PORT = 3975;
const CLINIC = 'clinic-1';
const GOALS = { history: 100, dashboardYear: 1000 };

/** A clinic-day period [from, to] as UTC instants [start, end) for the datetime columns (Shanghai is UTC+8 all year). */
function period(from, to) {
  const start = new Date(Date.parse(`${from}T00:00:00+08:00`));
  const end = new Date(Date.parse(`${to}T00:00:00+08:00`) + 86_400_000);
  const days = Math.round((end - start) / 86_400_000);
  const prevTo = new Date(start.getTime() - 86_400_000 + 8 * 3600_000).toISOString().slice(0, 10);
  const prevFrom = new Date(start.getTime() - days * 86_400_000 + 8 * 3600_000).toISOString().slice(0, 10);
  return { from, to, start, end, prevFrom, prevTo };
}

/** The aggregates of the dashboard, grouped by the service that owns the rows. */
function dashboardQueries(p) {
  const prev = period(p.prevFrom, p.prevTo);
  const flow = (q) => [
    ['visits by day', `SELECT DATE(started_at + INTERVAL 8 HOUR) k, COUNT(*) n FROM encounters WHERE clinic_id = ? AND started_at >= ? AND started_at < ? GROUP BY k`, [CLINIC, q.start, q.end]],
    ['visits by hour', `SELECT HOUR(started_at + INTERVAL 8 HOUR) k, COUNT(*) n FROM encounters WHERE clinic_id = ? AND started_at >= ? AND started_at < ? GROUP BY k`, [CLINIC, q.start, q.end]],
    ['visits by department and doctor', `SELECT department_id, doctor_id, COUNT(*) n FROM encounters WHERE clinic_id = ? AND started_at >= ? AND started_at < ? GROUP BY department_id, doctor_id`, [CLINIC, q.start, q.end]],
    ['new and returning patients', `SELECT SUM(first >= ?) new_patients, SUM(first < ?) returning_patients FROM (SELECT e.patient_id, (SELECT MIN(x.started_at) FROM encounters x WHERE x.clinic_id = e.clinic_id AND x.patient_id = e.patient_id) first FROM encounters e WHERE e.clinic_id = ? AND e.started_at >= ? AND e.started_at < ? GROUP BY e.patient_id) t`, [q.start, q.start, CLINIC, q.start, q.end]],
    ['booking channel and no-shows', `SELECT SUM(walk_in = 1) walk_in, SUM(walk_in = 0 AND account_id IS NOT NULL) wechat, SUM(walk_in = 0 AND account_id IS NULL) desk, SUM(status = 'NO_SHOW') no_show, SUM(status <> 'CANCELLED') not_cancelled FROM appointments WHERE clinic_id = ? AND day BETWEEN ? AND ?`, [CLINIC, q.from, q.to]],
    ['wait minutes (avg, p90)', `SELECT AVG(w) OVER () avg_w, PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY w) OVER () p90, COUNT(*) OVER () n FROM (SELECT TIMESTAMPDIFF(SECOND, checked_in_at, called_at) / 60 w FROM appointments WHERE clinic_id = ? AND day BETWEEN ? AND ? AND checked_in_at IS NOT NULL AND called_at IS NOT NULL) t LIMIT 1`, [CLINIC, q.from, q.to]],
    ['consultation minutes (avg, p90)', `SELECT AVG(c) OVER () avg_c, PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY c) OVER () p90, COUNT(*) OVER () n FROM (SELECT TIMESTAMPDIFF(SECOND, started_at, finished_at) / 60 c FROM encounters WHERE clinic_id = ? AND started_at >= ? AND started_at < ? AND finished_at IS NOT NULL) t LIMIT 1`, [CLINIC, q.start, q.end]],
  ];
  const money = (q) => [
    ['revenue by day', `SELECT business_date k, SUM(amount_fen) fen FROM money_entries WHERE clinic_id = ? AND business_date BETWEEN ? AND ? GROUP BY business_date`, [CLINIC, q.from, q.to]],
    ['revenue by method, in and out', `SELECT method, SUM(GREATEST(amount_fen, 0)) received, -SUM(LEAST(amount_fen, 0)) refunded FROM money_entries WHERE clinic_id = ? AND business_date BETWEEN ? AND ? GROUP BY method`, [CLINIC, q.from, q.to]],
    ['revenue by department and doctor', `SELECT department_id, doctor_id, SUM(amount_fen) fen FROM money_entries WHERE clinic_id = ? AND business_date BETWEEN ? AND ? GROUP BY department_id, doctor_id`, [CLINIC, q.from, q.to]],
    ['bills paid (count, average)', `SELECT COUNT(*) n, SUM(total_fen) fen FROM bills WHERE clinic_id = ? AND paid_at >= ? AND paid_at < ?`, [CLINIC, q.start, q.end]],
  ];
  return {
    patient: [
      ...flow(p),
      ...flow(prev).map(([name, sql, args]) => [`previous: ${name}`, sql, args]),
      ['top diagnoses', `SELECT code, MAX(name) name, COUNT(*) n FROM encounter_diagnoses WHERE clinic_id = ? AND encounter_started_at >= ? AND encounter_started_at < ? GROUP BY code ORDER BY n DESC LIMIT 10`, [CLINIC, p.start, p.end]],
      ['previous: top diagnoses', `SELECT code, COUNT(*) n FROM encounter_diagnoses WHERE clinic_id = ? AND encounter_started_at >= ? AND encounter_started_at < ? GROUP BY code ORDER BY n DESC LIMIT 50`, [CLINIC, prev.start, prev.end]],
      ['top chapters (both periods)', `SELECT c.chapter, SUM(d.encounter_started_at >= ?) n, SUM(d.encounter_started_at < ?) previous FROM encounter_diagnoses d JOIN icd10_codes c ON c.code = d.code WHERE d.clinic_id = ? AND d.encounter_started_at >= ? AND d.encounter_started_at < ? GROUP BY c.chapter ORDER BY n DESC LIMIT 10`, [p.start, p.start, CLINIC, prev.start, p.end]],
      ['prescriptions (count, average)', `SELECT COUNT(*) n, SUM(total_fen) fen FROM prescriptions WHERE clinic_id = ? AND status = 'SIGNED' AND signed_at >= ? AND signed_at < ?`, [CLINIC, p.start, p.end]],
    ],
    pharmacy: [
      ['drug usage: dispensed', `SELECT l.drug_id, SUM(l.quantity) n, SUM(l.amount_fen) fen FROM pharmacy_order_lines l JOIN pharmacy_orders o ON o.prescription_id = l.prescription_id WHERE o.clinic_id = ? AND o.status = 'DISPENSED' AND o.dispensed_at >= ? AND o.dispensed_at < ? GROUP BY l.drug_id`, [CLINIC, p.start, p.end]],
      ['drug usage: returned', `SELECT drug_id, SUM(quantity) n, SUM(amount_fen) fen FROM drug_return_lines WHERE clinic_id = ? AND created_at >= ? AND created_at < ? GROUP BY drug_id`, [CLINIC, p.start, p.end]],
      ['stock value', `SELECT SUM(b.quantity * b.unit_cost_fen) cost, SUM(b.quantity * d.price_fen) retail FROM batches b JOIN drugs d ON d.id = b.drug_id WHERE b.clinic_id = ? AND b.status = 'ACTIVE'`, [CLINIC]],
      ['use, last 30 days', `SELECT l.drug_id, SUM(l.quantity) n FROM pharmacy_order_lines l JOIN pharmacy_orders o ON o.prescription_id = l.prescription_id WHERE o.clinic_id = ? AND o.status = 'DISPENSED' AND o.dispensed_at >= ? - INTERVAL 30 DAY AND o.dispensed_at < ? GROUP BY l.drug_id`, [CLINIC, p.end, p.end]],
    ],
    billing: [...money(p), ...money(prev).map(([name, sql, args]) => [`previous: ${name}`, sql, args])],
  };
}

async function main() {
  if (!process.argv.includes('--reuse')) {
    execFileSync(process.execPath, [join(__dirname, 'generate-clinic.js')], { stdio: 'inherit', env: { ...process.env, BENCH_PREFIX: PREFIX, BENCH_DATA_DIR: DATA_DIR } });
  }
  const running = [];
  const rows = [];
  const notes = [];
  try {
    // No warming ahead of reads: the dashboard's first read builds what it needs, and is timed apart.
    const { url, token: admin } = await bootProduction(running, { prefix: PREFIX, port: PORT, password: PASSWORD, dataDir: DATA_DIR, fresh: false, env: { REDIS_URL: 'redis://127.0.0.1:6383', STATS_WARM_SECONDS: '0' } });
    const doctor = (await post(`${url}/auth/staff/login`, { username: 'bench.doctor1', password: PASSWORD })).body.accessToken;
    if (!admin || !doctor) throw new Error(`no sign-in on ${PREFIX}: generate the clinic first (node bench/generate-clinic.js)`);
    const conn = (service) => mysql.createConnection({ host: '127.0.0.1', user: 'root', database: `${PREFIX}${service}`, timezone: 'Z' });
    const db = { patient: await conn('patient'), pharmacy: await conn('pharmacy'), billing: await conn('billing') };
    running.push({ stop: () => Promise.all(Object.values(db).map((c) => c.end())) });
    const secrets = JSON.parse(readFileSync(join(DATA_DIR, 'secrets.json'), 'utf8'));
    const pii = new PiiCipher(secrets.PII_KEYS, 1, Buffer.from(secrets.PII_INDEX_KEY, 'base64'));
    const [[size]] = await db.patient.query('SELECT (SELECT COUNT(*) FROM patients) patients, (SELECT COUNT(*) FROM encounters) encounters, (SELECT MAX(started_at) FROM encounters) last');

    // Samples, one per repetition (plus the warm-up): patients drawn by visit, their names and phones.
    const n = RUNS + 1;
    const [sample] = await db.patient.query(`SELECT p.id, p.name, p.phone_enc, (SELECT COUNT(*) FROM encounters x WHERE x.clinic_id = p.clinic_id AND x.patient_id = p.id) visits FROM (SELECT patient_id FROM encounters ORDER BY RAND() LIMIT ${n}) e JOIN patients p ON p.id = e.patient_id`);
    const surnames = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周'];
    const apiOk = (r) => {
      if (r.status !== 200) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
      return r.body;
    };

    // (a) Patient search: the service's own statements (TypeORM's page and count) on the raw side.
    const searchSql = (where) => [`SELECT p.* FROM patients p WHERE p.clinic_id = ? AND ${where} ORDER BY p.created_at DESC, p.id ASC LIMIT 20`, `SELECT COUNT(DISTINCT p.id) n FROM patients p WHERE p.clinic_id = ? AND ${where}`];
    const searches = [
      ['search by surname (GET /patients?query=王)', (i) => surnames[i % surnames.length], (q) => ['p.name LIKE ?', `${q}%`]],
      ['search by full name', (i) => sample[i].name, (q) => ['p.name LIKE ?', `${q}%`]],
      ['search by mobile number', (i) => pii.decrypt(sample[i].phone_enc), (q) => ['p.phone_hash = ?', pii.blindIndex(q)]],
    ];
    for (const [name, queryOf, whereOf] of searches) {
      let found = 0;
      const api = await repeat(RUNS, async (i = RUNS) => {
        found += apiOk(await call('GET', `${url}/patients?query=${encodeURIComponent(queryOf(i))}`, undefined, admin)).total;
      });
      const raw = await repeat(RUNS, async (i = RUNS) => {
        const [where, arg] = whereOf(queryOf(i));
        const [page, count] = searchSql(where);
        await db.patient.query(page, [CLINIC, arg]);
        await db.patient.query(count, [CLINIC, arg]);
      });
      rows.push([name, api, raw, `${Math.round(found / (RUNS + 1))} found on average`]);
    }
    // Pinyin: the patient search takes other text as a name prefix; say what it answers.
    const pinyin = apiOk(await call('GET', `${url}/patients?query=wang`, undefined, admin)).total;
    notes.push(`GET /patients?query=wang (pinyin) finds ${pinyin}: the patient search matches names by prefix, mobile and record numbers exactly; there is no pinyin column for patients.`);

    // (b) A patient's visit history, first page.
    let visits = 0;
    const history = await repeat(RUNS, async (i = RUNS) => {
      visits += apiOk(await call('GET', `${url}/encounters?patientId=${sample[i].id}`, undefined, doctor)).items.length;
    });
    const historyRaw = await repeat(RUNS, async (i = RUNS) => {
      const [page] = await db.patient.query('SELECT e.* FROM encounters e WHERE e.clinic_id = ? AND e.patient_id = ? ORDER BY e.started_at DESC, e.id ASC LIMIT 20', [CLINIC, sample[i].id]);
      await db.patient.query('SELECT COUNT(*) n FROM encounters e WHERE e.clinic_id = ? AND e.patient_id = ?', [CLINIC, sample[i].id]);
      if (page.length) await db.patient.query('SELECT v.* FROM emr_versions v WHERE v.encounter_id IN (?) ORDER BY v.encounter_id, v.version DESC', [page.map((e) => e.id)]);
    });
    const meanVisits = sample.reduce((s, p) => s + Number(p.visits), 0) / sample.length;
    rows.push([`visit history (GET /encounters?patientId=, goal ≤ ${GOALS.history} ms)`, history, historyRaw, `${(visits / (RUNS + 1)).toFixed(1)} rows per page, ${meanVisits.toFixed(1)} visits per sampled patient`]);

    // (c) The dashboard for the last full month and the last year of the data.
    const lastDay = new Date(size.last.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    const yearFrom = new Date(Date.parse(`${lastDay}T00:00:00Z`) - 364 * 86_400_000).toISOString().slice(0, 10);
    const monthEnd = new Date(Date.parse(`${lastDay.slice(0, 7)}-01T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const breakdown = [];
    const parts = [];
    for (const [label, p] of [['month', period(`${monthEnd.slice(0, 7)}-01`, monthEnd)], ['year', period(yearFrom, lastDay)]]) {
      // The first read of a period builds the days it lacks into the services' day summaries: timed on its own.
      const t0 = process.hrtime.bigint();
      const probe = await call('GET', `${url}/stats/dashboard?from=${p.from}&to=${p.to}`, undefined, admin);
      const firstMs = Number(process.hrtime.bigint() - t0) / 1e6;
      let api = null;
      if (probe.status === 404) notes.push(`GET /stats/dashboard (${label}) answered 404: not in this branch yet; only the raw aggregates were measured.`);
      else if (probe.status !== 200) throw new Error(`dashboard ${label}: ${probe.status} ${JSON.stringify(probe.body)}`);
      else notes.push(`GET /stats/dashboard (${label}) first read, building its days' summaries where missing: ${firstMs.toFixed(0)} ms`);
      if (probe.status === 200) api = await repeat(DASHBOARD_RUNS, async () => apiOk(await call('GET', `${url}/stats/dashboard?from=${p.from}&to=${p.to}`, undefined, admin)));
      const queries = dashboardQueries(p);
      const each = new Map();
      const raw = await repeat(DASHBOARD_RUNS, () =>
        Promise.all(
          Object.entries(queries).map(async ([service, list]) => {
            for (const [name, sql, args] of list) {
              const t = process.hrtime.bigint();
              await db[service].query(sql, args);
              const ms = Number(process.hrtime.bigint() - t) / 1e6;
              each.set(`${service}: ${name}`, [...(each.get(`${service}: ${name}`) ?? []), ms]);
            }
          }),
        ),
      );
      const goal = label === 'year' ? `, goal ≤ ${GOALS.dashboardYear} ms` : '';
      rows.push([`dashboard, ${label} ${p.from}..${p.to}${goal}`, api, raw, `${Object.values(queries).flat().length} aggregates on 3 connections`]);
      if (label === 'year') for (const [name, ms] of each) breakdown.push([name, ms.sort((a, b) => a - b)[Math.floor(ms.length / 2)]]);
      // Each part the dashboard composes, asked alone: where the year's time goes on the API side.
      if (label === 'year' && api) {
        for (const part of ['flow', 'clinical', 'pharmacy', 'money']) {
          const r = await repeat(DASHBOARD_RUNS, async () => apiOk(await call('GET', `${url}/stats/${part}?from=${p.from}&to=${p.to}`, undefined, admin)));
          parts.push([part, r.p50]);
        }
      }
    }

    const f = (r) => (r ? `${r.p50.toFixed(1)} / ${r.p95.toFixed(1)}` : 'skipped (404)');
    // Two significant digits below 1: the summary's reads are a few hundredths of the raw aggregates.
    const ratio = (x) => (x < 1 ? x.toPrecision(2) : x.toFixed(1));
    console.log(machine());
    console.log(`data: ${size.patients} patients, ${size.encounters} encounters under ${PREFIX}; ${RUNS} runs (dashboard ${DASHBOARD_RUNS}) after a warm-up, one request at a time`);
    console.log(`| read | API p50 / p95 ms | raw SQL p50 / p95 ms | API / raw (p50) | |`);
    console.log('|---|---|---|---|---|');
    for (const [name, api, raw, note] of rows) console.log(`| ${name} | ${f(api)} | ${f(raw)} | ${api ? ratio(api.p50 / raw.p50) : ''} | ${note} |`);
    console.log('\nyear dashboard, raw aggregates by query (median ms; services in parallel, a service\'s queries in sequence):');
    for (const [name, ms] of breakdown.sort((a, b) => b[1] - a[1])) console.log(`  ${ms.toFixed(1).padStart(9)}  ${name}`);
    if (parts.length) console.log(`\nyear dashboard, each part alone through the gateway (p50 ms): ${parts.map(([part, ms]) => `${part} ${ms.toFixed(1)}`).join(', ')}`);
    for (const note of notes) console.log(`note: ${note}`);
  } finally {
    for (const r of running.reverse()) await r.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
