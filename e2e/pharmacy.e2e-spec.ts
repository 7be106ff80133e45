import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Patterns } from '@clinic/contracts';
import { pdfText } from '@clinic/platform/src/pdf/pdf-text';
import type { Api } from './support/api';
import { adminApi, staffApi } from './support/actors';
import { eventually, queryService } from './support/db';
import { clinicDay } from './support/clinic-zone';
import { PharmacyBus, waitForStatus } from './support/pharmacy';
import { boot, systemSettings, type RunningSystem } from './support/system';

// Expiry and report dates are clinic days: after 16:00 UTC Shanghai is already on the next one.
const day = clinicDay;

/** The pharmacy on MariaDB + Redis, through the gateway: the database holds the stock. */
describe('pharmacy (production topology)', () => {
  let sys: RunningSystem;
  let admin: Api;
  let pharmacist: Api;
  let doctor: Api;
  let bus: PharmacyBus;
  let supplierId: string;
  let seq = 0;
  // Other suites share the schemas: names carry this run's tag.
  const tag = randomUUID().slice(0, 6);

  const drug = async (extra: Record<string, unknown> = {}) => {
    seq++;
    const res = await pharmacist.post('/drugs', { name: `测试药${tag}-${seq}`, spec: `${seq}mg*10片`, unit: '盒', priceFen: 1000 + seq, reorderLevel: 5, ...extra });
    if (res.status !== 201) throw new Error(`drug: ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  };
  const stockIn = async (items: { drugId: string; batchNo: string; expiryDate: string; quantity: number; unitCostFen?: number }[]) => {
    const res = await pharmacist.post('/stock-ins', { supplierId, items: items.map((i) => ({ unitCostFen: 500, ...i })) });
    if (res.status !== 201) throw new Error(`stock-in: ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  };
  const batches = (drugId: string) => queryService(sys, 'pharmacy', 'SELECT batch_no, quantity, reserved, status FROM batches WHERE drug_id = ? ORDER BY expiry_date', [drugId]);
  const reserveError = (p: Promise<unknown>) => p.then(() => null, (err: { code?: string; details?: unknown }) => err);

  beforeAll(async () => {
    sys = await boot('production', await systemSettings('production', { PHARMACY_JOB_SECONDS: '1' }), 'pharmacy');
    admin = await adminApi(sys.baseUrl);
    pharmacist = await staffApi(admin, 'ph.pharmacist', ['pharmacist']);
    doctor = await staffApi(admin, 'ph.doctor', ['doctor']);
    supplierId = (await pharmacist.post('/suppliers', { name: `测试医药公司${tag}`, contact: '李经理' })).body.id;
    bus = await PharmacyBus.open(sys);
  });
  afterAll(async () => {
    await bus?.close();
    await sys?.stop();
  });

  // The invariant after every test: each batch's on hand and reserved equal the sums of its movements.
  afterEach(() => {
    const out = execFileSync(process.execPath, [join(__dirname, '..', 'apps', 'pharmacy-svc', 'dist', 'main.js'), 'ledger-verify'], { env: sys.env, stdio: 'pipe' }).toString();
    expect(out).toContain('stock ledger holds');
  });

  it('finds drugs by pinyin initials, keeps price history and shows the stock', async () => {
    const barcode = `69${Date.now()}`.slice(0, 13);
    const id = await drug({ name: '阿莫西林胶囊', genericName: '阿莫西林', spec: `0.25g*24粒(${tag})`, barcode, allergyClass: 'PENICILLIN', priceFen: 1280 });
    for (const q of ['amxl', '莫西林', barcode]) {
      const found = (await doctor.get(`/drugs?query=${encodeURIComponent(q)}`)).body.items.map((d: { id: string }) => d.id);
      expect(found).toContain(id);
    }
    expect((await pharmacist.patch(`/drugs/${id}`, { priceFen: 1350 })).body).toMatchObject({ priceFen: 1350, allergyClass: 'PENICILLIN', controlClass: 'ORDINARY', active: true });
    expect((await pharmacist.get(`/drugs/${id}/prices`)).body.map((p: { priceFen: number }) => p.priceFen)).toEqual([1350, 1280]);
    await stockIn([
      { drugId: id, batchNo: 'A1', expiryDate: day(300), quantity: 12 },
      { drugId: id, batchNo: 'A2', expiryDate: day(100), quantity: 8 },
    ]);
    const stock = (await doctor.get(`/drugs/${id}/stock`)).body;
    expect(stock).toMatchObject({ onHand: 20, reserved: 0, expired: 0, available: 20 });
    expect(stock.batches.map((b: { batchNo: string }) => b.batchNo)).toEqual(['A2', 'A1']);
    // null clears what may be empty and leaves what may not; nothing is a 500.
    const cleared = await pharmacist.patch(`/drugs/${id}`, { genericName: null, barcode: null, name: null, spec: null, unit: null, priceFen: null, reorderLevel: null, isPrescription: null, controlClass: null, allergyClass: null, packSize: null, dosageForm: null, category: null });
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({ name: '阿莫西林胶囊', genericName: null, barcode: null, priceFen: 1350, allergyClass: null });
    expect((await pharmacist.patch(`/drugs/${id}`, { genericName: '阿莫西林', priceFen: -1, controlClass: 'X' })).body.details.map((d: { field: string }) => d.field).sort()).toEqual(['controlClass', 'priceFen']);
    expect((await pharmacist.patch(`/suppliers/${supplierId}`, { name: null, contact: null })).status).toBe(200);
    await pharmacist.patch(`/drugs/${id}`, { genericName: '阿莫西林' });
    expect((await pharmacist.patch(`/drugs/${id}`, { active: false })).body.active).toBe(false);
    expect((await doctor.get('/drugs?query=amxl')).body.items.map((d: { id: string }) => d.id)).not.toContain(id);
    expect((await doctor.post('/drugs', { name: 'x', spec: 'y', unit: '盒', priceFen: 1, reorderLevel: 1 })).status).toBe(403);
  });

  it('refuses a whole receipt when one line is bad, naming the line', async () => {
    const id = await drug();
    const before = await queryService(sys, 'pharmacy', 'SELECT COUNT(*) AS n FROM stock_ledger');
    const res = await pharmacist.post('/stock-ins', {
      supplierId,
      items: [
        { drugId: id, batchNo: 'OK1', expiryDate: day(200), quantity: 10, unitCostFen: 100 },
        { drugId: id, batchNo: 'OLD', expiryDate: day(-1), quantity: 10, unitCostFen: 100 },
        { drugId: randomUUID(), batchNo: 'X', expiryDate: day(200), quantity: 10, unitCostFen: 100 },
      ],
    });
    expect(res.status).toBe(400);
    expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(['items.1.expiryDate', 'items.2.drugId']);
    const zero = await pharmacist.post('/stock-ins', { supplierId, items: [{ drugId: id, batchNo: 'Z', expiryDate: day(200), quantity: 0, unitCostFen: 100 }] });
    expect(zero.body.details).toEqual([{ field: 'items.0.quantity', errors: ['quantity must be a positive number of units'] }]);
    expect(await batches(id)).toEqual([]);
    expect(await queryService(sys, 'pharmacy', 'SELECT COUNT(*) AS n FROM stock_ledger')).toEqual(before);
  });

  it('gives a stock of 30 to at most 30 of 100 racing reservations while dispensing goes on', async () => {
    const id = await drug();
    await stockIn([
      { drugId: id, batchNo: 'R1', expiryDate: day(60), quantity: 10 },
      { drugId: id, batchNo: 'R2', expiryDate: day(90), quantity: 10 },
      { drugId: id, batchNo: 'R3', expiryDate: day(120), quantity: 10 },
    ]);
    // Ten paid prescriptions wait at the window; then 100 new reservations race the dispensing of those ten.
    const waiting = Array.from({ length: 10 }, () => randomUUID());
    for (const rx of waiting) await bus.reserve(rx, [{ drugId: id, quantity: 1 }]);
    await bus.paid(waiting);
    for (const rx of waiting) await waitForStatus(sys, rx, 'READY');
    const racers = Array.from({ length: 100 }, () => randomUUID());
    const [reserved, dispensed] = await Promise.all([
      Promise.all(racers.map((rx) => reserveError(bus.reserve(rx, [{ drugId: id, quantity: 1 }])))),
      Promise.all([...waiting, ...waiting].map((rx) => pharmacist.post(`/prescriptions/${rx}/dispense`, {}))),
    ]);
    const ok = reserved.filter((e) => e === null).length;
    expect(ok).toBe(20);
    expect(reserved.filter((e) => e?.code === 'STOCK.INSUFFICIENT')).toHaveLength(80);
    expect(dispensed.map((r) => r.body.code ?? r.status).sort()).toEqual([...Array(10).fill('PRESCRIPTION.NOT_READY'), ...Array(10).fill(200)].sort());
    const rows = await batches(id);
    expect(rows.reduce((s, b) => s + Number(b.quantity), 0)).toBe(20);
    expect(rows.reduce((s, b) => s + Number(b.reserved), 0)).toBe(20);
    expect(rows.every((b) => Number(b.quantity) >= 0)).toBe(true);
    const [{ n }] = await queryService(sys, 'pharmacy', 'SELECT MIN(balance_after) AS n FROM stock_ledger WHERE drug_id = ?', [id]);
    expect(Number(n)).toBeGreaterThanOrEqual(0);
    // A short reservation names the drug and what is left.
    const short = await reserveError(bus.reserve(randomUUID(), [{ drugId: id, quantity: 1 }]));
    expect(short).toMatchObject({ code: 'STOCK.INSUFFICIENT', details: [{ drugId: id, requested: 1, available: 0 }] });
  });

  it('reserves once when the same prescription arrives 10 times at once, and releases once', async () => {
    const id = await drug();
    await stockIn([{ drugId: id, batchNo: 'I1', expiryDate: day(100), quantity: 50 }]);
    const rx = randomUUID();
    const replies = await Promise.all(Array.from({ length: 10 }, () => bus.reserve(rx, [{ drugId: id, quantity: 7 }])));
    expect(new Set(replies.map((r) => JSON.stringify(r))).size).toBe(1);
    expect(replies[0]).toMatchObject({ status: 'RESERVED', totalFen: 7 * (1000 + seq), lines: [{ drugId: id, quantity: 7, unitPriceFen: 1000 + seq, amountFen: 7 * (1000 + seq) }] });
    expect(await batches(id)).toEqual([expect.objectContaining({ quantity: 50, reserved: 7 })]);
    expect(await queryService(sys, 'pharmacy', "SELECT COUNT(*) AS n FROM stock_ledger WHERE source_id = ? AND type = 'RESERVE'", [rx])).toEqual([{ n: 1 }]);
    const released = await Promise.all([bus.send(Patterns.pharmacy.release, { prescriptionId: rx }), bus.send(Patterns.pharmacy.release, { prescriptionId: rx })]);
    expect(released.map((r) => (r as { status: string }).status)).toEqual(['RELEASED', 'RELEASED']);
    expect(await batches(id)).toEqual([expect.objectContaining({ quantity: 50, reserved: 0 })]);
    expect((await doctor.get(`/drugs/${id}/stock`)).body.available).toBe(50);
  });

  it('dispenses first expiry first, never from an expired batch, and the expiry job moves it out once', async () => {
    const id = await drug();
    await stockIn([
      { drugId: id, batchNo: 'F-LATE', expiryDate: day(300), quantity: 10 },
      { drugId: id, batchNo: 'F-SOON', expiryDate: day(30), quantity: 4 },
      { drugId: id, batchNo: 'F-OLD', expiryDate: day(10), quantity: 5 },
    ]);
    // F-OLD passes its date (the clock is moved by hand), before and after the expiry job has seen it.
    await queryService(sys, 'pharmacy', "UPDATE batches SET expiry_date = ? WHERE batch_no = 'F-OLD' AND drug_id = ?", [day(-2), id]);
    expect((await doctor.get(`/drugs/${id}/stock`)).body).toMatchObject({ onHand: 19, expired: 5, available: 14 });
    const rx = randomUUID();
    await bus.reserve(rx, [{ drugId: id, quantity: 6, dosage: '1片', frequency: 'tid', route: '口服', days: 2 }], { patientName: '张赟' });
    await bus.paid([rx]);
    await waitForStatus(sys, rx, 'READY');
    const ready = (await pharmacist.get('/dispensing?status=READY&pageSize=100')).body.items.find((p: { prescriptionId: string }) => p.prescriptionId === rx);
    expect(ready).toMatchObject({ patientName: '张赟', status: 'READY' });
    const out = await pharmacist.post(`/prescriptions/${rx}/dispense`, {});
    expect(out.status).toBe(200);
    expect(out.body.lines[0].batches).toEqual([
      { batchNo: 'F-SOON', expiryDate: day(30), quantity: 4 },
      { batchNo: 'F-LATE', expiryDate: day(300), quantity: 2 },
    ]);
    const label = await pharmacist.bytes(`/prescriptions/${rx}/label.pdf`);
    expect(label.headers.get('content-type')).toContain('application/pdf');
    const text = (await pdfText(label.body)).text.replace(/\s+/g, '');
    for (const s of ['用药标签', '张赟', '口服', '每次1片', '每日三次', 'F-SOON']) expect(text).toContain(s);

    const expired = await eventually(async () => (await batches(id)).find((b) => b.batch_no === 'F-OLD')?.status === 'EXPIRED', 5000);
    expect(expired).toBe(true);
    await new Promise((r) => setTimeout(r, 2500)); // two more runs of the job
    expect(await queryService(sys, 'pharmacy', "SELECT quantity, type FROM stock_ledger WHERE drug_id = ? AND type = 'EXPIRE'", [id])).toEqual([{ quantity: -5, type: 'EXPIRE' }]);
    expect(await batches(id)).toEqual([
      expect.objectContaining({ batch_no: 'F-OLD', quantity: 0, status: 'EXPIRED' }),
      expect.objectContaining({ batch_no: 'F-SOON', quantity: 0 }),
      expect.objectContaining({ batch_no: 'F-LATE', quantity: 8 }),
    ]);
    const alerts = (await pharmacist.get('/pharmacy/alerts')).body.filter((a: { drugId: string }) => a.drugId === id);
    expect(alerts).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'EXPIRED', batchNo: 'F-OLD', quantity: 5 })]));
  });

  it('reserves again at dispensing when a held batch expired meanwhile, and refuses a prescription past its validity', async () => {
    const id = await drug();
    await stockIn([
      { drugId: id, batchNo: 'H-A', expiryDate: day(20), quantity: 3 },
      { drugId: id, batchNo: 'H-B', expiryDate: day(200), quantity: 10 },
    ]);
    const rx = randomUUID();
    await bus.reserve(rx, [{ drugId: id, quantity: 3 }]);
    expect(await batches(id)).toEqual([expect.objectContaining({ batch_no: 'H-A', reserved: 3 }), expect.objectContaining({ batch_no: 'H-B', reserved: 0 })]);
    await queryService(sys, 'pharmacy', "UPDATE batches SET expiry_date = ? WHERE batch_no = 'H-A' AND drug_id = ?", [day(-1), id]);
    await bus.paid([rx]);
    await waitForStatus(sys, rx, 'READY');
    const out = await pharmacist.post(`/prescriptions/${rx}/dispense`, {});
    expect(out.body.lines[0].batches).toEqual([{ batchNo: 'H-B', expiryDate: day(200), quantity: 3 }]);

    const stale = randomUUID();
    await bus.reserve(stale, [{ drugId: id, quantity: 1 }], { validUntil: new Date(Date.now() + 1500) });
    await bus.paid([stale]);
    await waitForStatus(sys, stale, 'READY');
    await new Promise((r) => setTimeout(r, 1600));
    const refused = await pharmacist.post(`/prescriptions/${stale}/dispense`, {});
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('PRESCRIPTION.EXPIRED');
    expect(await queryService(sys, 'pharmacy', "SELECT COUNT(*) AS n FROM stock_ledger WHERE source_id = ? AND type = 'DISPENSE'", [stale])).toEqual([{ n: 0 }]);
    const unpaid = randomUUID();
    await bus.reserve(unpaid, [{ drugId: id, quantity: 1 }]);
    expect((await pharmacist.post(`/prescriptions/${unpaid}/dispense`, {})).body.code).toBe('PRESCRIPTION.NOT_READY');
    expect((await pharmacist.post(`/prescriptions/${randomUUID()}/dispense`, {})).status).toBe(404);
    expect((await pharmacist.post('/prescriptions/not-an-id/dispense', {})).status).toBe(404);
  });

  it('lapses an unpaid reservation and gives its stock back', async () => {
    const id = await drug();
    await stockIn([{ drugId: id, batchNo: 'L1', expiryDate: day(100), quantity: 5 }]);
    const rx = randomUUID();
    await bus.reserve(rx, [{ drugId: id, quantity: 4 }]);
    expect((await doctor.get(`/drugs/${id}/stock`)).body.available).toBe(1);
    await queryService(sys, 'pharmacy', 'UPDATE pharmacy_orders SET lapses_at = ? WHERE prescription_id = ?', [new Date(Date.now() - 1000), rx]);
    await waitForStatus(sys, rx, 'LAPSED');
    expect((await doctor.get(`/drugs/${id}/stock`)).body.available).toBe(5);
  });

  it('takes back no more than was dispensed, to the batches it came from', async () => {
    const id = await drug({ priceFen: 800 });
    await stockIn([
      { drugId: id, batchNo: 'T1', expiryDate: day(40), quantity: 2 },
      { drugId: id, batchNo: 'T2', expiryDate: day(400), quantity: 5 },
    ]);
    const rx = randomUUID();
    await bus.reserve(rx, [{ drugId: id, quantity: 4 }]);
    await bus.paid([rx]);
    await waitForStatus(sys, rx, 'READY');
    expect((await pharmacist.post(`/prescriptions/${rx}/returns`, { items: [{ drugId: id, quantity: 1 }], reason: '未发药' })).body.code).toBe('PRESCRIPTION.NOT_READY');
    await pharmacist.post(`/prescriptions/${rx}/dispense`, {});
    const first = await pharmacist.post(`/prescriptions/${rx}/returns`, { items: [{ drugId: id, quantity: 3 }], reason: '患者过敏停药' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ amountFen: 2400, items: [{ drugId: id, quantity: 3, amountFen: 2400 }] });
    // The later-expiring batch takes its units back first: T2 gave 2, T1 gave 2.
    expect((await batches(id)).map((b) => [b.batch_no, Number(b.quantity)])).toEqual([['T1', 1], ['T2', 5]]);
    const racing = await Promise.all(Array.from({ length: 5 }, () => pharmacist.post(`/prescriptions/${rx}/returns`, { items: [{ drugId: id, quantity: 1 }], reason: '重复提交' })));
    expect(racing.filter((r) => r.status === 201)).toHaveLength(1);
    expect(racing.filter((r) => r.body.code === 'RETURN.EXCEEDS_DISPENSED')).toHaveLength(4);
    expect((await batches(id)).reduce((s, b) => s + Number(b.quantity), 0)).toBe(7);
    const events = await eventually(async () => {
      const rows = await queryService(sys, 'pharmacy', "SELECT payload FROM outbox_events WHERE event_name = 'pharmacy.drug.returned.1' AND published_at IS NOT NULL");
      const mine = rows.map((r) => JSON.parse(r.payload)).filter((p) => p.prescriptionId === rx);
      return mine.length === 2 ? mine : null;
    });
    expect(events!.map((e) => e.amountFen).sort()).toEqual([2400, 800].sort());
  });

  it('takes stock while dispensing goes on: the variance is against the book when counted', async () => {
    const id = await drug({ priceFen: 2000 });
    await stockIn([{ drugId: id, batchNo: 'S1', expiryDate: day(200), quantity: 20, unitCostFen: 700 }]);
    const [{ id: batchId }] = await queryService(sys, 'pharmacy', 'SELECT id FROM batches WHERE drug_id = ?', [id]);
    // One stocktake is open at a time per clinic: one that another suite left open in the shared clinic goes first.
    for (const open of (await pharmacist.get('/stocktakes')).body.items.filter((t: { status: string }) => t.status === 'OPEN')) await pharmacist.post(`/stocktakes/${open.id}/cancel`);
    const stocktake = await pharmacist.post('/stocktakes', { note: '月末盘点' });
    expect(stocktake.status).toBe(201);
    expect((await pharmacist.post('/stocktakes', {})).body.code).toBe('STOCKTAKE.OPEN_EXISTS');
    const dispenseOne = async (n: number) => {
      const rx = randomUUID();
      await bus.reserve(rx, [{ drugId: id, quantity: n }]);
      await bus.paid([rx]);
      await waitForStatus(sys, rx, 'READY');
      expect((await pharmacist.post(`/prescriptions/${rx}/dispense`, {})).status).toBe(200);
    };
    await dispenseOne(5); // after the freeze, before the count: book 15
    const counted = await pharmacist.put(`/stocktakes/${stocktake.body.id}/counts`, { counts: [{ batchId, actualQuantity: 14 }] });
    const line = counted.body.lines.find((l: { batchId: string }) => l.batchId === batchId);
    expect(line).toMatchObject({ frozenQuantity: 20, bookQuantity: 15, actualQuantity: 14, varianceQuantity: -1, varianceFen: -700 });
    await dispenseOne(2); // after the count, before confirming
    const confirmed = await pharmacist.post(`/stocktakes/${stocktake.body.id}/confirm`, {});
    expect(confirmed.body).toMatchObject({ status: 'CONFIRMED' });
    expect(await batches(id)).toEqual([expect.objectContaining({ quantity: 12 })]);
    expect(await queryService(sys, 'pharmacy', "SELECT quantity, balance_after FROM stock_ledger WHERE batch_id = ? AND type = 'STOCKTAKE'", [batchId])).toEqual([{ quantity: -1, balance_after: 12 }]);
    expect((await pharmacist.put(`/stocktakes/${stocktake.body.id}/counts`, { counts: [{ batchId, actualQuantity: 1 }] })).body.code).toBe('STOCKTAKE.CLOSED');
    expect((await pharmacist.post('/stocktakes', {})).status).toBe(201); // a new one may open now
    const latest = (await pharmacist.get('/stocktakes')).body.items[0];
    expect((await pharmacist.post(`/stocktakes/${latest.id}/cancel`, {})).body.status).toBe('CANCELLED');
  });

  it('reports stock value, movements, usage and days left in units and fen', async () => {
    const id = await drug({ priceFen: 1500, reorderLevel: 50 });
    await stockIn([{ drugId: id, batchNo: 'P1', expiryDate: day(50), quantity: 30, unitCostFen: 900 }]);
    const rx = randomUUID();
    await bus.reserve(rx, [{ drugId: id, quantity: 6 }]);
    await bus.paid([rx]);
    await waitForStatus(sys, rx, 'READY');
    await pharmacist.post(`/prescriptions/${rx}/dispense`, {});
    await pharmacist.post(`/prescriptions/${rx}/returns`, { items: [{ drugId: id, quantity: 1 }], reason: '多发' });
    const valuation = (await pharmacist.get('/pharmacy/reports/valuation')).body.rows.find((r: { drugId: string }) => r.drugId === id);
    expect(valuation).toMatchObject({ quantity: 25, costFen: 25 * 900, retailFen: 25 * 1500 });
    const period = `from=${day(-1)}&to=${day(1)}`;
    expect((await pharmacist.get(`/pharmacy/reports/movements?${period}`)).body.find((r: { drugId: string }) => r.drugId === id)).toMatchObject({ opening: 0, received: 30, dispensed: 6, returned: 1, adjusted: 0, expired: 0, closing: 25 });
    expect((await pharmacist.get(`/pharmacy/reports/usage?${period}`)).body.find((r: { drugId: string }) => r.drugId === id)).toMatchObject({ quantity: 5, amountFen: 5 * 1500 });
    expect((await pharmacist.get('/pharmacy/reports/days-left')).body.find((r: { drugId: string }) => r.drugId === id)).toMatchObject({ available: 25, used30d: 5, daysLeft: 150 });
    const alerts = (await pharmacist.get('/pharmacy/alerts')).body.filter((a: { drugId: string }) => a.drugId === id);
    expect(alerts).toEqual([
      expect.objectContaining({ type: 'LOW_STOCK', quantity: 25, reorderLevel: 50 }),
      expect.objectContaining({ type: 'NEAR_EXPIRY', batchNo: 'P1', quantity: 25, daysLeft: 50 }),
    ]);
    // Each alert is sent once a day, however many times the job runs.
    const notices = await eventually(async () => {
      const rows = await queryService(sys, 'pharmacy', 'SELECT type FROM alert_notices WHERE subject_id IN (?, (SELECT id FROM batches WHERE drug_id = ?)) ORDER BY type', [id, id]);
      return rows.length === 2 ? rows : null;
    });
    expect(notices).toEqual([{ type: 'LOW_STOCK' }, { type: 'NEAR_EXPIRY' }]);
    expect((await pharmacist.get(`/pharmacy/reports/movements?from=${day(1)}&to=${day(-1)}`)).body.details).toEqual([{ field: 'to', errors: ['to must not be before from'] }]);
    expect((await doctor.get('/pharmacy/reports/valuation')).status).toBe(403);
  });
});

/** The same stock path on the embedded default (SQLite, loopback TCP): one walk from receipt to report. */
describe('pharmacy (embedded)', () => {
  let sys: RunningSystem;
  let pharmacist: Api;
  let bus: PharmacyBus;

  beforeAll(async () => {
    sys = await boot('embedded', undefined, 'pharmacy-embedded');
    const admin = await adminApi(sys.baseUrl);
    pharmacist = await staffApi(admin, 'phe.pharmacist', ['pharmacist']);
    bus = await PharmacyBus.open(sys);
  });
  afterAll(async () => {
    await bus?.close();
    await sys?.stop();
  });

  it('receives, reserves, dispenses first expiry first, takes back, counts and reports', async () => {
    const supplierId = (await pharmacist.post('/suppliers', { name: '嵌入式供应商' })).body.id;
    const drugId = (await pharmacist.post('/drugs', { name: '蒙脱石散', genericName: '蒙脱石', spec: '3g*10袋', unit: '盒', priceFen: 1550, reorderLevel: 10 })).body.id;
    expect((await pharmacist.get('/drugs?query=mts')).body.items.map((d: { id: string }) => d.id)).toEqual([drugId]);
    const receipt = await pharmacist.post('/stock-ins', {
      supplierId,
      items: [
        { drugId, batchNo: 'E-LATE', expiryDate: day(500), quantity: 10, unitCostFen: 900 },
        { drugId, batchNo: 'E-SOON', expiryDate: day(40), quantity: 3, unitCostFen: 900 },
      ],
    });
    expect(receipt.status).toBe(201);
    const rx = randomUUID();
    const reserved = await Promise.all(Array.from({ length: 5 }, () => bus.reserve(rx, [{ drugId, quantity: 5, frequency: 'bid' }], { patientName: '王喆' })));
    expect(reserved.map((r) => r.totalFen)).toEqual(Array(5).fill(7750));
    await bus.paid([rx]);
    await waitForStatus(sys, rx, 'READY');
    const out = await pharmacist.post(`/prescriptions/${rx}/dispense`, {});
    expect(out.body.lines[0].batches.map((b: { batchNo: string; quantity: number }) => [b.batchNo, b.quantity])).toEqual([['E-SOON', 3], ['E-LATE', 2]]);
    const text = (await pdfText((await pharmacist.bytes(`/prescriptions/${rx}/label.pdf`)).body)).text.replace(/\s+/g, '');
    expect(text).toContain('王喆');
    expect((await pharmacist.post(`/prescriptions/${rx}/returns`, { items: [{ drugId, quantity: 6 }], reason: '多退' })).body.code).toBe('RETURN.EXCEEDS_DISPENSED');
    expect((await pharmacist.post(`/prescriptions/${rx}/returns`, { items: [{ drugId, quantity: 1 }], reason: '多发' })).status).toBe(201);

    const stocktake = (await pharmacist.post('/stocktakes', {})).body;
    const late = stocktake.lines.find((l: { batchNo: string }) => l.batchNo === 'E-LATE');
    await pharmacist.put(`/stocktakes/${stocktake.id}/counts`, { counts: [{ batchId: late.batchId, actualQuantity: 8 }] });
    expect((await pharmacist.post(`/stocktakes/${stocktake.id}/confirm`, {})).body).toMatchObject({ status: 'CONFIRMED', varianceQuantity: -1, varianceFen: -900 });

    const period = `from=${day(-1)}&to=${day(1)}`;
    expect((await pharmacist.get(`/pharmacy/reports/movements?${period}`)).body).toEqual([expect.objectContaining({ drugId, opening: 0, received: 13, dispensed: 5, returned: 1, adjusted: -1, closing: 8 })]);
    expect((await pharmacist.get(`/pharmacy/reports/usage?${period}`)).body).toEqual([expect.objectContaining({ drugId, quantity: 4, amountFen: 4 * 1550 })]);
    expect((await pharmacist.get('/pharmacy/reports/valuation')).body).toMatchObject({ totalCostFen: 8 * 900, totalRetailFen: 8 * 1550 });
    expect((await pharmacist.get('/pharmacy/alerts')).body).toEqual([expect.objectContaining({ type: 'LOW_STOCK', drugId, quantity: 8 })]);
    const out2 = execFileSync(process.execPath, [join(__dirname, '..', 'apps', 'pharmacy-svc', 'dist', 'main.js'), 'ledger-verify'], { env: sys.env, stdio: 'pipe' }).toString();
    expect(out2).toContain('stock ledger holds');
  });
});
