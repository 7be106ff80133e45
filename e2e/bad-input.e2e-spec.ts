import jwt from 'jsonwebtoken';
import { Api } from './support/api';
import { ADMIN_PASSWORD } from './support/settings';
import { boot, type RunningSystem } from './support/system';

/** What a careless or hostile caller gets: a 4xx with a stable code, never a 500, never a stack. */
describe('bad input (production topology)', () => {
  let sys: RunningSystem;
  let api: Api;
  let refreshToken: string;

  beforeAll(async () => {
    sys = await boot('production', undefined, 'bad-input');
    api = new Api(sys.baseUrl);
    refreshToken = (await api.login('admin', ADMIN_PASSWORD)).refreshToken;
  });
  afterAll(() => sys?.stop());

  const expectError = (res: { status: number; body: any }, status: number, code: string) => {
    expect({ status: res.status, code: res.body?.code }).toEqual({ status, code });
    expect(typeof res.body.message).toBe('string');
    expect(JSON.stringify(res.body)).not.toMatch(/\bat .+\.js:\d+/);
  };

  it('answers malformed JSON with 400 REQUEST.MALFORMED', async () => {
    expectError(await api.call('POST', '/departments', { raw: '{"name": "内科",' }), 400, 'REQUEST.MALFORMED');
    expectError(await api.call('POST', '/auth/staff/login', { raw: 'not json at all' }), 400, 'REQUEST.MALFORMED');
  });

  it('names every wrong field: wrong types, missing and unknown fields', async () => {
    const res = await api.post('/drugs', { name: 42, spec: '', unit: '盒', priceFen: 12.5, reorderLevel: '10', color: 'red' });
    expectError(res, 400, 'VALIDATION.FAILED');
    const fields = res.body.details.map((d: { field: string }) => d.field).sort();
    expect(fields).toEqual(['color', 'name', 'priceFen', 'reorderLevel', 'spec']);
    const patient = await api.post('/patients', { name: '李四', gender: 'X', birthDate: '1990-02-30', phone: '123', idCardNo: '110101198503120018' });
    expectError(patient, 400, 'VALIDATION.FAILED');
    expect(patient.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['birthDate', 'gender', 'idCardNo', 'phone']);
    expectError(await api.post('/fee-items', {}), 400, 'VALIDATION.FAILED');
    expectError(await api.call('POST', '/departments', { raw: '[1,2]' }), 400, 'VALIDATION.FAILED');
    expectError(await api.get('/patients?page=0&pageSize=1000'), 400, 'VALIDATION.FAILED');
  });

  it('refuses huge strings and huge bodies', async () => {
    const long = await api.post('/departments', { name: '科'.repeat(10_000) });
    expectError(long, 400, 'VALIDATION.FAILED');
    expect(long.body.details).toEqual([{ field: 'name', errors: [expect.stringContaining('50')] }]);
    expectError(await api.oversized('/departments', JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) })), 413, 'REQUEST.TOO_LARGE');
  });

  it('refuses missing, tampered, expired and foreign tokens with 401', async () => {
    expectError(await api.get('/departments', { token: null }), 401, 'AUTH.UNAUTHENTICATED');
    expectError(await api.get('/departments', { headers: { authorization: 'Basic YWRtaW46eA==' }, token: null }), 401, 'AUTH.UNAUTHENTICATED');
    const [h, p, s] = api.token!.split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), roles: ['admin', 'auditor'] })).toString('base64url');
    expectError(await api.get('/departments', { token: `${h}.${forged}.${s}` }), 401, 'AUTH.TOKEN_INVALID');
    const secret = sys.env.JWT_SECRET!;
    const expired = jwt.sign({ kind: 'staff', roles: ['admin'], clinicId: 'clinic-1', exp: Math.floor(Date.now() / 1000) - 60 }, secret, { issuer: 'clinic', subject: 'x' });
    expectError(await api.get('/departments', { token: expired }), 401, 'AUTH.TOKEN_EXPIRED');
    const foreign = jwt.sign({ kind: 'staff', roles: ['admin'], clinicId: 'clinic-1' }, 'another-secret-another-secret-123', { issuer: 'clinic', subject: 'x', expiresIn: 60 });
    expectError(await api.get('/departments', { token: foreign }), 401, 'AUTH.TOKEN_INVALID');
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${p}.`;
    expectError(await api.get('/departments', { token: none }), 401, 'AUTH.TOKEN_INVALID');
  });

  it('lets only an admin write the clinic set-up (403 for other roles)', async () => {
    const doctor = jwt.sign({ kind: 'staff', roles: ['doctor'], clinicId: 'clinic-1' }, sys.env.JWT_SECRET!, { issuer: 'clinic', subject: 'doctor-1', expiresIn: 60 });
    for (const [path, body] of [
      ['/departments', { name: '外科' }],
      ['/patients', { name: '王五', gender: 'F', birthDate: '1990-01-01', phone: '13800000000' }],
      ['/drugs', { name: 'x', spec: 'x', unit: '盒', priceFen: 1, reorderLevel: 1 }],
      ['/fee-items', { name: 'x', priceFen: 1, category: 'LAB' }],
    ] as const) {
      expectError(await api.post(path, body, { token: doctor }), 403, 'AUTH.FORBIDDEN');
    }
    expect((await api.get('/departments', { token: doctor })).status).toBe(200);
  });

  it('answers 404 for unknown routes and records, 401 for wrong passwords', async () => {
    expectError(await api.get('/no-such-thing'), 404, 'NOT_FOUND');
    expectError(await api.get('/patients/00000000-0000-0000-0000-000000000000'), 404, 'NOT_FOUND');
    expectError(await api.get(`/patients/${encodeURIComponent("1' OR '1'='1")}`), 404, 'NOT_FOUND');
    expectError(await api.post('/auth/staff/login', { username: 'admin', password: 'wrong' }), 401, 'AUTH.INVALID_CREDENTIALS');
    expectError(await api.post('/auth/staff/login', { username: 'nobody', password: 'wrong' }), 401, 'AUTH.INVALID_CREDENTIALS');
  });

  it('rotates refresh tokens and revokes the family when a spent one comes back', async () => {
    const first = await api.post('/auth/refresh', { refreshToken });
    expect(first.status).toBe(200);
    expect(first.body.refreshToken).not.toBe(refreshToken);
    expectError(await api.post('/auth/refresh', { refreshToken }), 401, 'AUTH.REFRESH_INVALID'); // replayed
    expectError(await api.post('/auth/refresh', { refreshToken: first.body.refreshToken }), 401, 'AUTH.REFRESH_INVALID'); // family gone
    expectError(await api.post('/auth/refresh', { refreshToken: 'made-up' }), 401, 'AUTH.REFRESH_INVALID');

    const fresh = await api.login('admin', ADMIN_PASSWORD);
    expect((await api.post('/auth/logout', { refreshToken: fresh.refreshToken })).status).toBe(204);
    expectError(await api.post('/auth/refresh', { refreshToken: fresh.refreshToken }), 401, 'AUTH.REFRESH_INVALID');
  });

  it('never answered any of this with a 500', () => {
    const statuses = sys.logs.filter((l) => l.includes('"context":"Http"')).map((l) => JSON.parse(l).status);
    expect(statuses.length).toBeGreaterThan(20);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(sys.logs.filter((l) => l.includes('"level":"error"'))).toEqual([]);
  });
});
