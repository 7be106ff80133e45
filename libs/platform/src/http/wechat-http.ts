import * as http from 'node:http';
import * as https from 'node:https';

/** A WeChat API reply is a few hundred bytes; anything far larger is not one. */
const MAX_BODY_BYTES = 64 * 1024;
/**
 * Connections are reused, but an idle one is closed well before a server would drop it (typically 60 s), so a
 * call never lands on a socket the other end has just closed (a login code is single-use and cannot be retried).
 */
const IDLE_SOCKET_MS = 15_000;

export interface WechatHttpOptions {
  /** e.g. https://api.weixin.qq.com (tests: a local fake). */
  apiBase: string;
  /** Budget for each whole call: connect, TLS, headers and body. */
  timeoutMs: number;
  /**
   * Trusted CA (PEM) for tests and private CAs. It replaces the public roots for this client; to add a CA to
   * them instead, ops set NODE_EXTRA_CA_CERTS.
   */
  ca?: string;
  /** NODE_ENV. Plain http is refused unless this says development or test (unset counts as production). */
  nodeEnv?: string;
}

export interface RawReply {
  status: number;
  body: string;
  /** Lower-cased header names (WeChat Pay signs its replies in headers). */
  headers: Record<string, string>;
}

export interface RawRequest {
  method: 'GET' | 'POST';
  /** Sent as is: WeChat Pay signs the exact bytes. */
  body?: string;
  headers?: Record<string, string>;
}

/**
 * The HTTP exchange with WeChat's API hosts (sign-in, subscribe messages, WeChat Pay): one agent, deadlines on
 * the whole exchange, size caps.
 */
export class WechatHttp {
  private readonly base: URL;
  private readonly transport: typeof https | typeof http;
  private readonly agent: https.Agent | http.Agent;

  constructor(private readonly options: WechatHttpOptions) {
    if (!(Number.isFinite(options.timeoutMs) && options.timeoutMs > 0)) throw new Error('WeChat calls need a positive timeoutMs');
    let base: URL;
    try {
      base = new URL(options.apiBase);
    } catch {
      throw new Error(`the WeChat API base is not a URL: ${options.apiBase}`);
    }
    const relaxed = options.nodeEnv === 'development' || options.nodeEnv === 'test';
    if (base.protocol === 'https:') {
      this.transport = https;
      this.agent = new https.Agent({ keepAlive: true, timeout: IDLE_SOCKET_MS, maxSockets: 32, ca: options.ca });
    } else if (base.protocol === 'http:' && relaxed) {
      this.transport = http;
      this.agent = new http.Agent({ keepAlive: true, timeout: IDLE_SOCKET_MS, maxSockets: 32 });
    } else {
      throw new Error(`the WeChat API base must be an https:// URL${relaxed ? '' : ' (plain http is allowed only in development and test)'}`);
    }
    if (base.search || base.hash || base.username || base.password) throw new Error('the WeChat API base must be a plain base URL');
    this.base = base;
  }

  /** The URL of an API path under the base, e.g. `/sns/jscode2session`. */
  url(path: string, query: Record<string, string> = {}): URL {
    const url = new URL(`${this.base.pathname.replace(/\/+$/, '')}${path}`, this.base);
    url.search = new URLSearchParams(query).toString();
    return url;
  }

  destroy() {
    this.agent.destroy();
  }

  /** One call; a JSON body makes it a POST. */
  call(url: URL, json?: unknown): Promise<RawReply> {
    return json === undefined ? this.request(url, { method: 'GET' }) : this.request(url, { method: 'POST', body: JSON.stringify(json) });
  }

  /** One exchange with a deadline on the whole of it and a cap on the reply's body. */
  request(url: URL, r: RawRequest): Promise<RawReply> {
    const payload = r.body === undefined ? undefined : Buffer.from(r.body);
    return new Promise<RawReply>((resolve, reject) => {
      let settled = false;
      const finish = (err: Error | null, reply?: RawReply) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (err) reject(err);
        else resolve(reply as RawReply);
      };
      // Settle first, then tear the connection down: the events the teardown causes find the call settled.
      const abandon = (reason: string) => {
        finish(new Error(reason));
        req.destroy();
      };
      const headers: Record<string, string | number> = { accept: 'application/json', ...r.headers };
      if (payload) Object.assign(headers, { 'content-type': 'application/json', 'content-length': payload.length });
      const req = this.transport.request(url, { method: r.method, agent: this.agent, headers }, (res) => {
        const declared = Number(res.headers['content-length']);
        if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) return abandon(`reply too large (${declared} bytes declared)`);
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_BODY_BYTES) return abandon(`reply larger than ${MAX_BODY_BYTES} bytes`);
          chunks.push(chunk);
        });
        res.on('end', () => {
          const replyHeaders = Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]));
          finish(null, { status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: replyHeaders });
        });
        res.on('error', (err) => finish(err));
        res.on('close', () => {
          if (!res.complete) finish(new Error('connection closed before the reply was complete'));
        });
      });
      const timer = setTimeout(() => abandon(`no complete reply within ${this.options.timeoutMs} ms`), this.options.timeoutMs);
      req.on('error', (err) => finish(err));
      req.on('close', () => finish(new Error('connection closed before a reply')));
      req.end(payload);
    });
  }
}
