#!/usr/bin/env node
// Fills the production topology with a clinic chain's three years of history, for the statistics benchmark
// (bench/stats.js). Fresh schemas under PREFIX are made by db:setup (real migrations); the rows then go straight
// into each service's schema as multi-row INSERTs over a root connection, because going through the API would
// take days at this size. Everything the services would derive is derived the same way here: phone and ID card
// are encrypted and blind-indexed by the platform's PiiCipher with the keys db:setup left in DATA_DIR, stock
// moves only with a ledger row (per batch, on hand = Σ quantity), and every payment has its journal row.
//
// Size: BENCH_SCALE × (200,000 patients, 1,000,000 encounters); 40 doctors, 300 drugs whatever the scale.
// Shape: days over three years up to yesterday (Asia/Shanghai), busier on Mondays and in winter, growing by half
// over the period; visits by the hour of a clinic's morning and afternoon; diagnoses skewed to the common
// outpatient codes; ~70 % of visits with a prescription of 1-4 drugs; every visit billed and paid.
// Not generated: refunds, reversals, daily closes (business days are left OPEN), pharmacy's line allocations,
// reminders, the audit log; stock is dispensed without the reservation rows that precede it in the service.
//
//   BENCH_SCALE=0.01 node bench/generate-clinic.js       quick run
//   node bench/generate-clinic.js                        the issue's size
// Machine: whatever runs it, printed below with the rows per table and the time per phase.
const { randomUUID, randomInt } = require('node:crypto');
const { readFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { hash } = require('@node-rs/argon2');
const mysql = require('mysql2/promise');
const { ROOT, machine, productionEnv, setupSchemas } = require('./lib/load');
const { PiiCipher } = require(join(ROOT, 'libs/platform/dist/crypto/pii-cipher.js'));
const { pinyinInitials } = require(join(ROOT, 'libs/platform/dist/text/pinyin.js'));

const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const PREFIX = process.env.BENCH_PREFIX ?? 'clinic_hstatsbench_test_';
const DATA_DIR = process.env.BENCH_DATA_DIR ?? join(tmpdir(), `${PREFIX}data`);
const PASSWORD = 'Bench-Passw0rd!';
const PORT = 3975;
const REDIS_URL = 'redis://127.0.0.1:6383';
const CLINIC = 'clinic-1';
const PATIENTS = Math.round(200_000 * SCALE);
const ENCOUNTERS = Math.round(1_000_000 * SCALE);
const DAYS = 3 * 365;
const BATCH = 3000; // rows per INSERT: big enough to amortise the round trip, well under max_allowed_packet
const DAY_MS = 86_400_000;
const SHANGHAI = 8 * 3600_000; // no daylight saving: a fixed offset is exact

// --- small random helpers -------------------------------------------------------------------------------------
const rnd = Math.random;
const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
/** Picks from [value, weight] pairs through a cumulative table (built once). */
function weighted(pairs) {
  const cum = [];
  let total = 0;
  for (const [, w] of pairs) cum.push((total += w));
  return () => {
    const x = rnd() * total;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return pairs[lo][0];
  };
}
/** Log-normal minutes with the given median; `spread` is sigma. */
const lognormal = (median, spread) => median * Math.exp(spread * Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd()));
const dayString = (utcMs) => new Date(utcMs + SHANGHAI).toISOString().slice(0, 10);

// --- reference data -------------------------------------------------------------------------------------------
const DEPARTMENTS = ['内科', '儿科', '妇科', '外科', '皮肤科', '耳鼻喉科', '口腔科', '中医科'];
const DEPT_SHARE = [14, 8, 4, 4, 3, 3, 2, 2]; // doctors per department (40)
const TITLES = [['主任医师', 5000], ['副主任医师', 3000], ['主治医师', 1500], ['住院医师', 1000]];
const SURNAMES = weighted([['王', 7.1], ['李', 7.0], ['张', 6.7], ['刘', 5.4], ['陈', 4.5], ['杨', 3.1], ['黄', 2.2], ['赵', 2.0], ['吴', 1.9], ['周', 1.9], ['徐', 1.5], ['孙', 1.5], ['马', 1.4], ['朱', 1.3], ['胡', 1.2], ['郭', 1.1], ['何', 1.1], ['高', 1.0], ['林', 1.0], ['罗', 0.9], ['郑', 0.9], ['梁', 0.9], ['谢', 0.8], ['宋', 0.7], ['唐', 0.7], ['许', 0.6], ['韩', 0.6], ['冯', 0.6], ['邓', 0.6], ['曹', 0.6], ['彭', 0.5], ['曾', 0.5], ['肖', 0.5], ['田', 0.5], ['董', 0.5], ['潘', 0.4], ['袁', 0.4], ['蔡', 0.4], ['蒋', 0.4], ['余', 0.4], ['于', 0.4], ['杜', 0.4], ['叶', 0.4], ['程', 0.3], ['魏', 0.3], ['苏', 0.3], ['吕', 0.3], ['丁', 0.3], ['任', 0.3], ['沈', 0.3], ['欧阳', 0.05], ['司马', 0.02]]);
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀英华霞平刚桂英玉兰辉鑫宇浩然子涵欣怡梓萱一诺思远俊杰晨曦佳琪雨桐志强建国海燕春梅文博嘉怡明轩紫涵'.split('');
const ADVICE = ['多饮水，注意休息', '低盐低脂饮食，规律服药', '清淡饮食，忌辛辣', '如症状加重及时复诊', '规律作息，适度运动'];

/** ICD-10 codes: the common outpatient ones by weight (the head of the distribution), then the rest of the file. */
function icdCodes() {
  const rows = readFileSync(join(ROOT, 'apps/patient-svc/assets/icd10-cn.tsv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
  const byCode = new Map(rows.map(([code, name]) => [code, name]));
  const find = (want) => (byCode.has(want) ? want : rows.find(([c]) => c.startsWith(want))?.[0]);
  const common = [
    ['J06.900', 160], ['I10.x00x002', 110], ['E11.900', 70], ['K29.700', 60], ['J20.900', 50], ['J02.900', 45], ['J03.900', 30],
    ['K52.900', 30], ['M54.5', 25], ['E78.500', 25], ['I25.100', 20], ['K21.0', 18], ['J30.4', 15], ['L30.9', 15], ['H10.900', 12],
    ['N39.0', 12], ['A09.900', 12], ['R51', 10], ['M17', 10], ['J45.9', 8], ['B35.900', 8], ['K59.0', 8], ['R10.4', 8], ['N76.0', 8],
    ['J40', 8], ['K02', 10], ['K05.1', 8], ['L20', 6], ['I63.900', 4], ['R05', 10], ['J18.900', 6], ['E03.9', 5], ['M81', 4],
  ].flatMap(([c, w]) => (find(c) ? [[find(c), w]] : []));
  const head = weighted(common);
  return { name: (code) => byCode.get(code), pick: () => (rnd() < 0.85 ? head() : pick(rows)[0]) };
}

/** 300 drugs: common generics in several specs and makers; popularity falls off like a Zipf law. */
function drugCatalogue() {
  const generics = [
    ['阿莫西林胶囊', '0.25g*24粒', '盒', 1280, '抗生素', 'PENICILLIN'], ['头孢克肟分散片', '0.1g*6片', '盒', 2560, '抗生素', 'CEPHALOSPORIN'],
    ['布洛芬缓释胶囊', '0.3g*20粒', '盒', 1850, '解热镇痛', null], ['对乙酰氨基酚片', '0.5g*12片', '盒', 650, '解热镇痛', null],
    ['盐酸二甲双胍片', '0.5g*48片', '盒', 1120, '降糖', null], ['苯磺酸氨氯地平片', '5mg*28片', '盒', 2890, '降压', null],
    ['奥美拉唑肠溶胶囊', '20mg*14粒', '盒', 1560, '消化', null], ['连花清瘟胶囊', '0.35g*24粒', '盒', 1480, '中成药', null],
    ['阿托伐他汀钙片', '20mg*7片', '盒', 3250, '调脂', null], ['硝苯地平控释片', '30mg*7片', '盒', 3120, '降压', null],
    ['蒙脱石散', '3g*10袋', '盒', 1380, '消化', null], ['氯雷他定片', '10mg*6片', '盒', 1890, '抗过敏', null],
    ['复方甘草片', '100片', '瓶', 450, '止咳', null], ['阿奇霉素片', '0.25g*6片', '盒', 2280, '抗生素', 'MACROLIDE'],
    ['左氧氟沙星片', '0.5g*4片', '盒', 1950, '抗生素', 'QUINOLONE'], ['缬沙坦胶囊', '80mg*7粒', '盒', 2650, '降压', null],
    ['格列美脲片', '2mg*30片', '盒', 2380, '降糖', null], ['阿司匹林肠溶片', '100mg*30片', '盒', 1590, '抗血小板', null],
    ['雷贝拉唑钠肠溶片', '10mg*14片', '盒', 4280, '消化', null], ['小儿氨酚黄那敏颗粒', '6g*10袋', '盒', 1250, '解热镇痛', null],
    ['氨溴索口服溶液', '100ml', '瓶', 2150, '止咳', null], ['莫匹罗星软膏', '5g', '支', 1850, '外用', null],
    ['糠酸莫米松乳膏', '5g', '支', 2450, '外用', null], ['硝酸咪康唑乳膏', '20g', '支', 1650, '外用', null],
    ['玻璃酸钠滴眼液', '5ml', '支', 3850, '眼科', null], ['左甲状腺素钠片', '50μg*100片', '盒', 2980, '内分泌', null],
    ['二甲双胍缓释片', '0.5g*30片', '盒', 1680, '降糖', null], ['双氯芬酸钠缓释片', '75mg*10片', '盒', 1450, '解热镇痛', null],
    ['藿香正气水', '10ml*10支', '盒', 980, '中成药', null], ['蓝芩口服液', '10ml*12支', '盒', 3250, '中成药', null],
  ];
  const makers = ['华北制药', '石药集团', '扬子江药业', '齐鲁制药', '恒瑞医药', '白云山', '华润双鹤', '国药集团', '修正药业', '云南白药'];
  const drugs = [];
  for (let i = 0; drugs.length < 300; i++) {
    const [generic, spec, unit, price, category, allergy] = generics[i % generics.length];
    const maker = makers[Math.floor(i / generics.length)];
    const name = `${generic}（${maker}）`;
    drugs.push({ id: randomUUID(), name, generic, spec, unit, priceFen: Math.round(price * (0.85 + 0.3 * ((i * 7919) % 100) / 100)), category, allergy, popularity: 1 / (i + 1) ** 0.9 });
  }
  return drugs;
}

// --- the writer: buffered multi-row INSERTs, a few in flight while the next rows are made ---------------------
const COLUMNS = {
  patient: {
    staff_users: 'id,clinic_id,username,password_hash,name,roles,department_id,title,status,created_at',
    departments: 'id,clinic_id,name,description,created_at',
    patients: 'id,clinic_id,medical_record_no,name,gender,birth_date,phone_enc,phone_hash,id_card_enc,id_card_hash,relationship,created_by,created_at,updated_at',
    accounts: 'id,clinic_id,openid,patient_count,privacy_version,privacy_consented_at,status,created_at',
    account_patients: 'account_id,patient_id,relationship,created_at',
    shifts: 'id,clinic_id,doctor_id,department_id,date,period,start_time,end_time,capacity,booked,overbooked,registration_fee_fen,status,numbers_issued,rank_seq,created_at',
    appointments: 'id,clinic_id,shift_id,patient_id,account_id,doctor_id,day,status,active_key,fee_fen,overbooked,queue_no,queue_rank,walk_in,checked_in_at,called_at,completed_at,cancel_reason,created_by,created_at,cancelled_at',
    encounters: 'id,clinic_id,patient_id,doctor_id,doctor_name,department_id,appointment_id,status,called_at,started_at,finished_at',
    emr_versions: 'id,encounter_id,version,content,status,author_id,signed_by,signed_by_name,signed_at,updated_at',
    encounter_diagnoses: 'id,clinic_id,encounter_id,code,name,is_primary,diagnosed_at,encounter_started_at',
    patient_first_visits: 'patient_id,clinic_id,first_started_at',
    prescriptions: 'id,clinic_id,encounter_id,patient_id,doctor_id,kind,status,valid_until,signed_at,total_fen,created_at',
    prescription_lines: 'id,prescription_id,line_no,drug_id,drug_name,spec,unit,control_class,dosage,frequency,route,days,quantity,unit_price_fen,amount_fen',
  },
  pharmacy: {
    suppliers: 'id,clinic_id,name,contact,created_at',
    drugs: 'id,clinic_id,name,generic_name,spec,unit,price_fen,reorder_level,is_prescription,created_at,category,control_class,allergy_class,name_py,generic_py',
    drug_prices: 'id,clinic_id,drug_id,price_fen,effective_from,changed_by',
    stock_ins: 'id,clinic_id,supplier_id,invoice_no,received_by,received_at,total_cost_fen',
    stock_in_lines: 'id,stock_in_id,batch_id,drug_id,line_no,quantity,unit_cost_fen',
    batches: 'id,clinic_id,drug_id,batch_no,expiry_date,quantity,reserved,status,expired_quantity,unit_cost_fen,supplier_id,created_at',
    stock_ledger: 'clinic_id,drug_id,batch_id,type,quantity,reserved_change,balance_after,reserved_after,actor_id,source_type,source_id,created_at',
    pharmacy_orders: 'prescription_id,clinic_id,patient_id,patient_name,doctor_name,reserved_by,status,valid_until,reserved_at,lapses_at,paid_at,bill_id,dispensed_at,dispensed_by,total_fen',
    pharmacy_order_lines: 'id,prescription_id,line_no,drug_id,drug_name,spec,unit,quantity,unit_price_fen,amount_fen,dosage,frequency,route,days,returned_quantity',
  },
  billing: {
    department_refs: 'department_id,clinic_id,name',
    fee_items: 'id,clinic_id,name,price_fen,category,created_at',
    business_days: 'clinic_id,day,status',
    bills: 'id,clinic_id,patient_id,source_type,source_id,status,total_fen,paid_fen,pending_fen,refunded_fen,created_at,paid_at,doctor_id,department_id',
    bill_lines: 'id,bill_id,kind,ref_id,line_no,item_id,name,unit_price_fen,quantity,amount_fen,created_at,dispensed_qty,returned_qty,refunded_qty,refunded_fen',
    payments: 'id,clinic_id,bill_id,method,amount_fen,tendered_fen,change_fen,idempotency_key,created_by,created_at,status,business_date,out_trade_no,channel_txn_id,refunded_fen,detail,paid_at',
    money_entries: 'id,clinic_id,business_date,kind,method,amount_fen,bill_id,payment_id,source_id,doctor_id,department_id,created_at',
  },
};


/** A multi-row INSERT, run again if InnoDB picked it as a deadlock victim (another session reading the same tables). */
async function insertRetrying(pool, sql, rows, attempt = 1) {
  try {
    return await pool.query(sql, [rows]);
  } catch (err) {
    if (err.errno !== 1213 || attempt >= 5) throw err;
    return insertRetrying(pool, sql, rows, attempt + 1);
  }
}

class Writer {
  constructor(pool) {
    this.pool = pool;
    this.buffers = new Map();
    this.inFlight = new Set();
    this.last = new Map();
    this.counts = {};
  }

  async add(service, table, row) {
    const key = `${service}.${table}`;
    let buf = this.buffers.get(key);
    if (!buf) this.buffers.set(key, (buf = []));
    buf.push(row);
    this.counts[key] = (this.counts[key] ?? 0) + 1;
    if (buf.length >= BATCH) await this.flush(service, table);
  }

  async flush(service, table) {
    const key = `${service}.${table}`;
    const rows = this.buffers.get(key);
    if (!rows?.length) return;
    this.buffers.set(key, []);
    // Two inserts in flight at most: the server has two cores, and this process needs one to make rows.
    while (this.inFlight.size >= 2) await Promise.race(this.inFlight);
    const sql = `INSERT INTO \`${PREFIX}${service}\`.\`${table}\` (${COLUMNS[service][table]}) VALUES ?`;
    // After the table's previous insert: the ledger's seq must follow the order its balances were computed in.
    const p = (this.last.get(key) ?? Promise.resolve()).then(() => insertRetrying(this.pool, sql, rows)).finally(() => this.inFlight.delete(p));
    this.last.set(key, p);
    this.inFlight.add(p);
  }

  async drain() {
    for (const key of this.buffers.keys()) {
      const [service, table] = key.split('.');
      await this.flush(service, table);
    }
    await Promise.all(this.inFlight);
  }
}

// --- generation ------------------------------------------------------------------------------------------------
async function main() {
  const started = Date.now();
  const phases = [];
  const phase = async (name, fn) => {
    const t = Date.now();
    await fn();
    phases.push([name, Date.now() - t]);
  };

  const base = productionEnv({ prefix: PREFIX, port: PORT, password: PASSWORD, dataDir: DATA_DIR, env: { REDIS_URL } });
  await phase('schemas (db:setup, migrations)', () => setupSchemas(base));
  const secrets = JSON.parse(readFileSync(join(DATA_DIR, 'secrets.json'), 'utf8'));
  const pii = new PiiCipher(secrets.PII_KEYS, 1, Buffer.from(secrets.PII_INDEX_KEY, 'base64'));

  // Dates are written as UTC, as the services' data source does (timezone 'Z').
  const pool = mysql.createPool({ host: '127.0.0.1', user: 'root', connectionLimit: 3, timezone: 'Z', supportBigNumbers: true });
  pool.on('connection', (c) => c.query('SET SESSION unique_checks = 0, foreign_key_checks = 0'));
  const w = new Writer(pool);
  const icd = icdCodes();

  // Departments, doctors (with their titles and fees), a pharmacist and a cashier.
  const passwordHash = await hash(PASSWORD);
  const t0 = Date.UTC(2026, 10, 25) - SHANGHAI - (DAYS - 1) * DAY_MS; // 00:00 Shanghai of the first day
  const opened = new Date(t0 - 30 * DAY_MS);
  const depts = DEPARTMENTS.map((name) => ({ id: randomUUID(), name }));
  const doctors = [];
  const staff = { pharmacist: randomUUID(), cashier: randomUUID() };
  await phase('reference data', async () => {
    for (const d of depts) {
      await w.add('patient', 'departments', [d.id, CLINIC, d.name, null, opened]);
      await w.add('billing', 'department_refs', [d.id, CLINIC, d.name]);
    }
    depts.forEach((d, di) => {
      for (let k = 0; k < DEPT_SHARE[di]; k++) {
        const [title, feeFen] = TITLES[Math.min(3, Math.floor(rnd() * 4.5))];
        doctors.push({ id: randomUUID(), name: `${SURNAMES()}${pick(GIVEN)}${pick(GIVEN)}`, username: `bench.doctor${doctors.length + 1}`, dept: d, title, feeFen, busy: 0.5 + rnd() });
      }
    });
    for (const doc of doctors) await w.add('patient', 'staff_users', [doc.id, CLINIC, doc.username, passwordHash, doc.name, 'doctor', doc.dept.id, doc.title, 'ACTIVE', opened]);
    await w.add('patient', 'staff_users', [staff.pharmacist, CLINIC, 'bench.pharmacist', passwordHash, '压测药师', 'pharmacist', null, null, 'ACTIVE', opened]);
    await w.add('patient', 'staff_users', [staff.cashier, CLINIC, 'bench.cashier', passwordHash, '压测收费员', 'cashier', null, null, 'ACTIVE', opened]);
  });
  const pickDoctor = weighted(doctors.map((d) => [d, d.busy * (d.dept.name === '内科' ? 1.3 : d.dept.name === '儿科' ? 1.2 : 1)]));

  const drugs = drugCatalogue();
  const suppliers = ['国药控股', '华润医药', '上海医药', '九州通', '重庆医药'].map((name) => ({ id: randomUUID(), name }));
  const services = [['血常规', 2500, '检验'], ['尿常规', 1500, '检验'], ['C反应蛋白', 3000, '检验'], ['血糖', 800, '检验'], ['心电图', 3000, '检查'], ['胸部X线', 8000, '检查'], ['雾化吸入', 2000, '治疗'], ['换药', 1500, '治疗']].map(([name, priceFen, category]) => ({ id: randomUUID(), name, priceFen, category }));
  await phase('catalogues (drugs, suppliers, fee items)', async () => {
    for (const s of suppliers) await w.add('pharmacy', 'suppliers', [s.id, CLINIC, s.name, null, opened]);
    for (const d of drugs) {
      await w.add('pharmacy', 'drugs', [d.id, CLINIC, d.name, d.generic, d.spec, d.unit, d.priceFen, 20, 1, opened, d.category, 'ORDINARY', d.allergy, pinyinInitials(d.name), pinyinInitials(d.generic)]);
      await w.add('pharmacy', 'drug_prices', [randomUUID(), CLINIC, d.id, d.priceFen, opened, staff.pharmacist]);
    }
    for (const s of services) await w.add('billing', 'fee_items', [s.id, CLINIC, s.name, s.priceFen, s.category, opened]);
  });
  const pickDrug = weighted(drugs.map((d) => [d, d.popularity]));

  // Stock: one active batch per drug at a time, received when the last one runs out (FEFO then takes the oldest,
  // which is this one), each receipt with its stock-in, its line and an IN ledger row.
  const stock = new Map(drugs.map((d) => [d.id, { batches: [], current: null }]));
  const batchRows = [];
  async function receive(drug, at) {
    const s = stock.get(drug.id);
    const monthly = Math.max(50, Math.round(drug.popularity * ENCOUNTERS * 0.7 * 2.5 * 2 / 36 / 1.5));
    const quantity = monthly * 2 + randomInt(0, monthly);
    const b = { id: randomUUID(), drugId: drug.id, batchNo: `B${at.toISOString().slice(0, 10).replaceAll('-', '')}${String(s.batches.length).padStart(3, '0')}`, quantity, costFen: Math.round(drug.priceFen * 0.7), supplierId: pick(suppliers).id, at };
    b.expiry = dayString(at.getTime() + 730 * DAY_MS);
    s.batches.push(b);
    s.current = b;
    batchRows.push(b);
    const stockInId = randomUUID();
    await w.add('pharmacy', 'stock_ins', [stockInId, CLINIC, b.supplierId, `INV${randomInt(1e8, 1e9)}`, staff.pharmacist, at, quantity * b.costFen]);
    await w.add('pharmacy', 'stock_in_lines', [randomUUID(), stockInId, b.id, drug.id, 1, quantity, b.costFen]);
    await w.add('pharmacy', 'stock_ledger', [CLINIC, drug.id, b.id, 'IN', quantity, 0, quantity, 0, staff.pharmacist, 'STOCK_IN', stockInId, at]);
    b.balance = quantity;
  }
  async function dispense(drug, quantity, prescriptionId, at) {
    const s = stock.get(drug.id);
    while (quantity > 0) {
      if (!s.current || s.current.balance === 0) await receive(drug, new Date(at.getTime() - 3600_000));
      const b = s.current;
      const take = Math.min(quantity, b.balance);
      b.balance -= take;
      quantity -= take;
      await w.add('pharmacy', 'stock_ledger', [CLINIC, drug.id, b.id, 'DISPENSE', -take, 0, b.balance, 0, staff.pharmacist, 'PRESCRIPTION', prescriptionId, at]);
    }
  }

  // Days: weekday, season (winter colds) and growth; hours of a clinic day.
  const WEEKDAY = [0.55, 1.3, 1.15, 1.05, 1.0, 1.05, 0.75];
  const dayWeights = Array.from({ length: DAYS }, (_, d) => {
    const at = new Date(t0 + d * DAY_MS + SHANGHAI);
    const doy = (at.getTime() - Date.UTC(at.getUTCFullYear(), 0, 1)) / DAY_MS;
    return WEEKDAY[at.getUTCDay()] * (1 + 0.2 * Math.cos((2 * Math.PI * (doy - 15)) / 365)) * (0.75 + (0.5 * d) / DAYS);
  });
  const weightSum = dayWeights.reduce((a, b) => a + b, 0);
  const pickHour = weighted([[8, 0.9], [9, 1.5], [10, 1.4], [11, 0.9], [12, 0.15], [13, 0.5], [14, 1.1], [15, 1.1], [16, 0.9], [17, 0.35], [18, 0.25], [19, 0.2], [20, 0.08]]);
  const pickMethod = weighted([['WECHAT', 45], ['INSURANCE', 25], ['CARD', 17], ['CASH', 13]]);
  const pickLines = weighted([[1, 40], [2, 30], [3, 20], [4, 10]]);
  const pickDiagnoses = weighted([[1, 60], [2, 30], [3, 10]]);

  // Patients are made at their first visit; a returning visit picks an earlier patient, chronic ones five times as often.
  const patients = [];
  const returning = [];
  let mrn = 1;
  const phones = new Set();
  const idCards = new Set(); // both are unique keys (per clinic) in patients
  async function newPatient(at) {
    let phone;
    do phone = `1${pick('3456789')}${String(randomInt(0, 1e9)).padStart(9, '0')}`;
    while (phones.has(phone));
    phones.add(phone);
    const gender = rnd() < 0.52 ? 'F' : 'M';
    const birth = new Date(Date.UTC(1940 + Math.floor(rnd() ** 0.8 * 84), randomInt(0, 12), randomInt(1, 29)));
    const birthDate = birth.toISOString().slice(0, 10);
    let idCard;
    do {
      const idBody = `${pick(['110105', '310104', '440106', '330106', '320102', '510107'])}${birthDate.replaceAll('-', '')}${String(randomInt(0, 1000)).padStart(3, '0')}`;
      const sum = [...idBody].reduce((s, c, i) => s + Number(c) * [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2][i], 0);
      idCard = idBody + '10X98765432'[sum % 11]; // GB 11643 check digit
    } while (idCards.has(idCard));
    idCards.add(idCard);
    const p = { id: randomUUID(), name: `${SURNAMES()}${pick(GIVEN)}${rnd() < 0.7 ? pick(GIVEN) : ''}`, phone, chronic: rnd() < 0.2, account: null };
    const created = new Date(at.getTime() - randomInt(5, 60) * 60_000);
    await w.add('patient', 'patients', [p.id, CLINIC, `MR${String(mrn++).padStart(8, '0')}`, p.name, gender, birthDate, pii.encrypt(phone), pii.blindIndex(phone), pii.encrypt(idCard), pii.blindIndex(idCard), null, staff.cashier, created, created]);
    // Four in ten book by WeChat: an account holding the patient.
    if (rnd() < 0.4) {
      p.account = randomUUID();
      await w.add('patient', 'accounts', [p.account, CLINIC, `oBench${p.id.replaceAll('-', '').slice(0, 22)}`, 1, '2024-01', created, 'ACTIVE', created]);
      await w.add('patient', 'account_patients', [p.account, p.id, 'SELF', created]);
    }
    patients.push(p);
    for (let k = p.chronic ? 5 : 1; k > 0; k--) returning.push(p);
    return p;
  }

  const shifts = new Map();
  function shiftOf(doctor, day, period) {
    const key = `${doctor.id}|${day}|${period}`;
    let s = shifts.get(key);
    if (!s) shifts.set(key, (s = { id: randomUUID(), doctor, day, period, booked: 0, issued: 0 }));
    return s;
  }

  let done = 0;
  const businessDays = new Set();
  await phase('history (patients, visits, records, prescriptions, stock, bills)', async () => {
    let carry = 0;
    for (let d = 0; d < DAYS; d++) {
      const exact = (dayWeights[d] / weightSum) * ENCOUNTERS + carry;
      const today = d === DAYS - 1 ? ENCOUNTERS - done : Math.floor(exact);
      carry = exact - today;
      const times = Array.from({ length: today }, () => t0 + d * DAY_MS + pickHour() * 3600_000 + randomInt(0, 3600_000)).sort((a, b) => a - b);
      for (const arrival of times) {
        await visit(new Date(arrival));
        done++;
      }
      // Appointments that never became a visit: no-shows and cancellations (about 6 % and 5 % of the booked).
      for (let k = Math.round(today * 0.6 * 0.11); k > 0; k--) {
        if (!patients.length) break;
        const p = pick(returning);
        const doctor = pickDoctor();
        const at = new Date(t0 + d * DAY_MS + pickHour() * 3600_000);
        const day = dayString(at.getTime());
        const s = shiftOf(doctor, day, at.getTime() - t0 - d * DAY_MS < 12 * 3600_000 ? 'AM' : 'PM');
        const noShow = rnd() < 0.55;
        const booked = new Date(at.getTime() - randomInt(1, 7) * DAY_MS);
        if (noShow) s.booked++;
        await w.add('patient', 'appointments', [randomUUID(), CLINIC, s.id, p.id, p.account, doctor.id, day, noShow ? 'NO_SHOW' : 'CANCELLED', null, doctor.feeFen, 0, null, null, 0, null, null, null, noShow ? null : '患者取消', p.account ?? staff.cashier, booked, noShow ? null : new Date(booked.getTime() + DAY_MS)]);
      }
      if (d % 90 === 0) process.stdout.write(`  day ${d}/${DAYS}: ${done} visits, ${patients.length} patients, ${Math.round((Date.now() - started) / 1000)} s\n`);
    }
  });

  async function visit(arrival) {
    const isNew = patients.length === 0 || rnd() < (PATIENTS - patients.length) / (ENCOUNTERS - done);
    const p = isNew ? await newPatient(arrival) : pick(returning);
    const doctor = pickDoctor();
    const day = dayString(arrival.getTime());
    const hour = new Date(arrival.getTime() + SHANGHAI).getUTCHours();
    const period = hour < 12 ? 'AM' : hour < 18 ? 'PM' : 'EVENING';
    const encounterId = randomUUID();

    // 90 % came through the queue (booked ahead by WeChat or the desk, or registered as a walk-in); 10 % were seen at once.
    let appointmentId = null;
    let appointment = null;
    let calledAt = null;
    let startedAt = arrival;
    const fee = doctor.feeFen;
    if (rnd() < 0.9) {
      const s = shiftOf(doctor, day, period);
      s.booked++;
      const queueNo = ++s.issued;
      const walkIn = rnd() < 0.3;
      const byWechat = !walkIn && p.account && rnd() < 0.8;
      const createdAt = walkIn ? arrival : new Date(arrival.getTime() - randomInt(1, 8 * 24) * 3600_000);
      calledAt = new Date(arrival.getTime() + Math.min(180, lognormal(14, 0.7)) * 60_000);
      startedAt = new Date(calledAt.getTime() + randomInt(10, 90) * 1000);
      appointmentId = randomUUID();
      appointment = [appointmentId, CLINIC, s.id, p.id, byWechat ? p.account : null, doctor.id, day, 'COMPLETED', null, fee, 0, queueNo, queueNo, walkIn ? 1 : 0, arrival, calledAt, null, null, byWechat ? p.account : staff.cashier, createdAt, null];
    }
    const finishedAt = new Date(startedAt.getTime() + Math.min(60, lognormal(8, 0.5)) * 60_000);
    if (appointment) {
      appointment[16] = finishedAt;
      await w.add('patient', 'appointments', appointment);
    }
    await w.add('patient', 'encounters', [encounterId, CLINIC, p.id, doctor.id, doctor.name, doctor.dept.id, appointmentId, 'FINISHED', calledAt, startedAt, finishedAt]);
    // The statistics count new patients by their first visit's start (EncountersService keeps it with the visit): a
    // returning visit may start before the first one did, when that one waited longer, hence the minimum.
    if (!p.firstStart || startedAt < p.firstStart) p.firstStart = startedAt;

    // The signed record and its diagnoses (the first one primary, as signing requires).
    const signedAt = new Date(finishedAt.getTime() - 30_000);
    const codes = new Set();
    if (p.chronic && rnd() < 0.5) codes.add(pick(['I10.x00x002', 'E11.900', 'E78.500']));
    for (let n = pickDiagnoses(); codes.size < n; ) codes.add(icd.pick());
    const diagnoses = [...codes].map((code, i) => ({ code, name: icd.name(code), primary: i === 0 }));
    const content = {
      chiefComplaint: `${diagnoses[0].name.slice(0, 12)}相关症状${randomInt(1, 15)}天`,
      presentIllness: '患者自述症状逐渐加重，无发热寒战，饮食睡眠尚可，二便正常。',
      pastHistory: p.chronic ? '既往慢性病史，规律服药。' : '既往体健。',
      allergies: '否认药物过敏史',
      physicalExam: '神志清，精神可，心肺听诊未见明显异常。',
      vitals: { temperature: Math.round((36.2 + rnd() * 2) * 10) / 10, systolic: randomInt(100, 160), diastolic: randomInt(60, 100), pulse: randomInt(60, 100) },
      diagnoses,
      advice: pick(ADVICE),
    };
    await w.add('patient', 'emr_versions', [randomUUID(), encounterId, 1, JSON.stringify(content), 'SIGNED', doctor.id, doctor.id, doctor.name, signedAt, signedAt]);
    // Diagnoses are counted under their visit's start, as EncountersService writes them.
    for (const dx of diagnoses) await w.add('patient', 'encounter_diagnoses', [randomUUID(), CLINIC, encounterId, dx.code, dx.name, dx.primary ? 1 : 0, signedAt, startedAt]);

    // The bill: registration, services for some, the prescription's drugs; paid at the desk or by WeChat / 医保.
    const billId = randomUUID();
    const paidAt = new Date(finishedAt.getTime() + randomInt(1, 15) * 60_000);
    const lines = [];
    if (appointmentId) lines.push(['REGISTRATION', appointmentId, 1, null, `挂号费（${doctor.title}）`, fee, 1]);
    if (rnd() < 0.3) {
      const s = pick(services);
      lines.push(['SERVICE', encounterId, 1, s.id, s.name, s.priceFen, 1]);
    }
    if (rnd() < 0.7) {
      const prescriptionId = randomUUID();
      const chosen = new Set();
      for (let n = pickLines(); chosen.size < n; ) chosen.add(pickDrug());
      let total = 0;
      let lineNo = 0;
      const rxLines = [...chosen].map((drug) => {
        const days = p.chronic && rnd() < 0.5 ? 30 : randomInt(3, 8);
        const quantity = days >= 30 ? randomInt(2, 5) : randomInt(1, 4);
        total += drug.priceFen * quantity;
        return { drug, days, quantity, lineNo: ++lineNo, frequency: pick(['qd', 'bid', 'tid']), dosage: pick(['1片', '2粒', '10ml', '1袋', '适量']) };
      });
      await w.add('patient', 'prescriptions', [prescriptionId, CLINIC, encounterId, p.id, doctor.id, 'NORMAL', 'SIGNED', new Date(signedAt.getTime() + 3 * DAY_MS), signedAt, total, new Date(startedAt.getTime() + 60_000)]);
      await w.add('pharmacy', 'pharmacy_orders', [prescriptionId, CLINIC, p.id, p.name, doctor.name, doctor.id, 'DISPENSED', new Date(signedAt.getTime() + 3 * DAY_MS), signedAt, new Date(signedAt.getTime() + 2 * 3600_000), paidAt, billId, new Date(paidAt.getTime() + 5 * 60_000), staff.pharmacist, total]);
      for (const l of rxLines) {
        const amount = l.drug.priceFen * l.quantity;
        await w.add('patient', 'prescription_lines', [randomUUID(), prescriptionId, l.lineNo, l.drug.id, l.drug.name, l.drug.spec, l.drug.unit, 'ORDINARY', l.dosage, l.frequency, '口服', l.days, l.quantity, l.drug.priceFen, amount]);
        await w.add('pharmacy', 'pharmacy_order_lines', [randomUUID(), prescriptionId, l.lineNo, l.drug.id, l.drug.name, l.drug.spec, l.drug.unit, l.quantity, l.drug.priceFen, amount, l.dosage, l.frequency, '口服', l.days, 0]);
        await dispense(l.drug, l.quantity, prescriptionId, new Date(paidAt.getTime() + 5 * 60_000));
        lines.push(['DRUG', prescriptionId, l.lineNo, l.drug.id, l.drug.name, l.drug.priceFen, l.quantity, l.quantity]);
      }
    }
    const totalFen = lines.reduce((s, l) => s + l[5] * l[6], 0);
    await w.add('billing', 'bills', [billId, CLINIC, p.id, 'ENCOUNTER', encounterId, 'PAID', totalFen, totalFen, 0, 0, finishedAt, paidAt, doctor.id, doctor.dept.id]);
    for (const [kind, refId, lineNo, itemId, name, unit, quantity, dispensed = 0] of lines) {
      await w.add('billing', 'bill_lines', [randomUUID(), billId, kind, refId, lineNo, itemId, name, unit, quantity, unit * quantity, finishedAt, dispensed, 0, 0, 0]);
    }
    // 医保 pays its part and the patient the rest by WeChat or cash; other methods pay the whole bill.
    const method = pickMethod();
    const legs = method === 'INSURANCE' && totalFen > 100 ? [['INSURANCE', Math.round(totalFen * (0.5 + rnd() * 0.3))], [rnd() < 0.6 ? 'WECHAT' : 'CASH', 0]] : [[method, totalFen]];
    if (legs.length === 2) legs[1][1] = totalFen - legs[0][1];
    const businessDate = dayString(paidAt.getTime());
    businessDays.add(businessDate);
    for (const [m, amount] of legs) {
      if (amount <= 0) continue;
      const paymentId = randomUUID();
      const tendered = m === 'CASH' ? Math.ceil(amount / 10000) * 10000 : null;
      const outTradeNo = m === 'WECHAT' || m === 'INSURANCE' ? `P${paymentId.replaceAll('-', '').slice(0, 30)}` : null;
      const channelTxn = m === 'WECHAT' ? `42000${randomInt(1e9, 1e10 - 1)}${randomInt(1e9, 1e10 - 1)}${randomInt(100, 999)}` : m === 'INSURANCE' ? `YB${paymentId.replaceAll('-', '').slice(0, 24)}` : null;
      const detail = m === 'INSURANCE' ? JSON.stringify({ fundFen: Math.round(amount * 0.8), personalAccountFen: amount - Math.round(amount * 0.8) }) : null;
      await w.add('billing', 'payments', [paymentId, CLINIC, billId, m, amount, tendered, tendered === null ? null : tendered - amount, randomUUID(), m === 'WECHAT' && p.account ? p.account : staff.cashier, paidAt, 'SUCCEEDED', businessDate, outTradeNo, channelTxn, 0, detail, paidAt]);
      await w.add('billing', 'money_entries', [randomUUID(), CLINIC, businessDate, 'PAYMENT', m, amount, billId, paymentId, paymentId, doctor.id, doctor.dept.id, paidAt]);
    }
  }

  await phase('closing rows (first visits, shifts, batches, business days, counters)', async () => {
    for (const p of patients) await w.add('patient', 'patient_first_visits', [p.id, CLINIC, p.firstStart]);
    for (const s of shifts.values()) {
      const [start, end] = s.period === 'AM' ? ['08:00', '12:00'] : s.period === 'PM' ? ['13:30', '17:30'] : ['18:00', '21:00'];
      const created = new Date(Date.parse(`${s.day}T00:00:00Z`) - SHANGHAI - 14 * DAY_MS);
      await w.add('patient', 'shifts', [s.id, CLINIC, s.doctor.id, s.doctor.dept.id, s.day, s.period, start, end, Math.max(30, s.booked), s.booked, 0, s.doctor.feeFen, 'OPEN', s.issued, s.issued, created]);
    }
    for (const b of batchRows) await w.add('pharmacy', 'batches', [b.id, CLINIC, b.drugId, b.batchNo, b.expiry, b.balance, 0, 'ACTIVE', 0, b.costFen, b.supplierId, b.at]);
    for (const day of businessDays) await w.add('billing', 'business_days', [CLINIC, day, 'OPEN']);
    await w.drain();
    await pool.query(`UPDATE \`${PREFIX}patient\`.sequences SET next_value = ? WHERE name = 'medical_record_no'`, [mrn]);
  });

  await phase('ANALYZE TABLE (fresh statistics for the optimiser)', async () => {
    for (const [service, tables] of Object.entries(COLUMNS)) {
      await pool.query(`ANALYZE TABLE ${Object.keys(tables).map((t) => `\`${PREFIX}${service}\`.\`${t}\``).join(', ')}`);
    }
  });
  await pool.end();

  const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
  console.log(machine());
  console.log(`scale ${SCALE}: ${PATIENTS} patients, ${ENCOUNTERS} encounters over ${DAYS} days; prefix ${PREFIX}; data dir ${DATA_DIR}`);
  console.log('rows per table:');
  for (const [table, n] of Object.entries(w.counts).sort()) console.log(`  ${table.padEnd(32)} ${String(n).padStart(10)}`);
  const total = Object.values(w.counts).reduce((a, b) => a + b, 0);
  console.log('time per phase:');
  for (const [name, ms] of phases) console.log(`  ${name.padEnd(66)} ${seconds(ms).padStart(9)}`);
  console.log(`total: ${total} rows in ${seconds(Date.now() - started)} (${Math.round(total / ((Date.now() - started) / 1000))} rows/s)`);
}

main().catch((err) => {
  if (err.sql) err.sql = `${err.sql.slice(0, 300)}…`; // a failed batch would print megabytes
  console.error(err);
  process.exit(1);
});
