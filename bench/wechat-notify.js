#!/usr/bin/env node
// WeChat Pay notification handling in the production topology, beside the bare cost of what every notification
// must cost at least: the RSA signature check and the AES-256-GCM decryption, in the same run.
//   system: ORDERS pending WeChat payments (bills and payments written straight into billing's schema), each paid
//           at a local fake WeChat Pay (API v3, keys made for the run) whose signed, encrypted notification is then
//           POSTed to /api/v1/payments/wechat/notify by 50 concurrent senders; 20 % of the posts repeat an earlier
//           notification, as WeChat Pay does when an answer is slow. Each post: the gateway's raw body, the hop over
//           Redis, verification, decryption, the amount and order check, and for a first copy the bill's row lock,
//           the conditional update, the journal row and bill.paid in the outbox; a duplicate is answered as done.
//   bare:   the same notifications checked and decrypted in a loop in this process (one core), no I/O.
// Afterwards every payment must be SUCCEEDED exactly once with one journal row. Machine: printed below.
const { randomUUID } = require('node:crypto');
const { mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const esbuild = require('esbuild');
const mysql = require('mysql2/promise');
const { bootProduction, load, machine, pct, ROOT } = require('./lib/load');

const ORDERS = Number(process.env.BENCH_ORDERS ?? 3000);
const DUPLICATES = 0.2;
const PREFIX = 'clinic_benchpay_test_';
const PASSWORD = 'Bench-Passw0rd!';
const PORT = 3972;

/** The test fake and the protocol are TypeScript; bundle them once for this script. */
function typescript(entry) {
  const outfile = join(mkdtempSync(join(tmpdir(), 'bench-pay-')), 'bundle.js');
  esbuild.buildSync({ entryPoints: [join(ROOT, entry)], bundle: true, platform: 'node', target: 'node20', outfile, logLevel: 'error' });
  return require(outfile);
}

async function main() {
  const { startFakeWechatPay } = typescript('apps/billing-svc/src/wechatpay/testing/fake-wechatpay-server.ts');
  const protocol = typescript('apps/billing-svc/src/wechatpay/wechatpay-protocol.ts');
  const { createPublicKey } = require('node:crypto');
  const running = [];
  try {
    const pay = await startFakeWechatPay({ appId: 'wxbench000000001' });
    running.push({ stop: () => pay.close() });
    const notifyUrl = `http://127.0.0.1:${PORT}/api/v1/payments/wechat/notify`;
    await bootProduction(running, {
      prefix: PREFIX,
      port: PORT,
      password: PASSWORD,
      env: { ...pay.settings(notifyUrl), WECHAT_APP_SECRET: 'bench-secret', NODE_EXTRA_CA_CERTS: pay.caFile, WECHATPAY_JOB_SECONDS: '3600', NODE_ENV: 'test' },
    });

    // ORDERS pending payments, each holding its bill, as a prepay leaves them.
    const db = await mysql.createConnection({ host: '127.0.0.1', user: 'root', database: `${PREFIX}billing` });
    const now = new Date();
    const orders = [];
    for (let i = 0; i < ORDERS; i += 500) {
      const bills = [];
      const payments = [];
      for (let j = i; j < Math.min(ORDERS, i + 500); j++) {
        const billId = randomUUID();
        const amount = 1000 + (j % 97) * 13;
        const outTradeNo = `PBENCH${String(j).padStart(8, '0')}${randomUUID().slice(0, 8)}`;
        bills.push([billId, 'clinic-1', randomUUID(), 'ENCOUNTER', randomUUID(), 'OPEN', amount, 0, amount, 0, now]);
        payments.push([randomUUID(), 'clinic-1', billId, 'WECHAT', amount, `bench-${j}-${randomUUID()}`, 'bench', now, 'PENDING', outTradeNo, new Date(now.getTime() + 3600_000), 0]);
        orders.push({ outTradeNo, amount });
        pay.orders.set(outTradeNo, { appid: pay.appId, mchid: pay.mchId, outTradeNo, amountFen: amount, openid: 'oBench', notifyUrl, prepayId: `wx${j}`, state: 'NOTPAY', refundedFen: 0 });
      }
      await db.query('INSERT INTO bills (id, clinic_id, patient_id, source_type, source_id, status, total_fen, paid_fen, pending_fen, refunded_fen, created_at) VALUES ?', [bills]);
      await db.query('INSERT INTO payments (id, clinic_id, bill_id, method, amount_fen, idempotency_key, created_by, created_at, status, out_trade_no, expires_at, refunded_fen) VALUES ?', [payments]);
    }

    // The notifications, and a send order in which one post in five repeats an earlier one.
    const notes = orders.map((o) => pay.pay(o.outTradeNo));
    const sends = [];
    let fresh = 0;
    while (fresh < notes.length) {
      if (fresh > 0 && Math.random() < DUPLICATES) sends.push(notes[Math.floor(Math.random() * fresh)]);
      else sends.push(notes[fresh++]);
    }

    let k = 0;
    const system = await load(50, 600_000, async () => {
      if (k >= sends.length) return null;
      const n = sends[k++];
      const started = process.hrtime.bigint();
      const res = await fetch(notifyUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...n.headers }, body: n.body });
      await res.arrayBuffer();
      return { status: res.status, ms: Number(process.hrtime.bigint() - started) / 1e6 };
    });

    // Bare: the same checks on the same notifications, one after another.
    const keys = new Map([[pay.platformSerial, createPublicKey(require('node:fs').readFileSync(pay.platformPublicKeyFile, 'utf8'))]]);
    const lat = [];
    const started = Date.now();
    for (const n of sends) {
      const t = process.hrtime.bigint();
      const h = protocol.signedHeadersOf(n.headers);
      if (protocol.verifySigned(h, n.body, keys) !== null) throw new Error('bare check refused a genuine notification');
      JSON.parse(protocol.decryptResource(JSON.parse(n.body).resource, pay.apiV3Key));
      lat.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    const bare = { perSecond: sends.length / ((Date.now() - started) / 1000), p50: pct(lat, 50), p99: pct(lat, 99) };

    const [[check]] = await db.query("SELECT SUM(status = 'SUCCEEDED') AS paid, COUNT(*) AS payments, (SELECT COUNT(*) FROM money_entries) AS entries, (SELECT COUNT(*) FROM bills WHERE status = 'PAID' AND paid_fen = total_fen AND pending_fen = 0) AS bills FROM payments");
    await db.end();

    console.log(machine());
    console.log(`notifications: ${sends.length} posts for ${ORDERS} orders (${sends.length - ORDERS} duplicates, ${((100 * (sends.length - ORDERS)) / sends.length).toFixed(0)} %)`);
    console.log(`system 50 senders: ${system.perSecond.toFixed(0)}/s, p50 ${system.p50.toFixed(1)} ms, p99 ${system.p99.toFixed(1)} ms, statuses ${JSON.stringify(system.statuses)}`);
    console.log(`bare   1 loop:     ${bare.perSecond.toFixed(0)}/s, p50 ${bare.p50.toFixed(2)} ms, p99 ${bare.p99.toFixed(2)} ms (signature check + decryption only)`);
    console.log(`ratio (system / bare): ${(system.perSecond / bare.perSecond).toFixed(2)}`);
    console.log(`after the run: ${check.paid} of ${check.payments} payments SUCCEEDED, ${check.entries} journal rows, ${check.bills} bills PAID in full${Number(check.paid) === ORDERS && Number(check.entries) === ORDERS && Number(check.bills) === ORDERS ? ' (each paid exactly once)' : ' (MISMATCH)'}`);
  } finally {
    for (const r of running.reverse()) await r.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
