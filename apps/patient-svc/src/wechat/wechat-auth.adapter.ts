import { createHash, randomBytes } from 'node:crypto';
import type { FactoryProvider, OnModuleDestroy } from '@nestjs/common';
import type { ErrorCode } from '@clinic/contracts';
import { Config, DomainError, JsonLogger } from '@clinic/platform';
import { WechatHttp, type RawReply, type WechatHttpOptions } from '@clinic/platform';

/** What WeChat's code2Session tells us about the person behind a `wx.login()` code. */
export interface WechatSession {
  openid: string;
  /** Only present when the mini-program is bound to a WeChat Open Platform account. */
  unionid: string | null;
  /** Decrypts data the client gets from WeChat (phone number etc.). A secret: never logged, never sent to clients. */
  sessionKey: string;
}

/**
 * Turns a mini-program login code into a WeChat identity. An abstract class rather than an interface so that
 * Nest can inject it by class.
 */
export abstract class WechatAuthAdapter {
  abstract readonly kind: 'wechat' | 'development';
  abstract code2Session(code: string): Promise<WechatSession>;
}

export interface WechatApiOptions extends WechatHttpOptions {
  appId: string;
  appSecret: string;
}

const CONTEXT = 'WechatAuth';
/** wx.login codes are short printable tokens; anything else is refused without asking WeChat. */
const PLAUSIBLE_CODE = /^[\x21-\x7e]{1,128}$/;

/** WeChat errcodes that mean something to our caller; every other errcode is an upstream failure. */
const ERRCODES: Record<number, { code: ErrorCode; message: string }> = {
  40029: { code: 'AUTH.WECHAT_CODE_INVALID', message: 'The WeChat login code is invalid or expired' },
  40163: { code: 'AUTH.WECHAT_CODE_INVALID', message: 'The WeChat login code has already been used' },
  40226: { code: 'AUTH.FORBIDDEN', message: 'WeChat has blocked this account from signing in' },
  45011: { code: 'RATE_LIMITED', message: 'Too many WeChat sign-in attempts; try again in a minute' },
  [-1]: { code: 'UPSTREAM.UNAVAILABLE', message: 'WeChat is busy; try again shortly' },
};

/** A short, non-reversible tag of an openid, so log lines about one person can be correlated. */
export function openidTag(openid: string): string {
  return createHash('sha256').update(openid).digest('hex').slice(0, 12);
}

const unavailable = (message = 'WeChat sign-in is unavailable; try again shortly') => new DomainError('UPSTREAM.UNAVAILABLE', message);


/** The production adapter: calls https://api.weixin.qq.com/sns/jscode2session. */
export class WechatApiAdapter extends WechatAuthAdapter implements OnModuleDestroy {
  override readonly kind = 'wechat' as const;
  private readonly http: WechatHttp;

  constructor(
    private readonly options: WechatApiOptions,
    private readonly logger: JsonLogger,
  ) {
    super();
    if (!options.appId || !options.appSecret) throw new Error('WechatApiAdapter needs an app id and an app secret');
    this.http = new WechatHttp(options);
  }

  /** Scheme, host and port the adapter calls (no credentials: those travel in the query string). */
  get endpointOrigin(): string {
    return this.http.url('/').origin;
  }

  onModuleDestroy() {
    this.http.destroy();
  }

  override async code2Session(code: string): Promise<WechatSession> {
    if (typeof code !== 'string' || !PLAUSIBLE_CODE.test(code)) {
      this.logger.event('info', CONTEXT, 'code2Session refused a malformed code', { length: typeof code === 'string' ? code.length : null });
      throw new DomainError('AUTH.WECHAT_CODE_INVALID', 'The WeChat login code is invalid');
    }
    const url = this.http.url('/sns/jscode2session', { appid: this.options.appId, secret: this.options.appSecret, js_code: code, grant_type: 'authorization_code' });

    const started = Date.now();
    let reply: RawReply;
    try {
      reply = await this.http.call(url);
    } catch (err) {
      // Node's messages name the host and port at most, never the query string.
      this.logger.event('warn', CONTEXT, 'code2Session call failed', {
        reason: err instanceof Error ? err.message : String(err),
        errorCode: (err as NodeJS.ErrnoException)?.code,
        durationMs: Date.now() - started,
      });
      throw unavailable();
    }
    const durationMs = Date.now() - started;

    if (reply.status !== 200) {
      this.logger.event('warn', CONTEXT, 'code2Session answered an HTTP error', { status: reply.status, durationMs });
      throw unavailable();
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(reply.body);
    } catch {
      this.logger.event('warn', CONTEXT, 'code2Session answered a body that is not JSON', { bytes: Buffer.byteLength(reply.body), durationMs });
      throw unavailable();
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      this.logger.event('warn', CONTEXT, 'code2Session answered JSON that is not an object', { durationMs });
      throw unavailable();
    }
    const body = parsed as Record<string, unknown>;

    if (body.errcode !== undefined && body.errcode !== 0) {
      const errcode = typeof body.errcode === 'number' ? body.errcode : Number.NaN;
      const known = ERRCODES[errcode];
      const errmsg = this.redact(typeof body.errmsg === 'string' ? body.errmsg : '', code);
      if (known) {
        this.logger.event(known.code === 'UPSTREAM.UNAVAILABLE' ? 'warn' : 'info', CONTEXT, 'code2Session refused the code', { errcode, errmsg, durationMs });
        throw new DomainError(known.code, known.message);
      }
      // 40013 (bad appid), 40125 (bad secret), 41002... : our configuration or an errcode we do not know.
      this.logger.event('error', CONTEXT, 'code2Session answered an unexpected errcode (check WECHAT_APP_ID / WECHAT_APP_SECRET)', {
        errcode: Number.isNaN(errcode) ? String(body.errcode).slice(0, 32) : errcode,
        errmsg,
        durationMs,
      });
      throw unavailable();
    }

    const { openid, session_key: sessionKey, unionid } = body;
    if (typeof openid !== 'string' || !openid || typeof sessionKey !== 'string' || !sessionKey) {
      this.logger.event('warn', CONTEXT, 'code2Session answered without openid or session_key', { durationMs });
      throw unavailable();
    }
    if (unionid !== undefined && unionid !== null && typeof unionid !== 'string') {
      this.logger.event('warn', CONTEXT, 'code2Session answered a unionid that is not a string', { durationMs });
      throw unavailable();
    }
    this.logger.event('debug', CONTEXT, 'code2Session ok', { openidTag: openidTag(openid), unionid: !!unionid, durationMs });
    return { openid, unionid: unionid || null, sessionKey };
  }

  /** WeChat's errmsg is logged for ops, minus anything of ours it might echo. */
  private redact(errmsg: string, code: string): string {
    let out = errmsg.slice(0, 200);
    for (const secret of [this.options.appSecret, code]) if (secret) out = out.split(secret).join('[redacted]');
    return out;
  }
}

/**
 * Offline sign-in for development and tests: code X is the WeChat user "dev-X". Anyone can sign in as anyone,
 * so it refuses to exist in production.
 */
export class DevWechatAdapter extends WechatAuthAdapter {
  override readonly kind = 'development' as const;

  constructor(nodeEnv: string | undefined, logger?: JsonLogger) {
    super();
    if (nodeEnv !== 'development' && nodeEnv !== 'test') {
      throw new Error(`The development WeChat login is never used with NODE_ENV=${nodeEnv ?? '(unset)'}: set WECHAT_APP_ID and WECHAT_APP_SECRET`);
    }
    logger?.event('warn', CONTEXT, 'development WeChat login in use: code X signs in as openid dev-X');
  }

  override async code2Session(code: string): Promise<WechatSession> {
    if (typeof code !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(code)) {
      throw new DomainError('AUTH.WECHAT_CODE_INVALID', 'The WeChat login code is invalid');
    }
    return { openid: `dev-${code}`, unionid: null, sessionKey: randomBytes(16).toString('base64') };
  }
}

/** The real adapter when WECHAT_APP_ID is set, else the development one (which itself refuses production). */
export function wechatAdapterProvider(): Omit<FactoryProvider<WechatAuthAdapter>, 'useFactory'> & { useFactory: (config: Config, logger: JsonLogger) => WechatAuthAdapter } {
  return {
    provide: WechatAuthAdapter,
    inject: [Config, JsonLogger],
    useFactory: (config: Config, logger: JsonLogger): WechatAuthAdapter => {
      const env = config.env;
      if (env.WECHAT_APP_ID) {
        if (!env.WECHAT_APP_SECRET) throw new Error('WECHAT_APP_SECRET is required with WECHAT_APP_ID');
        const adapter = new WechatApiAdapter(
          { apiBase: env.WECHAT_API_BASE, appId: env.WECHAT_APP_ID, appSecret: env.WECHAT_APP_SECRET, timeoutMs: env.WECHAT_TIMEOUT_MS, nodeEnv: env.NODE_ENV },
          logger,
        );
        logger.event('info', CONTEXT, 'WeChat login via code2Session', { apiBase: adapter.endpointOrigin });
        return adapter;
      }
      return new DevWechatAdapter(env.NODE_ENV, logger);
    },
  };
}
