#!/usr/bin/env node
// Patient flow and clinical statistics (issue 8) over years of data, straight on patient-svc's StatsService and
// MariaDB (no hop): a schema migrated up to the statistics migration, filled in SQL with 1,000,000 encounters and
// appointments, 1,500,000 diagnoses, 700,000 prescriptions and 200,000 patients over 2024-2026, then the statistics
// migration (its backfill and indexes) on that data, then a year's and three years' figures, timed, with the EXPLAIN
// of every statement. Needs `npm run build` first. The schema is dropped at the end unless BENCH_KEEP=1.
// A name of its own: other benches use clinic_bench<name>_test_<service> for whole systems.
const NAME = 'clinic_hflowbench_test_patient';
const ROOT = { host: '127.0.0.1', port: 3306, username: 'root', password: '' };

async function main() {
  const { createDataSource, migrate, MESSAGING_ENTITIES } = await import('../libs/platform/dist/index.js');
  const patient = await import('../apps/patient-svc/dist/database.js');
  const { StatsService } = await import('../apps/patient-svc/dist/stats/stats.service.js');
  const mysql = require('mysql2/promise');
  const conn = await mysql.createConnection({ host: ROOT.host, port: ROOT.port, user: ROOT.username, password: ROOT.password });
  const open = async (migrations) => {
    const ds = await createDataSource({ kind: 'mysql', database: NAME, ...ROOT }, [...patient.ENTITIES, ...MESSAGING_ENTITIES], migrations);
    await ds.initialize();
    return ds;
  };
  const timed = async (ds, label, sql) => {
    const t = Date.now();
    await ds.query(sql);
    console.log(`${((Date.now() - t) / 1000).toFixed(1)} s  ${label}`);
  };
  // (seq * 94) MOD span spreads the rows evenly over 1096 days from 2024-01-01 00:00 in Shanghai.
  const at = (extra = '') => `TIMESTAMPADD(SECOND, CAST((seq * 94) MOD (1096 * 86400) AS SIGNED)${extra}, '2023-12-31 16:00:00')`;

  await conn.query(`DROP DATABASE IF EXISTS ${NAME}`);
  await conn.query(`CREATE DATABASE ${NAME} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  let ds = await open(patient.MIGRATIONS.slice(0, -1));
  await migrate(ds, 'up');
  await timed(ds, 'encounters', `INSERT INTO encounters SELECT CONCAT('e', seq), 'clinic-1', CONCAT('p', seq MOD 200000), CONCAT('d', seq MOD 30), 'doc',
    IF(seq MOD 50 = 0, NULL, CONCAT('dep', seq MOD 8)), IF(seq MOD 7 = 0, NULL, CONCAT('a', seq)), 'FINISHED', NULL, ${at()}, ${at(' + 60 * (3 + seq MOD 25)')} FROM seq_1_to_1000000`);
  await timed(ds, 'appointments', `INSERT INTO appointments (id, clinic_id, shift_id, patient_id, account_id, doctor_id, slot_id, day, status, active_key, fee_fen, overbooked,
    overbook_reason, queue_no, queue_rank, walk_in, checked_in_at, called_at, completed_at, hold_until, cancel_reason, created_by, created_at, cancelled_at)
    SELECT CONCAT('a', seq), 'clinic-1', CONCAT('s', seq MOD 20000), CONCAT('p', seq MOD 200000), IF(seq MOD 3 = 0, CONCAT('acc', seq MOD 150000), NULL), CONCAT('d', seq MOD 30), NULL,
      DATE(TIMESTAMPADD(HOUR, 8, ${at()})), ELT(1 + seq MOD 10, 'COMPLETED', 'COMPLETED', 'COMPLETED', 'COMPLETED', 'COMPLETED', 'COMPLETED', 'NO_SHOW', 'CANCELLED', 'COMPLETED', 'COMPLETED'),
      NULL, 0, 0, NULL, NULL, NULL, IF(seq MOD 5 = 0, 1, 0), ${at(' - 60 * CAST(1 + seq MOD 40 AS SIGNED)')}, ${at()}, NULL, NULL, NULL, 'bench', '2023-12-01', NULL FROM seq_1_to_1000000`);
  const codes = (await ds.query("SELECT code FROM icd10_codes WHERE code LIKE '%.%00' LIMIT 400")).map((r) => r.code);
  await ds.query(`CREATE TABLE bench_codes (n INT PRIMARY KEY, code VARCHAR(16))`);
  await ds.query(`INSERT INTO bench_codes VALUES ${codes.map((c, i) => `(${i}, '${c}')`).join(',')}`);
  // Three diagnoses on every second encounter: 1,500,000 rows.
  await timed(ds, 'diagnoses', `INSERT INTO encounter_diagnoses SELECT CONCAT('x', s.seq), 'clinic-1', CONCAT('e', (s.seq DIV 3) * 2 + 1), c.code, 'n', 1, '2024-01-01'
    FROM seq_1_to_1500000 s JOIN bench_codes c ON c.n = (s.seq * 7919) MOD ${codes.length}`);
  await ds.query('DROP TABLE bench_codes');
  await timed(ds, 'prescriptions', `INSERT INTO prescriptions (id, clinic_id, encounter_id, patient_id, doctor_id, kind, status, signed_at, total_fen, created_at)
    SELECT CONCAT('r', seq), 'clinic-1', CONCAT('e', seq), CONCAT('p', seq MOD 200000), 'd', 'NORMAL', IF(seq MOD 20 = 0, 'CANCELLED', 'SIGNED'), ${at(' + 300')}, 1000 + seq MOD 9000, '2024-01-01'
    FROM seq_1_to_1000000 WHERE seq MOD 10 < 7`);
  await ds.destroy();

  ds = await open(patient.MIGRATIONS);
  let t = Date.now();
  const ran = await migrate(ds, 'up');
  console.log(`${((Date.now() - t) / 1000).toFixed(1)} s  migration ${ran.join(', ')} (backfill and indexes)`);
  await ds.query('ANALYZE TABLE encounters, appointments, encounter_diagnoses, prescriptions, patient_first_visits');

  const statements = [];
  const query = ds.query.bind(ds);
  ds.query = async (sql, args) => (statements.push([sql, args]), query(sql, args));
  const stats = new StatsService(ds, { env: { CLINIC_TIMEZONE: 'Asia/Shanghai' } });
  const actor = { clinicId: 'clinic-1' };
  for (const [from, to] of [['2025-01-01', '2025-12-31'], ['2025-01-01', '2025-12-31'], ['2024-01-01', '2026-12-31']]) {
    t = Date.now();
    const flow = await stats.flow(actor, { from, to });
    const flowMs = Date.now() - t;
    t = Date.now();
    const clinical = await stats.clinical(actor, { from, to });
    console.log(`${from}..${to}: flow ${flowMs} ms, clinical ${Date.now() - t} ms (${flow.visits} visits, ${clinical.topDiagnoses.length} top diagnoses)`);
  }
  const seen = new Set();
  for (const [sql, args] of statements) {
    if (seen.has(sql) || !/COUNT/.test(sql)) continue;
    seen.add(sql);
    const plan = await query(`EXPLAIN ${sql}`, args);
    console.log(`\n${sql.replace(/\s+/g, ' ').slice(0, 120)}…`);
    for (const p of plan) console.log(`  ${p.table} ${p.type} key=${p.key} ${p.Extra}`);
  }
  await ds.destroy();
  if (process.env.BENCH_KEEP !== '1') await conn.query(`DROP DATABASE ${NAME}`);
  await conn.end();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
