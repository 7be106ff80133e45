#!/usr/bin/env node
// Booking throughput and latency through the gateway (production topology: gateway → Redis → patient-svc →
// MariaDB), beside a bare Fastify + mysql2 handler doing the same conditional update in the same run.
//   ample:  50 concurrent clients for DURATION seconds on shifts with places to spare (each request a new
//           patient-and-shift pair, so every one should succeed)
//   race:   200 clients at once for the last 10 places of a shift, ROUNDS times (exactly 10 should win)
// The bare handler: one transaction of `UPDATE shifts SET booked = booked + 1 WHERE id = ? AND booked < capacity`
// and an INSERT under a unique (patient, shift) key, on its own schema; no auth, no validation, no hop.
// Machine: whatever runs it, printed below; MariaDB and Redis on 127.0.0.1. Ratios compare one run.
const { randomUUID } = require('node:crypto');
const Fastify = require('fastify');
const mysql = require('mysql2/promise');
const { bootProduction, load, machine, pct, post } = require('./lib/load');

const DURATION = Number(process.env.BENCH_SECONDS ?? 8) * 1000;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PREFIX = 'clinic_benchbook_test_';
const BARE_DB = 'clinic_benchbare_test';
const PASSWORD = 'Bench-Passw0rd!';
const DAY_MS = 86_400_000;
const day = (n) => new Date(Date.now() + n * DAY_MS).toISOString().slice(0, 10);

async function race(fire) {
  const results = await Promise.all(Array.from({ length: 200 }, (_, i) => fire(i)));
  const lat = results.map((r) => r.ms);
  return { won: results.filter((r) => r.status === 201 || r.status === 200).length, p50: pct(lat, 50), p99: pct(lat, 99), wallMs: Math.max(...lat) };
}

async function systemUnderTest(running) {
  const { url, token } = await bootProduction(running, { prefix: PREFIX, port: 3970, password: PASSWORD, env: { MAX_APPOINTMENTS_PER_DAY: '1000', BOOKING_WINDOW_DAYS: '30' } });
  await post(`${url}/staff`, { username: 'bench.doctor', password: PASSWORD, name: '压测医生', roles: ['doctor'] }, token);
  const doctorId = (await (await fetch(`${url}/doctors`, { headers: { authorization: `Bearer ${token}` } })).json())[0].id;
  let nextDay = 1;
  const shift = async (capacity) => (await post(`${url}/schedules`, { doctorId, date: day(nextDay++), period: 'AM', startTime: '08:00', endTime: '12:00', capacity }, token)).body.id;
  const patients = [];
  for (let i = 0; i < 400; i += 20) {
    const made = await Promise.all(Array.from({ length: 20 }, (_, k) => post(`${url}/patients`, { name: `压测${i + k}`, gender: 'M', birthDate: '1990-01-01', phone: `1370000${String(i + k).padStart(4, '0')}` }, token)));
    patients.push(...made.map((r) => r.body.id));
  }
  return {
    async ample() {
      const shifts = [];
      for (let i = 0; i < 12; i++) shifts.push(await shift(500));
      let k = 0;
      return load(50, DURATION, () => {
        const n = k++;
        return post(`${url}/appointments`, { patientId: patients[n % patients.length], scheduleId: shifts[Math.floor(n / patients.length) % shifts.length] }, token);
      });
    },
    async race() {
      const id = await shift(10);
      return race((i) => post(`${url}/appointments`, { patientId: patients[i], scheduleId: id }, token));
    },
  };
}

async function bare(running) {
  const conn = await mysql.createConnection({ host: '127.0.0.1', user: 'root' });
  await conn.query(`DROP DATABASE IF EXISTS \`${BARE_DB}\``);
  await conn.query(`CREATE DATABASE \`${BARE_DB}\``);
  await conn.query(`CREATE TABLE \`${BARE_DB}\`.shifts (id VARCHAR(36) PRIMARY KEY, capacity INT NOT NULL, booked INT NOT NULL)`);
  await conn.query(`CREATE TABLE \`${BARE_DB}\`.appointments (id VARCHAR(36) PRIMARY KEY, shift_id VARCHAR(36) NOT NULL, patient_id VARCHAR(36) NOT NULL, UNIQUE KEY uq (patient_id, shift_id))`);
  await conn.end();
  const pool = mysql.createPool({ host: '127.0.0.1', user: 'root', database: BARE_DB, connectionLimit: 10 });
  const app = Fastify();
  app.post('/book', async (req, reply) => {
    const { shiftId, patientId } = req.body;
    const c = await pool.getConnection();
    try {
      await c.beginTransaction();
      const [r] = await c.query('UPDATE shifts SET booked = booked + 1 WHERE id = ? AND booked < capacity', [shiftId]);
      if (r.affectedRows !== 1) {
        await c.rollback();
        return reply.code(409).send({ code: 'APPOINTMENT.SLOT_FULL' });
      }
      await c.query('INSERT INTO appointments (id, shift_id, patient_id) VALUES (?, ?, ?)', [randomUUID(), shiftId, patientId]);
      await c.commit();
      return reply.code(201).send({ ok: true });
    } catch (err) {
      await c.rollback();
      return reply.code(409).send({ code: err.code });
    } finally {
      c.release();
    }
  });
  await app.listen({ port: 3980, host: '127.0.0.1' });
  running.push({ stop: async () => { await app.close(); await pool.end(); } });
  const shift = async (capacity) => {
    const id = randomUUID();
    await pool.query('INSERT INTO shifts (id, capacity, booked) VALUES (?, ?, 0)', [id, capacity]);
    return id;
  };
  return {
    async ample() {
      // Enough places that every request books (a refused one would be cheaper and flatter the bare side).
      const shifts = [];
      for (let i = 0; i < 60; i++) shifts.push(await shift(500));
      let k = 0;
      return load(50, DURATION, () => {
        const n = k++;
        return post('http://127.0.0.1:3980/book', { patientId: `p${n}`, shiftId: shifts[Math.floor(n / 500) % shifts.length] });
      });
    },
    async race() {
      const id = await shift(10);
      return race((i) => post('http://127.0.0.1:3980/book', { patientId: `p${i}`, shiftId: id }));
    },
  };
}

async function main() {
  const running = [];
  try {
    const sut = await systemUnderTest(running);
    const base = await bare(running);
    const ample = { system: await sut.ample(), bare: await base.ample() };
    const races = { system: [], bare: [] };
    for (let r = 0; r < ROUNDS; r++) {
      races.system.push(await sut.race());
      races.bare.push(await base.race());
    }
    console.log(machine());
    for (const [name, r] of Object.entries(ample)) {
      console.log(`ample ${name.padEnd(6)} 50 clients ${DURATION / 1000} s: ${r.perSecond.toFixed(0)} bookings/s, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, statuses ${JSON.stringify(r.statuses)}`);
    }
    for (const [name, rs] of Object.entries(races)) {
      for (const r of rs) console.log(`race  ${name.padEnd(6)} 200 for 10: won ${r.won}, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, all answered in ${r.wallMs.toFixed(0)} ms`);
    }
    const median = (xs) => pct(xs, 50);
    console.log(`ratios (system / bare): ample throughput ${(ample.system.perSecond / ample.bare.perSecond).toFixed(2)}, ample p50 ${(ample.system.p50 / ample.bare.p50).toFixed(2)}, race p99 ${(median(races.system.map((r) => r.p99)) / median(races.bare.map((r) => r.p99))).toFixed(2)}`);
  } finally {
    for (const r of running.reverse()) await r.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
