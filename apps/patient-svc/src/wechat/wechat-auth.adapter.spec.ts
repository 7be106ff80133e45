import type { ErrorCode } from '@clinic/contracts';
import { Config, DomainError, JsonLogger, loadConfig } from '@clinic/platform';
import { startFakeWechat, type FakeWechat } from './testing/fake-wechat-server';
import { DevWechatAdapter, WechatApiAdapter, WechatAuthAdapter, wechatAdapterProvider, type WechatApiOptions } from './wechat-auth.adapter';

const APP_ID = 'wx0123456789abcdef';
const APP_SECRET = 'test-secret-5f1c0d9e8b7a6f5e4d3c2b1a';
const TIMEOUT_MS = 300;

async function failureOf(p: Promise<unknown>): Promise<{ code: ErrorCode; message: string }> {
  try {
    await p;
  } catch (err) {
    if (err instanceof DomainError) return { code: err.code, message: err.message };
    throw err;
  }
  throw new Error('expected the call to fail');
}

describe('WechatApiAdapter against a fake WeChat over TLS', () => {
  let fake: FakeWechat;
  let lines: string[];
  const adapters: WechatApiAdapter[] = [];
  let counter = 0;
  /** A fresh code per test, so no test depends on another's leftovers. */
  const newCode = () => `0a1B${++counter}x-Code_${Date.now().toString(36)}`;

  const adapter = (overrides: Partial<WechatApiOptions> = {}) => {
    const a = new WechatApiAdapter(
      { apiBase: fake.url, appId: APP_ID, appSecret: APP_SECRET, timeoutMs: TIMEOUT_MS, ca: fake.caPem, nodeEnv: 'test', ...overrides },
      new JsonLogger('t', 'debug', (l) => lines.push(l)),
    );
    adapters.push(a);
    return a;
  };

  /** Nothing secret in what the adapter logged: checked after every test. */
  const secretsLogged = (extra: string[]) => {
    const all = lines.join('\n');
    return [APP_SECRET, ...extra].filter((s) => all.includes(s));
  };
  let usedCodes: string[];

  beforeAll(async () => {
    fake = await startFakeWechat({ appId: APP_ID, appSecret: APP_SECRET });
  });
  afterAll(async () => {
    for (const a of adapters) a.onModuleDestroy();
    await fake?.close();
  });
  beforeEach(() => {
    lines = [];
    usedCodes = [];
    fake.calls.length = 0;
  });
  afterEach(() => {
    expect(secretsLogged([...usedCodes, ...usedCodes.map((c) => fake.sessionKeys.get(c) ?? c)])).toEqual([]);
  });

  const issued = (openid = `oXyZ-${counter}-openid-abcdefghijkl`, unionid?: string) => {
    const code = newCode();
    usedCodes.push(code);
    fake.issue(code, openid, unionid);
    return { code, openid };
  };

  it('exchanges an issued code for the openid, unionid and session key, sending the right credentials', async () => {
    const { code, openid } = issued('oAbCdEfGhIjKlMnOpQrStUvWxYz0', 'uNiOnId-123');
    const session = await adapter().code2Session(code);
    expect(session.openid).toBe(openid);
    expect(session.unionid).toBe('uNiOnId-123');
    expect(session.sessionKey).toBe(fake.sessionKeys.get(code));
    expect(fake.calls).toEqual([{ appid: APP_ID, js_code: code, grant_type: 'authorization_code', secretMatches: true }]);
    // The openid is logged only as a tag, never in full.
    expect(lines.join('\n')).not.toContain(openid);
    expect(lines.some((l) => JSON.parse(l).msg === 'code2Session ok')).toBe(true);
  });

  it('gives a null unionid when WeChat sends none', async () => {
    const { code } = issued();
    expect((await adapter().code2Session(code)).unionid).toBeNull();
  });

  it('maps an unknown code (40029) to AUTH.WECHAT_CODE_INVALID', async () => {
    const code = newCode();
    usedCodes.push(code);
    expect((await failureOf(adapter().code2Session(code))).code).toBe('AUTH.WECHAT_CODE_INVALID');
    expect(fake.calls).toHaveLength(1);
  });

  it('maps 40029 sent for any reason to AUTH.WECHAT_CODE_INVALID', async () => {
    const { code } = issued();
    fake.failNext('invalid-code');
    expect((await failureOf(adapter().code2Session(code))).code).toBe('AUTH.WECHAT_CODE_INVALID');
  });

  it('refuses a code used twice: the second use is AUTH.WECHAT_CODE_INVALID', async () => {
    const { code, openid } = issued();
    const a = adapter();
    expect((await a.code2Session(code)).openid).toBe(openid);
    expect((await failureOf(a.code2Session(code))).code).toBe('AUTH.WECHAT_CODE_INVALID');
    expect(fake.calls).toHaveLength(2);
  });

  it('maps the rate limit (45011) to RATE_LIMITED', async () => {
    const { code } = issued();
    fake.failNext('rate-limit');
    expect((await failureOf(adapter().code2Session(code))).code).toBe('RATE_LIMITED');
  });

  it('maps a blocked high-risk user (40226) to AUTH.FORBIDDEN', async () => {
    const { code } = issued();
    fake.failNext('blocked');
    expect((await failureOf(adapter().code2Session(code))).code).toBe('AUTH.FORBIDDEN');
  });

  it('maps "system busy" (-1) to UPSTREAM.UNAVAILABLE', async () => {
    const { code } = issued();
    fake.failNext('busy');
    expect((await failureOf(adapter().code2Session(code))).code).toBe('UPSTREAM.UNAVAILABLE');
  });

  it('gives up on a WeChat that never answers within the timeout: UPSTREAM.UNAVAILABLE', async () => {
    const { code } = issued();
    fake.failNext('hang');
    const started = Date.now();
    expect((await failureOf(adapter().code2Session(code))).code).toBe('UPSTREAM.UNAVAILABLE');
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 20);
    expect(elapsed).toBeLessThan(TIMEOUT_MS + 700);
    expect(fake.calls).toHaveLength(1); // it was the reply that never came, not the connection
  });

  it('counts the body in the timeout: headers then silence is UPSTREAM.UNAVAILABLE', async () => {
    const { code } = issued();
    fake.failNext('stall-body');
    const started = Date.now();
    expect((await failureOf(adapter().code2Session(code))).code).toBe('UPSTREAM.UNAVAILABLE');
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 700);
  });

  it('maps an HTTP 500 to UPSTREAM.UNAVAILABLE', async () => {
    const { code } = issued();
    fake.failNext('http-500');
    expect((await failureOf(adapter().code2Session(code))).code).toBe('UPSTREAM.UNAVAILABLE');
    expect(lines.some((l) => JSON.parse(l).status === 500)).toBe(true);
  });

  it('maps a reply that is not JSON to UPSTREAM.UNAVAILABLE', async () => {
    const { code } = issued();
    fake.failNext('garbage');
    expect((await failureOf(adapter().code2Session(code))).code).toBe('UPSTREAM.UNAVAILABLE');
    expect(lines.some((l) => JSON.parse(l).msg === 'code2Session answered a body that is not JSON')).toBe(true);
  });

  it('refuses a success reply without a session_key: UPSTREAM.UNAVAILABLE', async () => {
    const { code } = issued();
    fake.failNext('no-session-key');
    expect((await failureOf(adapter().code2Session(code))).code).toBe('UPSTREAM.UNAVAILABLE');
  });

  it('refuses an oversized reply: UPSTREAM.UNAVAILABLE', async () => {
    const { code } = issued();
    fake.failNext('oversized');
    expect((await failureOf(adapter().code2Session(code))).code).toBe('UPSTREAM.UNAVAILABLE');
    expect(lines.some((l) => /larger than/.test(JSON.parse(l).reason ?? ''))).toBe(true);
  });

  it('verifies the certificate: without the fake CA the call is UPSTREAM.UNAVAILABLE and never reaches WeChat', async () => {
    const { code } = issued();
    expect((await failureOf(adapter({ ca: undefined }).code2Session(code))).code).toBe('UPSTREAM.UNAVAILABLE');
    expect(fake.calls).toHaveLength(0);
    expect(lines.some((l) => /certificate/i.test(JSON.parse(l).reason ?? ''))).toBe(true);
  });

  it('treats wrong app credentials (40013 / 40125) as UPSTREAM.UNAVAILABLE and logs an error for ops', async () => {
    const { code } = issued();
    expect((await failureOf(adapter({ appSecret: 'wrong-secret' }).code2Session(code))).code).toBe('UPSTREAM.UNAVAILABLE');
    expect((await failureOf(adapter({ appId: 'wxwrong' }).code2Session(code))).code).toBe('UPSTREAM.UNAVAILABLE');
    const errors = lines.map((l) => JSON.parse(l)).filter((e) => e.level === 'error');
    expect(errors.map((e) => e.errcode)).toEqual([40125, 40013]);
  });

  it('refuses an implausible code without calling WeChat', async () => {
    for (const code of ['', 'has space', 'x'.repeat(129), 'ctrl\n']) {
      expect((await failureOf(adapter().code2Session(code))).code).toBe('AUTH.WECHAT_CODE_INVALID');
    }
    expect(fake.calls).toHaveLength(0);
  });

  it('maps a connection refused to UPSTREAM.UNAVAILABLE', async () => {
    const closed = await startFakeWechat({ appId: APP_ID, appSecret: APP_SECRET });
    const url = closed.url;
    await closed.close();
    expect((await failureOf(adapter({ apiBase: url }).code2Session(newCode()))).code).toBe('UPSTREAM.UNAVAILABLE');
  });

  it('refuses plain http in production and allows it only in development and test', () => {
    const http = { apiBase: 'http://127.0.0.1:1' };
    expect(() => adapter({ ...http, nodeEnv: 'production' })).toThrow(/https/);
    expect(() => adapter({ ...http, nodeEnv: undefined })).toThrow(/https/);
    expect(() => adapter({ ...http, nodeEnv: 'test' })).not.toThrow();
    expect(() => adapter({ apiBase: 'ftp://example.com', nodeEnv: 'test' })).toThrow(/https/);
  });
});

describe('DevWechatAdapter', () => {
  it('signs code X in as dev-X with a fresh session key', async () => {
    const dev = new DevWechatAdapter('test');
    const a = await dev.code2Session('alice_01-X');
    const b = await dev.code2Session('alice_01-X');
    expect(a).toEqual({ openid: 'dev-alice_01-X', unionid: null, sessionKey: expect.any(String) });
    expect(a.sessionKey.length).toBeGreaterThanOrEqual(16);
    expect(b.sessionKey).not.toBe(a.sessionKey);
    expect(dev.kind).toBe('development');
  });

  it('rejects codes that are not 1-64 characters of [A-Za-z0-9_-]', async () => {
    const dev = new DevWechatAdapter('development');
    for (const code of ['', 'a b', 'x'.repeat(65), '../admin', 'ü']) {
      expect((await failureOf(dev.code2Session(code))).code).toBe('AUTH.WECHAT_CODE_INVALID');
    }
    expect((await dev.code2Session('x'.repeat(64))).openid).toBe(`dev-${'x'.repeat(64)}`);
  });

  it('refuses to exist in production', () => {
    expect(() => new DevWechatAdapter('production')).toThrow(/never used/);
    expect(() => new DevWechatAdapter(undefined)).toThrow(/never used/);
  });
});

describe('wechatAdapterProvider', () => {
  const base = { JWT_SECRET: 'j'.repeat(32), PII_KEYS: `1:${Buffer.alloc(32).toString('base64')}`, PII_INDEX_KEY: Buffer.alloc(32).toString('base64') };

  const quiet = () => new JsonLogger('t', 'error', () => undefined);
  const resolve = (env: NodeJS.ProcessEnv): WechatAuthAdapter => wechatAdapterProvider().useFactory(loadConfig('patient', { ...base, ...env }), quiet());

  it('is injected by the abstract class, from Config and the logger', () => {
    const provider = wechatAdapterProvider();
    expect(provider.provide).toBe(WechatAuthAdapter);
    expect(provider.inject).toEqual([Config, JsonLogger]);
  });

  it('chooses the WeChat API when WECHAT_APP_ID is set, else the development adapter', () => {
    const api = resolve({ NODE_ENV: 'test', WECHAT_APP_ID: APP_ID, WECHAT_APP_SECRET: APP_SECRET });
    expect(api).toBeInstanceOf(WechatApiAdapter);
    (api as WechatApiAdapter).onModuleDestroy();
    expect(resolve({ NODE_ENV: 'development' })).toBeInstanceOf(DevWechatAdapter);
  });

  it('never chooses the development adapter in production, even past config validation', () => {
    const config = new Config({ ...loadConfig('patient', { ...base, NODE_ENV: 'test' }).env, NODE_ENV: 'production' });
    expect(() => wechatAdapterProvider().useFactory(config, quiet())).toThrow(/never used/);
  });
});
