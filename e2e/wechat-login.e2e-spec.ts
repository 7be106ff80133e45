import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Api } from './support/api';
import { startFakeWechat } from './support/fake-wechat';
import { boot, systemSettings, type RunningSystem } from './support/system';

type FakeWechat = Awaited<ReturnType<typeof startFakeWechat>>;

/** Patients sign in through the real code2Session adapter, against a local HTTPS fake of WeChat. */
describe('WeChat login through the production adapter', () => {
  let sys: RunningSystem;
  let wx: FakeWechat;

  beforeAll(async () => {
    wx = await startFakeWechat({ appId: 'wxe2e0000000000001', appSecret: 'e2e-app-secret-not-real' });
    const settings = await systemSettings('production', {
      WECHAT_APP_ID: 'wxe2e0000000000001',
      WECHAT_APP_SECRET: 'e2e-app-secret-not-real',
      WECHAT_API_BASE: wx.url,
      WECHAT_TIMEOUT_MS: '1000',
      NODE_EXTRA_CA_CERTS: wx.caFile,
    });
    sys = await boot('production', settings, 'wechat-login');
  });
  afterAll(async () => {
    await sys?.stop();
    await wx?.close();
  });

  it('signs a WeChat user in, the same account every time, without the session key leaving the server', async () => {
    const api = new Api(sys.baseUrl);
    wx.issue('code-first', 'oE2eOpenid000000000000001', 'uE2eUnion1');
    const first = await api.post('/auth/wechat/login', { code: 'code-first' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ accessToken: expect.any(String), refreshToken: expect.any(String), account: { id: expect.any(String), privacyVersion: null } });
    expect(wx.calls.at(-1)).toMatchObject({ appid: 'wxe2e0000000000001', js_code: 'code-first', grant_type: 'authorization_code', secretMatches: true });

    wx.issue('code-second', 'oE2eOpenid000000000000001', 'uE2eUnion1');
    const second = await api.post('/auth/wechat/login', { code: 'code-second' });
    expect(second.body.account.id).toBe(first.body.account.id);

    const sessionKeys = [...wx.sessionKeys.values()];
    expect(sessionKeys.length).toBeGreaterThan(0);
    const everything = JSON.stringify([first.body, second.body]) + sys.logs.join('\n');
    for (const secret of [...sessionKeys, 'e2e-app-secret-not-real', 'oE2eOpenid000000000000001']) expect(everything).not.toContain(secret);
  });

  it('maps WeChat\'s errors: 40029 → 401, 45011 → 429, busy or silent → 503 within the timeout', async () => {
    const api = new Api(sys.baseUrl);
    const reused = await api.post('/auth/wechat/login', { code: 'code-first' }); // codes work once
    expect({ status: reused.status, code: reused.body.code }).toEqual({ status: 401, code: 'AUTH.WECHAT_CODE_INVALID' });
    expect((await api.post('/auth/wechat/login', { code: 'never-issued' })).body.code).toBe('AUTH.WECHAT_CODE_INVALID');

    wx.issue('code-limited', 'oE2eOpenid000000000000002');
    wx.failNext('rate-limit');
    const limited = await api.post('/auth/wechat/login', { code: 'code-limited' });
    expect({ status: limited.status, code: limited.body.code }).toEqual({ status: 429, code: 'RATE_LIMITED' });

    wx.issue('code-busy', 'oE2eOpenid000000000000003');
    wx.failNext('busy');
    expect((await api.post('/auth/wechat/login', { code: 'code-busy' })).status).toBe(503);

    wx.issue('code-hang', 'oE2eOpenid000000000000004');
    wx.failNext('hang');
    const hung = await api.post('/auth/wechat/login', { code: 'code-hang' });
    expect({ status: hung.status, code: hung.body.code }).toEqual({ status: 503, code: 'UPSTREAM.UNAVAILABLE' });
    expect(hung.ms).toBeLessThan(1000 + 2000);
  });

  it('refuses to start patient-svc in production without WeChat credentials (no development login there)', () => {
    const { WECHAT_APP_ID: _id, WECHAT_APP_SECRET: _secret, ...rest } = sys.env;
    const env = { ...rest, NODE_ENV: 'production' };
    const run = spawnSync(process.execPath, [join(__dirname, '..', 'apps', 'patient-svc', 'dist', 'main.js')], { env, encoding: 'utf8', timeout: 30_000 });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('WECHAT_APP_ID and WECHAT_APP_SECRET are required when NODE_ENV=production');
  });
});
