import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeCertificates } from '@clinic/platform/src/testing/test-tls';

/**
 * A local stand-in for WeChat's code2Session (GET /sns/jscode2session), access token (GET /cgi-bin/token) and
 * subscribe messages (POST /cgi-bin/message/subscribe/send) over real TLS, with a certificate made
 * at start by a throw-away CA. Callers trust it with `ca: caPem` (in process) or NODE_EXTRA_CA_CERTS=caFile
 * (a child process); nothing else trusts it, which lets a test prove that the client verifies certificates.
 *
 * Like WeChat, every reply is HTTP 200 with JSON, errors as `{ errcode, errmsg }`, and a code works once.
 */
export type FakeWechatFailure =
  | 'invalid-code' // 40029
  | 'rate-limit' // 45011
  | 'busy' // -1
  | 'blocked' // 40226
  | 'hang' // accepts the request and never answers
  | 'stall-body' // sends the headers and part of a body, then nothing
  | 'http-500' // a 500 with an HTML body, as a broken proxy would
  | 'garbage' // 200 with a body that is not JSON
  | 'oversized' // 200 with a 1 MiB body
  | 'no-session-key'; // 200 with an openid and no session_key

export interface FakeWechatCall {
  appid: string | null;
  js_code: string | null;
  grant_type: string | null;
  /** Whether the request carried the right secret (the secret itself is not kept). */
  secretMatches: boolean;
}

/** A subscribe message as WeChat received it. */
export interface FakeSubscribeMessage {
  touser: string;
  template_id: string;
  page?: string;
  data: Record<string, { value: string }>;
  miniprogram_state?: string;
}

export interface FakeWechat {
  /** Subscribe messages accepted, oldest first. */
  messages: FakeSubscribeMessage[];
  /** This user has not agreed to (or used up) subscribe messages: sends to them answer 43101. */
  refuse(openid: string): void;
  /** How many access tokens were handed out (the client should cache one). */
  tokensIssued(): number;
  /** https://127.0.0.1:<port>: the value for WECHAT_API_BASE. */
  url: string;
  /** The CA certificate that signed the server's certificate. */
  caPem: string;
  /** The same CA as a file, for NODE_EXTRA_CA_CERTS. Removed by close(). */
  caFile: string;
  /** Makes `code` valid (once) for the given user. */
  issue(code: string, openid: string, unionid?: string): void;
  /** The next request, whatever it is, gets this failure instead of its normal answer. Calls queue up. */
  failNext(kind: FakeWechatFailure): void;
  /** Every request to /sns/jscode2session, oldest first. */
  calls: FakeWechatCall[];
  /** The session_key handed out for each code, to check that nobody logs it. */
  sessionKeys: Map<string, string>;
  close(): Promise<void>;
}

export async function startFakeWechat({ appId, appSecret }: { appId: string; appSecret: string }): Promise<FakeWechat> {
  const dir = await mkdtemp(join(tmpdir(), 'fake-wechat-'));
  const { caFile, caPem, key, cert } = await makeCertificates(dir);

  const issued = new Map<string, { openid: string; unionid?: string }>();
  const failures: FakeWechatFailure[] = [];
  const calls: FakeWechatCall[] = [];
  const sessionKeys = new Map<string, string>();
  const messages: FakeSubscribeMessage[] = [];
  const refused = new Set<string>();
  const tokens = new Set<string>();

  const readJson = (req: IncomingMessage) =>
    new Promise<unknown>((resolve) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        } catch {
          resolve(null);
        }
      });
    });

  /** The access token and subscribe-message endpoints, checked as WeChat checks them. */
  const handleMessaging = async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    const q = url.searchParams;
    if (req.method === 'GET' && url.pathname === '/cgi-bin/token') {
      if (q.get('grant_type') !== 'client_credential') return error(res, 40002, 'invalid grant_type,');
      if (q.get('appid') !== appId) return error(res, 40013, 'invalid appid,');
      if (q.get('secret') !== appSecret) return error(res, 40125, 'invalid appsecret,');
      const token = randomBytes(24).toString('hex');
      tokens.add(token);
      return json(res, { access_token: token, expires_in: 7200 });
    }
    if (!tokens.has(q.get('access_token') ?? '')) return error(res, 40001, 'invalid credential, access_token is invalid or not latest,');
    const body = (await readJson(req)) as FakeSubscribeMessage | null;
    if (!body || typeof body.touser !== 'string' || typeof body.template_id !== 'string' || typeof body.data !== 'object') return error(res, 47001, 'data format error,');
    if (refused.has(body.touser)) return error(res, 43101, 'user refuse to accept the msg,');
    messages.push(body);
    return json(res, { errcode: 0, errmsg: 'ok' });
  };

  const json = (res: ServerResponse, body: unknown, status = 200) => {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };
  const error = (res: ServerResponse, errcode: number, errmsg: string) =>
    json(res, { errcode, errmsg: `${errmsg} rid: ${randomBytes(6).toString('hex')}` });

  const fail = (res: ServerResponse, kind: FakeWechatFailure) => {
    switch (kind) {
      case 'invalid-code':
        return error(res, 40029, 'invalid code,');
      case 'rate-limit':
        return error(res, 45011, 'api minute-quota reach limit  mustslower  retry next minute,');
      case 'busy':
        return error(res, -1, 'system error,');
      case 'blocked':
        return error(res, 40226, 'invalid user, high risk user,');
      case 'hang':
        return; // the socket stays open until the client gives up or close() ends it
      case 'stall-body':
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '200' });
        res.write('{"openid":"');
        return;
      case 'http-500':
        res.writeHead(500, { 'content-type': 'text/html' });
        return res.end('<html><body><h1>500 Internal Server Error</h1></body></html>');
      case 'garbage':
        res.writeHead(200, { 'content-type': 'text/html' });
        return res.end('<html>system upgrading</html>');
      case 'no-session-key':
        return json(res, { openid: 'oFakeOpenidWithoutSessionKey' });
      case 'oversized':
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(`{"openid":"${'x'.repeat(1024 * 1024)}"}`);
    }
  };

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'https://fake-wechat');
    if (url.pathname === '/cgi-bin/token' || (req.method === 'POST' && url.pathname === '/cgi-bin/message/subscribe/send')) return void handleMessaging(req, res, url);
    if (req.method !== 'GET' || url.pathname !== '/sns/jscode2session') return json(res, { errcode: 404, errmsg: 'not found' }, 404);
    const q = url.searchParams;
    const call: FakeWechatCall = { appid: q.get('appid'), js_code: q.get('js_code'), grant_type: q.get('grant_type'), secretMatches: q.get('secret') === appSecret };
    calls.push(call);

    const failure = failures.shift();
    if (failure) return fail(res, failure);
    if (call.appid !== appId) return error(res, 40013, 'invalid appid,');
    if (!call.secretMatches) return error(res, 40125, 'invalid appsecret,');
    if (call.grant_type !== 'authorization_code') return error(res, 40002, 'invalid grant_type,');
    if (!call.js_code) return error(res, 41008, 'missing code,');
    const who = issued.get(call.js_code);
    if (!who) return error(res, 40029, 'invalid code,');
    issued.delete(call.js_code); // single use, as WeChat's codes are
    const sessionKey = randomBytes(16).toString('base64');
    sessionKeys.set(call.js_code, sessionKey);
    return json(res, who.unionid ? { session_key: sessionKey, openid: who.openid, unionid: who.unionid } : { session_key: sessionKey, openid: who.openid });
  };

  const server = createServer({ key, cert }, handle);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
  const { port } = server.address() as AddressInfo;

  return {
    url: `https://127.0.0.1:${port}`,
    caPem,
    caFile,
    calls,
    sessionKeys,
    messages,
    refuse(openid) {
      refused.add(openid);
    },
    tokensIssued: () => tokens.size,
    issue(code, openid, unionid) {
      issued.set(code, { openid, unionid });
    },
    failNext(kind) {
      failures.push(kind);
    },
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await rm(dir, { recursive: true, force: true });
    },
  };
}
