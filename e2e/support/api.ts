import { request } from 'node:http';

export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
  ms: number;
}

/** A small HTTP client for the public API, as an outside caller sees it. */
export class Api {
  token?: string;

  constructor(readonly baseUrl: string) {}

  async call<T = any>(method: string, path: string, opts: { body?: unknown; raw?: string; token?: string | null; headers?: Record<string, string> } = {}): Promise<Reply<T>> {
    const headers: Record<string, string> = { ...opts.headers };
    const token = opts.token === null ? undefined : (opts.token ?? this.token);
    if (token) headers.authorization = `Bearer ${token}`;
    let payload: string | undefined;
    if (opts.raw !== undefined) payload = opts.raw;
    else if (opts.body !== undefined) payload = JSON.stringify(opts.body);
    if (payload !== undefined) headers['content-type'] ??= 'application/json';
    const started = Date.now();
    const res = await fetch(`${this.baseUrl}/api/v1${path}`, { method, headers, body: payload });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: body as T, headers: res.headers, ms: Date.now() - started };
  }

  get<T = any>(path: string, opts?: Parameters<Api['call']>[2]) {
    return this.call<T>('GET', path, opts);
  }

  post<T = any>(path: string, body?: unknown, opts?: Parameters<Api['call']>[2]) {
    return this.call<T>('POST', path, { ...opts, body });
  }

  put<T = any>(path: string, body?: unknown, opts?: Parameters<Api['call']>[2]) {
    return this.call<T>('PUT', path, { ...opts, body });
  }

  patch<T = any>(path: string, body?: unknown, opts?: Parameters<Api['call']>[2]) {
    return this.call<T>('PATCH', path, { ...opts, body });
  }

  /** A GET whose reply is a file (a PDF): the bytes as they came. */
  async bytes(path: string): Promise<{ status: number; body: Buffer; headers: Headers }> {
    const res = await fetch(`${this.baseUrl}/api/v1${path}`, { headers: this.token ? { authorization: `Bearer ${this.token}` } : {} });
    return { status: res.status, body: Buffer.from(await res.arrayBuffer()), headers: res.headers };
  }

  /**
   * POSTs a body the server may refuse before reading it all (too large): the server answers and closes while the
   * body is still being written, which fetch reports as a failed request (EPIPE). The answer is what counts.
   */
  /**
   * Declares the whole body's length but sends only its first 64 KiB: the gateway refuses on the declared length and
   * closes, and a client still writing the rest would race that close (EPIPE before the answer is read). The rest
   * follows only if no answer came within a second, for a server that must read the body to refuse it.
   */
  oversized(path: string, raw: string): Promise<{ status: number; body: any }> {
    return new Promise((resolve, reject) => {
      const body = Buffer.from(raw);
      const head = body.subarray(0, 64 * 1024);
      let answered = false;
      const req = request(`${this.baseUrl}/api/v1${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': body.length, ...(this.token && { authorization: `Bearer ${this.token}` }) } }, (res) => {
        answered = true;
        clearTimeout(rest);
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => {
          req.destroy();
          resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined });
        });
      });
      req.on('error', (err) => {
        if (!answered) reject(err);
      });
      req.write(head);
      const rest = setTimeout(() => req.end(body.subarray(head.length)), 1000);
    });
  }

  async login(username: string, password: string) {
    const res = await this.post('/auth/staff/login', { username, password });
    if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
    this.token = res.body.accessToken;
    return res.body;
  }
}
