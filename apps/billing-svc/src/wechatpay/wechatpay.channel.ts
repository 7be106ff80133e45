import { createPrivateKey, createPublicKey, randomBytes, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Config, JsonLogger, WechatHttp } from '@clinic/platform';
import {
  authorization,
  decryptResource,
  requestPaymentParams,
  signedHeadersOf,
  verifySigned,
  type NotificationBody,
  type RefundState,
  type RequestPaymentParams,
  type Transaction,
  type VerifyFailure,
} from './wechatpay-protocol';

export interface PrepayOrder {
  outTradeNo: string;
  description: string;
  amountFen: number;
  openid: string;
  expiresAt: Date;
}

export interface RefundOrder {
  outTradeNo: string;
  outRefundNo: string;
  refundFen: number;
  totalFen: number;
  reason: string;
}

/** What a notification turned out to be, once verified and opened. */
export type OpenedNotification =
  | { ok: true; eventType: string; transaction?: Transaction; refund?: RefundState }
  | { ok: false; reason: VerifyFailure | 'MALFORMED' | 'UNDECRYPTABLE' | 'NOT_OURS' };

/** WeChat Pay refused a request (an answer, not a lost one): its code and message. */
export class WechatPayRefusal extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(`WeChat Pay ${code}: ${message}`);
  }
}

/**
 * WeChat Pay as billing uses it. Two implementations: the v3 HTTP adapter, and the development one (chosen only
 * when no merchant is configured, which config refuses in production) that completes payments offline.
 */
export abstract class WechatPayChannel {
  abstract readonly development: boolean;
  abstract prepay(order: PrepayOrder): Promise<{ prepayId: string }>;
  /** The parameters wx.requestPayment takes for a prepay id (none in development: there is no WeChat). */
  abstract signRequestPayment(prepayId: string): RequestPaymentParams | null;
  abstract query(outTradeNo: string): Promise<Transaction>;
  /** Closes an unpaid order; answers PAID when it was paid after all (WeChat's ORDERPAID). */
  abstract close(outTradeNo: string): Promise<'CLOSED' | 'PAID'>;
  abstract refund(order: RefundOrder): Promise<RefundState>;
  abstract queryRefund(outRefundNo: string): Promise<RefundState>;
  abstract open(headers: Record<string, string | undefined>, body: string): OpenedNotification;
  /** Development only: a pending order is paid. */
  devPay?(outTradeNo: string, amountFen: number): Transaction;
}

const readKey = (file: string, what: string) => {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`cannot read ${what} at ${file}: ${(err as Error).message}`);
  }
};

/** The v3 protocol over HTTPS: requests signed with the merchant key, replies verified with the platform key. */
export class HttpWechatPay extends WechatPayChannel {
  readonly development = false;
  private readonly http: WechatHttp;
  private readonly merchantKey: KeyObject;
  private readonly platformKeys: Map<string, KeyObject>;
  private readonly env: Config['env'];

  constructor(config: Config, ca?: string) {
    super();
    this.env = config.env;
    this.http = new WechatHttp({ apiBase: this.env.WECHATPAY_API_BASE, timeoutMs: this.env.WECHAT_TIMEOUT_MS, ca, nodeEnv: this.env.NODE_ENV });
    this.merchantKey = createPrivateKey(readKey(this.env.WECHATPAY_MCH_PRIVATE_KEY_FILE!, 'the merchant private key'));
    this.platformKeys = new Map([[this.env.WECHATPAY_PLATFORM_SERIAL!, createPublicKey(readKey(this.env.WECHATPAY_PLATFORM_PUBLIC_KEY_FILE!, 'the WeChat Pay public key'))]]);
  }

  async prepay(o: PrepayOrder) {
    const reply = await this.send<{ prepay_id: string }>('POST', '/v3/pay/transactions/jsapi', {
      appid: this.env.WECHAT_APP_ID,
      mchid: this.env.WECHATPAY_MCH_ID,
      description: o.description.slice(0, 127),
      out_trade_no: o.outTradeNo,
      time_expire: rfc3339(o.expiresAt),
      notify_url: this.env.WECHATPAY_NOTIFY_URL,
      amount: { total: o.amountFen, currency: 'CNY' },
      payer: { openid: o.openid },
    });
    return { prepayId: reply.prepay_id };
  }

  signRequestPayment(prepayId: string): RequestPaymentParams {
    return requestPaymentParams(this.env.WECHAT_APP_ID!, prepayId, this.merchantKey);
  }

  query(outTradeNo: string) {
    return this.send<Transaction>('GET', `/v3/pay/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}?mchid=${encodeURIComponent(this.env.WECHATPAY_MCH_ID!)}`);
  }

  async close(outTradeNo: string): Promise<'CLOSED' | 'PAID'> {
    try {
      await this.send('POST', `/v3/pay/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}/close`, { mchid: this.env.WECHATPAY_MCH_ID });
      return 'CLOSED';
    } catch (err) {
      if (err instanceof WechatPayRefusal && err.code === 'ORDERPAID') return 'PAID';
      throw err;
    }
  }

  refund(r: RefundOrder) {
    return this.send<RefundState>('POST', '/v3/refund/domestic/refunds', {
      out_trade_no: r.outTradeNo,
      out_refund_no: r.outRefundNo,
      reason: r.reason.slice(0, 80),
      notify_url: this.env.WECHATPAY_NOTIFY_URL,
      amount: { refund: r.refundFen, total: r.totalFen, currency: 'CNY' },
    });
  }

  queryRefund(outRefundNo: string) {
    return this.send<RefundState>('GET', `/v3/refund/domestic/refunds/${encodeURIComponent(outRefundNo)}`);
  }

  open(headers: Record<string, string | undefined>, body: string): OpenedNotification {
    const failure = verifySigned(signedHeadersOf(headers), body, this.platformKeys);
    if (failure) return { ok: false, reason: failure };
    let n: NotificationBody;
    try {
      n = JSON.parse(body) as NotificationBody;
      if (typeof n?.event_type !== 'string' || typeof n.resource?.ciphertext !== 'string' || typeof n.resource.nonce !== 'string') return { ok: false, reason: 'MALFORMED' };
    } catch {
      return { ok: false, reason: 'MALFORMED' };
    }
    let plain: unknown;
    try {
      plain = JSON.parse(decryptResource(n.resource, this.env.WECHATPAY_API_V3_KEY!));
    } catch {
      return { ok: false, reason: 'UNDECRYPTABLE' };
    }
    if (n.event_type.startsWith('REFUND.')) {
      const refund = plain as RefundState & { mchid?: string };
      return refund.mchid === this.env.WECHATPAY_MCH_ID ? { ok: true, eventType: n.event_type, refund } : { ok: false, reason: 'NOT_OURS' };
    }
    const t = plain as Transaction;
    if (t.mchid !== this.env.WECHATPAY_MCH_ID || t.appid !== this.env.WECHAT_APP_ID) return { ok: false, reason: 'NOT_OURS' };
    return { ok: true, eventType: n.event_type, transaction: t };
  }

  /** One signed request; the reply must carry WeChat Pay's valid signature before anything in it is believed. */
  private async send<T>(method: 'GET' | 'POST', pathWithQuery: string, json?: unknown): Promise<T> {
    const body = json === undefined ? '' : JSON.stringify(json);
    const url = this.http.url('');
    const target = new URL(`${url.pathname.replace(/\/+$/, '')}${pathWithQuery}`, url);
    const reply = await this.http.request(target, {
      method,
      body: json === undefined ? undefined : body,
      headers: { authorization: authorization({ mchId: this.env.WECHATPAY_MCH_ID!, serialNo: this.env.WECHATPAY_MCH_CERT_SERIAL!, privateKey: this.merchantKey }, method, `${target.pathname}${target.search}`, body) },
    });
    const failure = verifySigned(signedHeadersOf(reply.headers), reply.body, this.platformKeys);
    if (failure) throw new Error(`WeChat Pay reply to ${method} ${target.pathname} failed verification: ${failure}`);
    if (reply.status >= 200 && reply.status < 300) return (reply.body ? JSON.parse(reply.body) : {}) as T;
    let code = `HTTP_${reply.status}`;
    let message = '';
    try {
      ({ code, message } = JSON.parse(reply.body) as { code: string; message: string });
    } catch {
      // not JSON: keep the status
    }
    throw new WechatPayRefusal(code, message, reply.status);
  }
}

/**
 * Development only: orders live in memory and are paid by the dev-complete call; refunds succeed at once.
 * Config refuses to start billing in production without a merchant, so this is never chosen there.
 */
export class DevWechatPay extends WechatPayChannel {
  readonly development = true;
  private readonly orders = new Map<string, Transaction>();

  constructor(private readonly logger: JsonLogger) {
    super();
  }

  async prepay(o: PrepayOrder) {
    this.orders.set(o.outTradeNo, { appid: 'dev', mchid: 'dev', out_trade_no: o.outTradeNo, trade_state: 'NOTPAY', amount: { total: o.amountFen, currency: 'CNY' } });
    this.logger.event('warn', 'WechatPay', 'development payment adapter: no money moves', { outTradeNo: o.outTradeNo });
    return { prepayId: `dev-${o.outTradeNo}` };
  }

  signRequestPayment(): null {
    return null;
  }

  override devPay(outTradeNo: string, amountFen: number): Transaction {
    const t: Transaction = { appid: 'dev', mchid: 'dev', out_trade_no: outTradeNo, transaction_id: `DEV${randomBytes(12).toString('hex')}`, trade_state: 'SUCCESS', success_time: new Date().toISOString(), amount: { total: amountFen, currency: 'CNY' } };
    this.orders.set(outTradeNo, t);
    return t;
  }

  async query(outTradeNo: string): Promise<Transaction> {
    return this.orders.get(outTradeNo) ?? { appid: 'dev', mchid: 'dev', out_trade_no: outTradeNo, trade_state: 'CLOSED' };
  }

  async close(outTradeNo: string): Promise<'CLOSED' | 'PAID'> {
    const t = this.orders.get(outTradeNo);
    if (t?.trade_state === 'SUCCESS') return 'PAID';
    if (t) t.trade_state = 'CLOSED';
    return 'CLOSED';
  }

  async refund(r: RefundOrder): Promise<RefundState> {
    return { out_trade_no: r.outTradeNo, out_refund_no: r.outRefundNo, refund_id: `DEVR${randomBytes(10).toString('hex')}`, status: 'SUCCESS', amount: { total: r.totalFen, refund: r.refundFen } };
  }

  async queryRefund(outRefundNo: string): Promise<RefundState> {
    return { out_trade_no: '', out_refund_no: outRefundNo, refund_id: `DEVR-${outRefundNo}`, status: 'SUCCESS', amount: { total: 0, refund: 0 } };
  }

  open(): OpenedNotification {
    return { ok: false, reason: 'UNKNOWN_SERIAL' }; // nothing real can reach a development system
  }
}

/** YYYY-MM-DDTHH:mm:ss+08:00, the form WeChat Pay takes for time_expire (Beijing time). */
export function rfc3339(at: Date): string {
  const beijing = new Date(at.getTime() + 8 * 3600_000);
  return `${beijing.toISOString().slice(0, 19)}+08:00`;
}

export function wechatPayChannel(config: Config, logger: JsonLogger): WechatPayChannel {
  return config.env.WECHATPAY_MCH_ID ? new HttpWechatPay(config) : new DevWechatPay(logger);
}
