import { Api } from './support/api';
import { adminApi, STAFF_PASSWORD, staffApi } from './support/actors';
import { boot, systemSettings, type RunningSystem } from './support/system';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Lockout after repeated failures, and rate limits on sign-in and refresh (counts kept in Redis). */
describe('login protection (production topology)', () => {
  let sys: RunningSystem;
  let admin: Api;

  beforeAll(async () => {
    const settings = await systemSettings('production', {
      LOGIN_LOCK_THRESHOLD: '3',
      LOGIN_LOCK_WINDOW_SECONDS: '60',
      LOGIN_LOCK_SECONDS: '2',
      RATE_LIMIT_WINDOW_SECONDS: '3',
      RATE_LIMIT_LOGIN_PER_ACCOUNT: '6',
      RATE_LIMIT_LOGIN_PER_IP: '12',
    });
    sys = await boot('production', settings, 'login-protection');
    admin = await adminApi(sys.baseUrl);
    await sleep(3100); // a fresh rate-limit window for the tests below
  });
  afterAll(() => sys?.stop());

  it('locks an account after 3 failures, refuses even the right password, and unlocks after the lock time', async () => {
    const user = await staffApi(admin, 'lock.me', ['cashier']);
    const api = new Api(sys.baseUrl);
    for (let i = 0; i < 2; i++) {
      expect((await api.post('/auth/staff/login', { username: 'lock.me', password: 'Wrong-Passw0rd' })).body.code).toBe('AUTH.INVALID_CREDENTIALS');
    }
    const third = await api.post('/auth/staff/login', { username: 'lock.me', password: 'Wrong-Passw0rd' });
    expect(third.status).toBe(423);
    expect(third.body).toMatchObject({ code: 'AUTH.ACCOUNT_LOCKED', details: { lockedUntil: expect.any(String) } });
    const right = await api.post('/auth/staff/login', { username: 'lock.me', password: STAFF_PASSWORD });
    expect({ status: right.status, code: right.body.code }).toEqual({ status: 423, code: 'AUTH.ACCOUNT_LOCKED' });
    expect((await admin.get(`/staff/${user.userId}`)).body.lockedUntil).toEqual(third.body.details.lockedUntil);

    await sleep(new Date(third.body.details.lockedUntil).getTime() - Date.now() + 200);
    expect((await api.post('/auth/staff/login', { username: 'lock.me', password: STAFF_PASSWORD })).status).toBe(200);
    expect((await admin.get(`/staff/${user.userId}`)).body.lockedUntil).toBeNull();
  });

  it('answers 429 with Retry-After over the per-account limit, then per address, and lets through after the window', async () => {
    await sleep(3100);
    const api = new Api(sys.baseUrl);
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await api.post('/auth/staff/login', { username: 'nobody.here', password: 'x' })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 429]);
    const limited = await api.post('/auth/staff/login', { username: 'nobody.here', password: 'x' });
    expect(limited.body).toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterSeconds: expect.any(Number) } });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);

    // Another name still gets through until the address itself is over its limit (12 in the window; 8 used above).
    const other: number[] = [];
    for (let i = 0; i < 5; i++) other.push((await api.post('/auth/staff/login', { username: `other.${i}`, password: 'x' })).status);
    expect(other).toEqual([401, 401, 401, 401, 429]);
    expect((await api.post('/auth/refresh', { refreshToken: 'made-up' })).status).toBe(401); // refresh counts on its own

    await sleep(3100);
    expect((await api.post('/auth/staff/login', { username: 'nobody.here', password: 'x' })).status).toBe(401);
  });

  it('limits refresh calls per token too', async () => {
    await sleep(3100);
    const api = new Api(sys.baseUrl);
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await api.post('/auth/refresh', { refreshToken: 'the-same-bad-token' })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 429]);
  });

  it('ends a disabled user\'s refresh tokens at once', async () => {
    await sleep(3100);
    const user = await staffApi(admin, 'soon.gone', ['doctor']);
    const session = await new Api(sys.baseUrl).login('soon.gone', STAFF_PASSWORD);
    expect((await admin.post(`/staff/${user.userId}/disable`)).body.status).toBe('DISABLED');
    expect((await new Api(sys.baseUrl).post('/auth/refresh', { refreshToken: session.refreshToken })).body.code).toBe('AUTH.REFRESH_INVALID');
    expect((await new Api(sys.baseUrl).post('/auth/staff/login', { username: 'soon.gone', password: STAFF_PASSWORD })).body.code).toBe('AUTH.INVALID_CREDENTIALS');
    expect((await admin.post(`/staff/${user.userId}/enable`)).body.status).toBe('ACTIVE');
    expect((await new Api(sys.baseUrl).post('/auth/staff/login', { username: 'soon.gone', password: STAFF_PASSWORD })).status).toBe(200);
  });

  it('refuses weak passwords and keeps the last admin', async () => {
    await sleep(3100);
    const weak = await admin.post('/staff', { username: 'weak.one', password: 'password', name: '弱', roles: ['cashier'] });
    expect(weak.status).toBe(400);
    expect(weak.body.details).toEqual([{ field: 'password', errors: [expect.stringContaining('10-128')] }]);
    const own = await admin.post('/staff', { username: 'weak.two', password: 'Weak.Two-2026x', name: '弱', roles: ['cashier'] });
    expect(own.body.details).toEqual([{ field: 'password', errors: ['password must not contain the username'] }]);
    const me = (await admin.get('/me')).body.user.id;
    expect((await admin.post(`/staff/${me}/disable`)).body.code).toBe('STAFF.LAST_ADMIN');
    expect((await admin.call('PATCH', `/staff/${me}`, { body: { roles: ['cashier'] } })).body.code).toBe('STAFF.LAST_ADMIN');
  });
});
