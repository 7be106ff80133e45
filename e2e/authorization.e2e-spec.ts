import { POLICY, ROLES, type Action, type Role } from '@clinic/contracts';
import { randomUUID } from 'node:crypto';
import type { Api } from './support/api';
import { adminApi, idCardFor, patientApi, staffApi } from './support/actors';
import { boot, type RunningSystem } from './support/system';
import { tradeBillCsv } from './support/wechat-bill';

interface Route {
  action: Action;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** OpenAPI form, e.g. /api/v1/patients/{id}. */
  path: string;
  request: (ids: Ids) => Promise<{ path: string; body?: unknown }> | { path: string; body?: unknown };
}

interface Ids {
  staffId: string;
  patientId: string;
  doctorId: string;
  scheduleId: string;
  appointmentId: string;
  /** A new shift, for the requests that would use one up (cancelling it). */
  freshShift: () => Promise<string>;
  unique: string;
}

const DAY_MS = 86_400_000;
const dayAhead = (n: number) => new Date(Date.now() + n * DAY_MS).toISOString().slice(0, 10);

/** Every endpoint that needs a signed-in caller, with a request that would succeed for an allowed role. */
const ROUTES: Route[] = [
  { action: 'me.read', method: 'GET', path: '/me', request: () => ({ path: '/me' }) },
  { action: 'account.consent', method: 'POST', path: '/me/privacy-consent', request: () => ({ path: '/me/privacy-consent', body: { version: '2026-11' } }) },
  { action: 'account.export', method: 'GET', path: '/me/export', request: () => ({ path: '/me/export' }) },
  { action: 'account.close', method: 'POST', path: '/me/close', request: () => ({ path: '/me/close' }) },
  { action: 'account.notifications', method: 'GET', path: '/me/notifications', request: () => ({ path: '/me/notifications' }) },
  { action: 'account.reminders', method: 'GET', path: '/me/reminders', request: () => ({ path: '/me/reminders' }) },
  { action: 'account.reminders', method: 'POST', path: '/me/reminders/{id}/done', request: () => ({ path: `/me/reminders/${randomUUID()}/done` }) },
  { action: 'account.reminders', method: 'GET', path: '/me/reminder-settings', request: () => ({ path: '/me/reminder-settings' }) },
  { action: 'account.reminders', method: 'PUT', path: '/me/reminder-settings', request: () => ({ path: '/me/reminder-settings', body: { FOLLOW_UP: true, MEDICATION: true, APPOINTMENT: false } }) },
  { action: 'staff.create', method: 'POST', path: '/staff', request: ({ unique }) => ({ path: '/staff', body: { username: `u${unique}`, password: 'Another-Passw0rd', name: '新员工', roles: ['cashier'] } }) },
  { action: 'staff.list', method: 'GET', path: '/staff', request: () => ({ path: '/staff' }) },
  { action: 'staff.read', method: 'GET', path: '/staff/{id}', request: ({ staffId }) => ({ path: `/staff/${staffId}` }) },
  { action: 'staff.update', method: 'PATCH', path: '/staff/{id}', request: ({ staffId }) => ({ path: `/staff/${staffId}`, body: { specialty: '全科' } }) },
  { action: 'staff.disable', method: 'POST', path: '/staff/{id}/disable', request: ({ staffId }) => ({ path: `/staff/${staffId}/disable` }) },
  { action: 'staff.disable', method: 'POST', path: '/staff/{id}/enable', request: ({ staffId }) => ({ path: `/staff/${staffId}/enable` }) },
  { action: 'doctors.list', method: 'GET', path: '/doctors', request: () => ({ path: '/doctors' }) },
  { action: 'departments.create', method: 'POST', path: '/departments', request: ({ unique }) => ({ path: '/departments', body: { name: `科室${unique}` } }) },
  { action: 'departments.list', method: 'GET', path: '/departments', request: () => ({ path: '/departments' }) },
  {
    action: 'patients.create',
    method: 'POST',
    path: '/patients',
    request: () => ({ path: '/patients', body: { name: '矩阵', gender: 'F', birthDate: '1990-05-06', phone: '13700000000', relationship: '本人' } }),
  },
  { action: 'patients.list', method: 'GET', path: '/patients', request: () => ({ path: '/patients' }) },
  { action: 'patients.read', method: 'GET', path: '/patients/{id}', request: ({ patientId }) => ({ path: `/patients/${patientId}` }) },
  { action: 'patients.update', method: 'PATCH', path: '/patients/{id}', request: ({ patientId }) => ({ path: `/patients/${patientId}`, body: { address: '北京市' } }) },
  { action: 'patients.unlink', method: 'DELETE', path: '/patients/{id}', request: ({ patientId }) => ({ path: `/patients/${patientId}` }) },
  {
    action: 'patients.link',
    method: 'POST',
    path: '/patients/link',
    request: () => ({ path: '/patients/link', body: { idCardNo: idCardFor('1970-01-01', 'M', 7), phone: '13600000000', relationship: '父母' } }),
  },
  { action: 'audit.list', method: 'GET', path: '/audit-logs', request: () => ({ path: '/audit-logs' }) },
  {
    action: 'schedules.manage',
    method: 'POST',
    path: '/schedules',
    request: ({ doctorId }) => ({ path: '/schedules', body: { doctorId, date: dayAhead(20 + Math.floor(Math.random() * 300)), period: 'EVENING', startTime: '18:00', endTime: '20:00', capacity: 5 } }),
  },
  { action: 'schedules.list', method: 'GET', path: '/schedules', request: () => ({ path: '/schedules' }) },
  { action: 'schedules.manage', method: 'PATCH', path: '/schedules/{id}', request: ({ scheduleId }) => ({ path: `/schedules/${scheduleId}`, body: { capacity: 30 } }) },
  { action: 'schedules.manage', method: 'POST', path: '/schedules/{id}/cancel', request: async ({ freshShift }) => ({ path: `/schedules/${await freshShift()}/cancel`, body: { reason: '会诊' } }) },
  {
    action: 'schedules.manage',
    method: 'POST',
    path: '/schedule-templates',
    request: ({ doctorId }) => ({ path: '/schedule-templates', body: { doctorId, weekday: 1 + Math.floor(Math.random() * 7), period: 'AM', startTime: '08:00', endTime: '12:00', capacity: 20 } }),
  },
  { action: 'schedules.manage', method: 'GET', path: '/schedule-templates', request: () => ({ path: '/schedule-templates' }) },
  { action: 'schedules.manage', method: 'POST', path: '/schedule-templates/generate', request: () => ({ path: '/schedule-templates/generate', body: { weeks: 1 } }) },
  { action: 'appointments.create', method: 'POST', path: '/appointments', request: ({ patientId, scheduleId }) => ({ path: '/appointments', body: { patientId, scheduleId } }) },
  { action: 'appointments.list', method: 'GET', path: '/appointments', request: () => ({ path: '/appointments' }) },
  { action: 'appointments.cancel', method: 'POST', path: '/appointments/{id}/cancel', request: ({ appointmentId }) => ({ path: `/appointments/${appointmentId}/cancel`, body: {} }) },
  { action: 'appointments.checkIn', method: 'POST', path: '/appointments/{id}/check-in', request: ({ appointmentId }) => ({ path: `/appointments/${appointmentId}/check-in`, body: {} }) },
  { action: 'appointments.position', method: 'GET', path: '/appointments/{id}/queue', request: ({ appointmentId }) => ({ path: `/appointments/${appointmentId}/queue` }) },
  { action: 'queue.walkIn', method: 'POST', path: '/queue/walk-in', request: ({ patientId, scheduleId }) => ({ path: '/queue/walk-in', body: { patientId, scheduleId } }) },
  { action: 'queue.read', method: 'GET', path: '/queue', request: ({ scheduleId }) => ({ path: `/queue?scheduleId=${scheduleId}` }) },
  { action: 'queue.display', method: 'GET', path: '/queue/display', request: ({ scheduleId }) => ({ path: `/queue/display?scheduleId=${scheduleId}` }) },
  { action: 'queue.checkInCode', method: 'GET', path: '/queue/check-in-code', request: () => ({ path: '/queue/check-in-code' }) },
  { action: 'queue.call', method: 'POST', path: '/queue/call-next', request: ({ doctorId }) => ({ path: '/queue/call-next', body: { doctorId } }) },
  { action: 'queue.call', method: 'POST', path: '/appointments/{id}/skip', request: ({ appointmentId }) => ({ path: `/appointments/${appointmentId}/skip` }) },
  { action: 'queue.call', method: 'POST', path: '/appointments/{id}/recall', request: ({ appointmentId }) => ({ path: `/appointments/${appointmentId}/recall` }) },
  { action: 'appointments.devPay', method: 'POST', path: '/appointments/{id}/dev-pay', request: ({ appointmentId }) => ({ path: `/appointments/${appointmentId}/dev-pay` }) },
  { action: 'queue.call', method: 'POST', path: '/appointments/{id}/complete', request: ({ appointmentId }) => ({ path: `/appointments/${appointmentId}/complete` }) },
  { action: 'encounters.create', method: 'POST', path: '/encounters', request: ({ patientId }) => ({ path: '/encounters', body: { patientId } }) },
  { action: 'encounters.read', method: 'GET', path: '/encounters', request: ({ patientId }) => ({ path: `/encounters?patientId=${patientId}` }) },
  { action: 'encounters.read', method: 'GET', path: '/encounters/{id}', request: () => ({ path: `/encounters/${randomUUID()}` }) },
  { action: 'encounters.read', method: 'GET', path: '/encounters/{id}/emr/versions', request: () => ({ path: `/encounters/${randomUUID()}/emr/versions` }) },
  { action: 'emr.write', method: 'PUT', path: '/encounters/{id}/emr', request: () => ({ path: `/encounters/${randomUUID()}/emr`, body: { chiefComplaint: '头痛' } }) },
  { action: 'emr.write', method: 'POST', path: '/encounters/{id}/sign', request: () => ({ path: `/encounters/${randomUUID()}/sign` }) },
  { action: 'emr.write', method: 'POST', path: '/encounters/{id}/amendments', request: () => ({ path: `/encounters/${randomUUID()}/amendments`, body: { reason: '补充', changes: { advice: '休息' } } }) },
  { action: 'emr.write', method: 'POST', path: '/encounters/{id}/finish', request: () => ({ path: `/encounters/${randomUUID()}/finish` }) },
  { action: 'prescriptions.write', method: 'POST', path: '/encounters/{id}/prescriptions', request: () => ({ path: `/encounters/${randomUUID()}/prescriptions`, body: { items: [{ drugId: randomUUID(), dosage: '1片', frequency: 'tid', route: '口服', days: 3, quantity: 1 }] } }) },
  { action: 'prescriptions.read', method: 'GET', path: '/prescriptions', request: () => ({ path: '/prescriptions' }) },
  { action: 'prescriptions.read', method: 'GET', path: '/prescriptions/{id}', request: () => ({ path: `/prescriptions/${randomUUID()}` }) },
  { action: 'prescriptions.write', method: 'POST', path: '/prescriptions/{id}/sign', request: () => ({ path: `/prescriptions/${randomUUID()}/sign` }) },
  { action: 'prescriptions.write', method: 'POST', path: '/prescriptions/{id}/cancel', request: () => ({ path: `/prescriptions/${randomUUID()}/cancel`, body: { reason: '作废' } }) },
  { action: 'prescriptions.read', method: 'GET', path: '/prescriptions/{id}/pdf', request: () => ({ path: `/prescriptions/${randomUUID()}/pdf` }) },
  { action: 'icd10.search', method: 'GET', path: '/icd10', request: () => ({ path: '/icd10?query=J06' }) },
  { action: 'emr.templates', method: 'GET', path: '/emr-templates', request: () => ({ path: '/emr-templates' }) },
  { action: 'emr.templates', method: 'POST', path: '/emr-templates', request: ({ unique }) => ({ path: '/emr-templates', body: { name: `模板${unique}`, scope: 'PERSONAL', content: {} } }) },
  { action: 'emr.templates', method: 'DELETE', path: '/emr-templates/{id}', request: () => ({ path: `/emr-templates/${randomUUID()}` }) },
  { action: 'drugs.create', method: 'POST', path: '/drugs', request: ({ unique }) => ({ path: '/drugs', body: { name: `药${unique}`, spec: '10mg*10片', unit: '盒', priceFen: 100, reorderLevel: 1 } }) },
  { action: 'drugs.list', method: 'GET', path: '/drugs', request: () => ({ path: '/drugs' }) },
  // Pharmacy routes with an id take an unknown one: an allowed role gets 404, a denied one 403 before any lookup.
  { action: 'drugs.list', method: 'GET', path: '/drugs/{id}', request: () => ({ path: `/drugs/${randomUUID()}` }) },
  { action: 'drugs.update', method: 'PATCH', path: '/drugs/{id}', request: () => ({ path: `/drugs/${randomUUID()}`, body: { reorderLevel: 3 } }) },
  { action: 'drugs.list', method: 'GET', path: '/drugs/{id}/prices', request: () => ({ path: `/drugs/${randomUUID()}/prices` }) },
  { action: 'stock.read', method: 'GET', path: '/drugs/{id}/stock', request: () => ({ path: `/drugs/${randomUUID()}/stock` }) },
  { action: 'suppliers.manage', method: 'POST', path: '/suppliers', request: ({ unique }) => ({ path: '/suppliers', body: { name: `供应商${unique}` } }) },
  { action: 'suppliers.list', method: 'GET', path: '/suppliers', request: () => ({ path: '/suppliers' }) },
  { action: 'suppliers.manage', method: 'PATCH', path: '/suppliers/{id}', request: () => ({ path: `/suppliers/${randomUUID()}`, body: { contact: '张' } }) },
  { action: 'stock.in', method: 'POST', path: '/stock-ins', request: () => ({ path: '/stock-ins', body: { supplierId: randomUUID(), items: [{ drugId: randomUUID(), batchNo: 'B1', expiryDate: dayAhead(300), quantity: 1, unitCostFen: 1 }] } }) },
  { action: 'stock.in', method: 'GET', path: '/stock-ins', request: () => ({ path: '/stock-ins' }) },
  { action: 'stock.in', method: 'GET', path: '/stock-ins/{id}', request: () => ({ path: `/stock-ins/${randomUUID()}` }) },
  { action: 'dispensing.list', method: 'GET', path: '/dispensing', request: () => ({ path: '/dispensing' }) },
  { action: 'dispensing.list', method: 'GET', path: '/dispensing/{id}', request: () => ({ path: `/dispensing/${randomUUID()}` }) },
  { action: 'dispensing.dispense', method: 'POST', path: '/prescriptions/{id}/dispense', request: () => ({ path: `/prescriptions/${randomUUID()}/dispense` }) },
  { action: 'dispensing.list', method: 'GET', path: '/prescriptions/{id}/label.pdf', request: () => ({ path: `/prescriptions/${randomUUID()}/label.pdf` }) },
  { action: 'dispensing.return', method: 'POST', path: '/prescriptions/{id}/returns', request: () => ({ path: `/prescriptions/${randomUUID()}/returns`, body: { items: [{ drugId: randomUUID(), quantity: 1 }], reason: '退' } }) },
  { action: 'stocktake.manage', method: 'POST', path: '/stocktakes', request: () => ({ path: '/stocktakes', body: {} }) },
  { action: 'stocktake.manage', method: 'GET', path: '/stocktakes', request: () => ({ path: '/stocktakes' }) },
  { action: 'stocktake.manage', method: 'GET', path: '/stocktakes/{id}', request: () => ({ path: `/stocktakes/${randomUUID()}` }) },
  { action: 'stocktake.manage', method: 'PUT', path: '/stocktakes/{id}/counts', request: () => ({ path: `/stocktakes/${randomUUID()}/counts`, body: { counts: [{ batchId: randomUUID(), actualQuantity: 1 }] } }) },
  { action: 'stocktake.manage', method: 'POST', path: '/stocktakes/{id}/confirm', request: () => ({ path: `/stocktakes/${randomUUID()}/confirm` }) },
  { action: 'stocktake.manage', method: 'POST', path: '/stocktakes/{id}/cancel', request: () => ({ path: `/stocktakes/${randomUUID()}/cancel` }) },
  { action: 'pharmacy.alerts', method: 'GET', path: '/pharmacy/alerts', request: () => ({ path: '/pharmacy/alerts' }) },
  { action: 'pharmacy.reports', method: 'GET', path: '/pharmacy/reports/valuation', request: () => ({ path: '/pharmacy/reports/valuation' }) },
  { action: 'pharmacy.reports', method: 'GET', path: '/pharmacy/reports/movements', request: () => ({ path: `/pharmacy/reports/movements?from=${dayAhead(-30)}&to=${dayAhead(0)}` }) },
  { action: 'pharmacy.reports', method: 'GET', path: '/pharmacy/reports/usage', request: () => ({ path: `/pharmacy/reports/usage?from=${dayAhead(-30)}&to=${dayAhead(0)}` }) },
  { action: 'pharmacy.reports', method: 'GET', path: '/pharmacy/reports/days-left', request: () => ({ path: '/pharmacy/reports/days-left' }) },
  { action: 'feeItems.create', method: 'POST', path: '/fee-items', request: ({ unique }) => ({ path: '/fee-items', body: { name: `项目${unique}`, priceFen: 100, category: 'OTHER' } }) },
  { action: 'feeItems.list', method: 'GET', path: '/fee-items', request: () => ({ path: '/fee-items' }) },
  { action: 'feeItems.update', method: 'PATCH', path: '/fee-items/{id}', request: () => ({ path: `/fee-items/${randomUUID()}`, body: { priceFen: 200 } }) },
  { action: 'feeItems.list', method: 'GET', path: '/fee-items/{id}/prices', request: () => ({ path: `/fee-items/${randomUUID()}/prices` }) },
  { action: 'reports.revenue', method: 'GET', path: '/reports/revenue', request: () => ({ path: `/reports/revenue?from=${dayAhead(-30)}&to=${dayAhead(0)}&groupBy=method` }) },
  { action: 'reports.revenue', method: 'GET', path: '/reports/revenue/export', request: () => ({ path: `/reports/revenue/export?from=${dayAhead(-30)}&to=${dayAhead(0)}&groupBy=day&format=csv` }) },
  { action: 'stats.read', method: 'GET', path: '/stats/flow', request: () => ({ path: `/stats/flow?from=${dayAhead(-30)}&to=${dayAhead(0)}` }) },
  { action: 'stats.read', method: 'GET', path: '/stats/clinical', request: () => ({ path: `/stats/clinical?from=${dayAhead(-30)}&to=${dayAhead(0)}` }) },
  { action: 'stats.read', method: 'GET', path: '/stats/flow/export', request: () => ({ path: `/stats/flow/export?format=xlsx&from=${dayAhead(-30)}&to=${dayAhead(0)}` }) },
  { action: 'stats.read', method: 'GET', path: '/stats/clinical/export', request: () => ({ path: `/stats/clinical/export?format=xlsx&from=${dayAhead(-30)}&to=${dayAhead(0)}` }) },
  { action: 'stats.pharmacy', method: 'GET', path: '/stats/pharmacy', request: () => ({ path: `/stats/pharmacy?from=${dayAhead(-30)}&to=${dayAhead(0)}` }) },
  { action: 'stats.pharmacy', method: 'GET', path: '/stats/pharmacy/export', request: () => ({ path: `/stats/pharmacy/export?from=${dayAhead(-30)}&to=${dayAhead(0)}&format=xlsx` }) },
  { action: 'stats.read', method: 'GET', path: '/stats/money', request: () => ({ path: `/stats/money?from=${dayAhead(-30)}&to=${dayAhead(0)}` }) },
  { action: 'stats.read', method: 'GET', path: '/stats/money/export', request: () => ({ path: `/stats/money/export?from=${dayAhead(-30)}&to=${dayAhead(0)}&format=xlsx` }) },
  { action: 'stats.read', method: 'GET', path: '/stats/dashboard', request: () => ({ path: `/stats/dashboard?from=${dayAhead(-30)}&to=${dayAhead(0)}` }) },
  { action: 'reconciliation.manage', method: 'POST', path: '/reconciliations/wechat', request: () => ({ path: '/reconciliations/wechat', body: { date: '2020-01-01', csv: tradeBillCsv({}) } }) },
  { action: 'reconciliation.manage', method: 'GET', path: '/reconciliations', request: () => ({ path: '/reconciliations' }) },
  { action: 'reconciliation.manage', method: 'GET', path: '/reconciliations/{id}', request: () => ({ path: `/reconciliations/${randomUUID()}` }) },
  { action: 'bills.read', method: 'GET', path: '/bills', request: () => ({ path: '/bills' }) },
  { action: 'bills.read', method: 'GET', path: '/bills/{id}', request: () => ({ path: `/bills/${randomUUID()}` }) },
  { action: 'payments.take', method: 'POST', path: '/bills/{id}/payments', request: () => ({ path: `/bills/${randomUUID()}/payments`, body: { method: 'CASH', amountFen: 100 } }) },
  { action: 'bills.receipt', method: 'GET', path: '/bills/{id}/receipt.pdf', request: () => ({ path: `/bills/${randomUUID()}/receipt.pdf` }) },
  { action: 'payments.reverse', method: 'POST', path: '/payments/{id}/reversals', request: () => ({ path: `/payments/${randomUUID()}/reversals`, body: { reason: '冲正' } }) },
  { action: 'settlements.read', method: 'GET', path: '/settlements/daily/{date}', request: () => ({ path: `/settlements/daily/${dayAhead(-1)}` }) },
  // A past day with no money: closing it (or finding it closed) changes nothing the other routes use.
  { action: 'settlements.close', method: 'POST', path: '/settlements/daily', request: () => ({ path: '/settlements/daily', body: { date: dayAhead(-30 - Math.floor(Math.random() * 300)), countedCashFen: 0 } }) },
  { action: 'settlements.read', method: 'GET', path: '/settlements', request: () => ({ path: '/settlements' }) },
  { action: 'bills.read', method: 'GET', path: '/payments/{id}', request: () => ({ path: `/payments/${randomUUID()}` }) },
  { action: 'payments.close', method: 'POST', path: '/payments/{id}/close', request: () => ({ path: `/payments/${randomUUID()}/close` }) },
  { action: 'refunds.create', method: 'POST', path: '/bills/{id}/refunds', request: () => ({ path: `/bills/${randomUUID()}/refunds`, body: { lines: [{ lineId: randomUUID(), quantity: 1 }], reason: '退费' } }) },
  { action: 'refunds.read', method: 'GET', path: '/refunds', request: () => ({ path: `/refunds?billId=${randomUUID()}` }) },
  { action: 'bills.mine', method: 'GET', path: '/me/bills', request: () => ({ path: '/me/bills' }) },
  { action: 'bills.mine', method: 'GET', path: '/me/bills/{id}', request: () => ({ path: `/me/bills/${randomUUID()}` }) },
  { action: 'bills.mine', method: 'GET', path: '/me/bills/{id}/receipt.pdf', request: () => ({ path: `/me/bills/${randomUUID()}/receipt.pdf` }) },
  { action: 'payments.wechat', method: 'POST', path: '/me/bills/{id}/wechat-pay', request: () => ({ path: `/me/bills/${randomUUID()}/wechat-pay` }) },
  { action: 'payments.wechat', method: 'GET', path: '/me/payments/{id}', request: () => ({ path: `/me/payments/${randomUUID()}` }) },
  { action: 'payments.wechat', method: 'POST', path: '/me/payments/{id}/dev-complete', request: () => ({ path: `/me/payments/${randomUUID()}/dev-complete` }) },
];

/** Routes anyone may call. */
const PUBLIC = ['POST /auth/staff/login', 'POST /auth/wechat/login', 'POST /auth/refresh', 'POST /auth/logout', 'GET /health', 'POST /payments/wechat/notify'];

describe('authorisation: every role against every endpoint', () => {
  let sys: RunningSystem;
  let admin: Api;
  const callers = new Map<Role, Api>();
  let ids: Ids;
  const results: { role: Role; route: string; allowed: boolean; status: number }[] = [];

  beforeAll(async () => {
    sys = await boot('production', undefined, 'authorization');
    admin = await adminApi(sys.baseUrl);
    for (const role of ROLES.filter((r) => r !== 'patient')) callers.set(role, role === 'admin' ? admin : await staffApi(admin, `matrix.${role}`, [role as never]));
    const target = await staffApi(admin, 'matrix.target', ['cashier']);
    const patient = await admin.post('/patients', { name: '受测', gender: 'M', birthDate: '1980-02-03', phone: '13500000000' });
    const doctorId = (callers.get('doctor') as Api & { userId: string }).userId;
    let ahead = 1;
    const freshShift = async () => (await admin.post('/schedules', { doctorId, date: dayAhead(ahead++), period: 'PM', startTime: '14:00', endTime: '17:00', capacity: 5 })).body.id as string;
    // Two days ahead in UTC is tomorrow or the day after in the clinic's zone: always inside the booking window.
    const scheduleId = (await admin.post('/schedules', { doctorId, date: dayAhead(2), period: 'EVENING', startTime: '18:00', endTime: '21:00', capacity: 50 })).body.id;
    const appointment = await admin.post('/appointments', { patientId: patient.body.id, scheduleId });
    if (appointment.status !== 201) throw new Error(`booking for the matrix: ${JSON.stringify(appointment.body)}`);
    ids = { staffId: target.userId, patientId: patient.body.id, doctorId, scheduleId, appointmentId: appointment.body.id, freshShift, unique: '' };
  });
  afterAll(() => sys?.stop());

  it('lists every authenticated endpoint of the gateway in this matrix', async () => {
    const doc = (await admin.get('/../docs-json')).body as { paths: Record<string, Record<string, unknown>> };
    const served = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/^\/api\/v1/, '')}`));
    expect(served.filter((r) => !PUBLIC.includes(r)).sort()).toEqual(ROUTES.map((r) => `${r.method} ${r.path}`).sort());
  });

  it.each(ROLES.map((r) => [r]))('%s: allowed exactly where the policy says', async (role) => {
    for (const route of ROUTES) {
      // A fresh patient account for each call, so closing one does not end the rest of the walk.
      const api = role === 'patient' ? await patientApi(sys.baseUrl, `matrix-${randomUUID().slice(0, 8)}`) : callers.get(role)!;
      const { path, body } = await route.request({ ...ids, unique: randomUUID().slice(0, 8) });
      const res = await api.call(route.method, path, { body });
      const allowed = (POLICY[route.action] as readonly Role[]).includes(role);
      results.push({ role, route: `${route.method} ${route.path}`, allowed, status: res.status });
      if (allowed) {
        expect({ route: route.path, role, status: res.status < 500 && res.status !== 401 && res.status !== 403 }).toEqual({ route: route.path, role, status: true });
      } else {
        expect({ route: route.path, role, status: res.status, code: res.body?.code }).toEqual({ route: route.path, role, status: 403, code: 'AUTH.FORBIDDEN' });
      }
    }
  });

  it('walked the whole matrix', () => {
    expect(results).toHaveLength(ROLES.length * ROUTES.length);
    // Printed for the issue note: matrix size and how many were allowed.
    console.log(`authorisation matrix: ${ROLES.length} roles × ${ROUTES.length} endpoints = ${results.length} checks, ${results.filter((r) => r.allowed).length} allowed, ${results.filter((r) => !r.allowed).length} denied`);
  });
});
