#!/usr/bin/env node
// Reserve and dispense throughput in the production topology, beside a bare mysql2 loop doing the same stock
// change in the same run.
//   reserve:  50 concurrent callers for DURATION seconds, each a new prescription of one unit of one of 20 drugs,
//             sent to pharmacy-svc over Redis as the prescriptions service will (pattern pharmacy.reservations.reserve.1):
//             validation, the order and its line, the FEFO batch lock, the conditional update, the ledger row.
//   dispense: 50 concurrent pharmacists for DURATION seconds on paid prescriptions, POST /prescriptions/:id/dispense
//             through the gateway (auth, the hop, the order lock, the conditional update, the ledger row, the outbox).
// The bare loop: 50 async callers on a 10-connection mysql2 pool, each change one transaction of the conditional
// UPDATE on a batch row plus one ledger INSERT (reserve: reserved + 1 where free; dispense: quantity − 1 and
// reserved − 1 where held). Machine: whatever runs it, printed below. Ratios compare one run.
const { randomUUID } = require('node:crypto');
const { ClientProxyFactory, Transport } = require('@nestjs/microservices');
const mysql = require('mysql2/promise');
const { lastValueFrom } = require('rxjs');
const { bootProduction, load, machine, post } = require('./lib/load');

const DURATION = Number(process.env.BENCH_SECONDS ?? 8) * 1000;
const PREFIX = 'clinic_benchpharm_test_';
const BARE_DB = 'clinic_benchpharm_bare_test';
const PASSWORD = 'Bench-Passw0rd!';
const DRUGS = 20;
const day = (n) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

async function systemUnderTest(running) {
  const { url, token } = await bootProduction(running, { prefix: PREFIX, port: 3971, password: PASSWORD });
  await post(`${url}/staff`, { username: 'bench.pharmacist', password: PASSWORD, name: '压测药师', roles: ['pharmacist'] }, token);
  const pharmacist = (await post(`${url}/auth/staff/login`, { username: 'bench.pharmacist', password: PASSWORD })).body.accessToken;
  const supplierId = (await post(`${url}/suppliers`, { name: '压测供应商' }, pharmacist)).body.id;
  const drugs = [];
  for (let i = 0; i < DRUGS; i++) {
    const id = (await post(`${url}/drugs`, { name: `压测药${i}`, spec: '10mg*10片', unit: '盒', priceFen: 1000 + i, reorderLevel: 1 }, pharmacist)).body.id;
    // Three batches each, so every reservation walks the FEFO order.
    await post(`${url}/stock-ins`, { supplierId, items: [1, 2, 3].map((b) => ({ drugId: id, batchNo: `B${b}`, expiryDate: day(100 * b), quantity: 100_000, unitCostFen: 500 })) }, pharmacist);
    drugs.push(id);
  }
  const bus = ClientProxyFactory.create({ transport: Transport.REDIS, options: { host: '127.0.0.1', port: 6379 } });
  await bus.connect();
  running.push({ stop: () => bus.close() });
  const doctor = { kind: 'staff', id: randomUUID(), roles: ['doctor'], clinicId: 'clinic-1' };
  const reserve = async (prescriptionId, drugId) => {
    const started = process.hrtime.bigint();
    const data = { prescriptionId, patientId: randomUUID(), patientName: '压测患者', validUntil: new Date(Date.now() + 86_400_000).toISOString(), items: [{ drugId, quantity: 1, dosage: '1片', frequency: 'tid', days: 3 }] };
    const status = await lastValueFrom(bus.send('pharmacy.reservations.reserve.1', { meta: { requestId: randomUUID(), actor: doctor }, data })).then(() => 200, (err) => err?.code ?? 'error');
    return { status, ms: Number(process.hrtime.bigint() - started) / 1e6 };
  };
  const reserved = [];
  return {
    async reserve() {
      let k = 0;
      return load(50, DURATION, async () => {
        const id = randomUUID();
        const r = await reserve(id, drugs[k++ % DRUGS]);
        if (r.status === 200) reserved.push(id);
        return r;
      });
    },
    async dispense() {
      // Pay everything reserved above (billing's event), wait until pharmacy has them all ready, then dispense.
      for (let i = 0; i < reserved.length; i += 200) {
        const event = { meta: { requestId: randomUUID(), eventId: randomUUID(), occurredAt: new Date().toISOString(), source: 'bench' }, data: { clinicId: 'clinic-1', billId: randomUUID(), patientId: randomUUID(), prescriptionIds: reserved.slice(i, i + 200), appointmentIds: [], paidAt: new Date().toISOString() } };
        await lastValueFrom(bus.emit('billing.bill.paid.1', event), { defaultValue: undefined });
      }
      const conn = await mysql.createConnection({ host: '127.0.0.1', user: 'root', database: `${PREFIX}pharmacy` });
      for (let ready = 0; ready < reserved.length; await new Promise((r) => setTimeout(r, 200))) {
        [[{ ready }]] = await conn.query("SELECT COUNT(*) AS ready FROM pharmacy_orders WHERE status = 'READY'");
      }
      await conn.end();
      let k = 0;
      return load(50, DURATION, () => (k < reserved.length ? post(`${url}/prescriptions/${reserved[k++]}/dispense`, {}, pharmacist) : null));
    },
    async verify() {
      const conn = await mysql.createConnection({ host: '127.0.0.1', user: 'root', database: `${PREFIX}pharmacy` });
      const [[row]] = await conn.query('SELECT COUNT(*) AS bad FROM batches b WHERE b.quantity <> (SELECT COALESCE(SUM(quantity), 0) FROM stock_ledger l WHERE l.batch_id = b.id) OR b.reserved <> (SELECT COALESCE(SUM(reserved_change), 0) FROM stock_ledger l WHERE l.batch_id = b.id)');
      await conn.end();
      return Number(row.bad);
    },
  };
}

async function bare(running) {
  const root = await mysql.createConnection({ host: '127.0.0.1', user: 'root', multipleStatements: true });
  await root.query(`DROP DATABASE IF EXISTS \`${BARE_DB}\`; CREATE DATABASE \`${BARE_DB}\`; USE \`${BARE_DB}\`;
    CREATE TABLE batches (id VARCHAR(36) PRIMARY KEY, quantity INT NOT NULL, reserved INT NOT NULL, CHECK (quantity >= 0), CHECK (reserved >= 0 AND reserved <= quantity));
    CREATE TABLE ledger (seq INT AUTO_INCREMENT PRIMARY KEY, batch_id VARCHAR(36) NOT NULL, type VARCHAR(10) NOT NULL, quantity INT NOT NULL, reserved_change INT NOT NULL, source_id VARCHAR(36) NOT NULL, created_at DATETIME(3) NOT NULL)`);
  await root.end();
  const pool = mysql.createPool({ host: '127.0.0.1', user: 'root', database: BARE_DB, connectionLimit: 10 });
  running.push({ stop: () => pool.end() });
  const batches = Array.from({ length: DRUGS }, () => randomUUID());
  for (const id of batches) await pool.query('INSERT INTO batches VALUES (?, 300000, 0)', [id]);
  const change = async (sql, type, q, r, batch) => {
    const started = process.hrtime.bigint();
    const c = await pool.getConnection();
    let status = 200;
    try {
      await c.beginTransaction();
      const [res] = await c.query(sql, [batch]);
      if (res.affectedRows !== 1) status = 409;
      else await c.query('INSERT INTO ledger (batch_id, type, quantity, reserved_change, source_id, created_at) VALUES (?, ?, ?, ?, ?, NOW(3))', [batch, type, q, r, randomUUID()]);
      await c.commit();
    } catch {
      await c.rollback();
      status = 500;
    } finally {
      c.release();
    }
    return { status, ms: Number(process.hrtime.bigint() - started) / 1e6 };
  };
  let reservedCount = 0;
  return {
    async reserve() {
      let k = 0;
      const r = await load(50, DURATION, () => change('UPDATE batches SET reserved = reserved + 1 WHERE id = ? AND quantity - reserved >= 1', 'RESERVE', 0, 1, batches[k++ % DRUGS]));
      reservedCount = r.statuses[200] ?? 0;
      return r;
    },
    async dispense() {
      let k = 0;
      return load(50, DURATION, () => (k < reservedCount ? change('UPDATE batches SET quantity = quantity - 1, reserved = reserved - 1 WHERE id = ? AND reserved >= 1', 'DISPENSE', -1, -1, batches[k++ % DRUGS]) : null));
    },
  };
}

async function main() {
  const running = [];
  try {
    const sut = await systemUnderTest(running);
    const base = await bare(running);
    const reserve = { system: await sut.reserve(), bare: await base.reserve() };
    const dispense = { system: await sut.dispense(), bare: await base.dispense() };
    const broken = await sut.verify();
    console.log(machine());
    for (const [what, pair] of Object.entries({ reserve, dispense })) {
      for (const [name, r] of Object.entries(pair)) {
        console.log(`${what.padEnd(8)} ${name.padEnd(6)} 50 clients: ${r.perSecond.toFixed(0)}/s, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, statuses ${JSON.stringify(r.statuses)}`);
      }
    }
    console.log(`ratios (system / bare): reserve throughput ${(reserve.system.perSecond / reserve.bare.perSecond).toFixed(2)}, dispense throughput ${(dispense.system.perSecond / dispense.bare.perSecond).toFixed(2)}`);
    console.log(`ledger check after the run: ${broken === 0 ? 'every batch equals the sum of its movements' : `${broken} batches disagree`}`);
  } finally {
    for (const r of running.reverse()) await r.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
