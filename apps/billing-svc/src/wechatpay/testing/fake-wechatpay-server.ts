import { generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeCertificates } from '@clinic/platform/src/testing/test-tls';
import { encryptResource, parseAuthorization, replyMessage, requestMessage, rsaSign, rsaVerify, type NotificationBody, type RefundState, type Transaction } from '../wechatpay-protocol';

/**
 * A local WeChat Pay (API v3) over real TLS, with keys made at start: it checks each request's Authorization
 * signature against the merchant's public key, signs every reply with its own platform key, and makes
 * notifications the way WeChat Pay does (signed headers, AEAD_AES_256_GCM resource). Tests hand the system the
 * merchant private key and the platform public key as files, as ops would.
 */
export type FakeWechatPayFailure = 'hang' | 'http-500' | 'timeout-after-processing';

export interface FakeOrder {
  appid: string;
  mchid: string;
  outTradeNo: string;
  amountFen: number;
  openid: string;
  notifyUrl: string;
  prepayId: string;
  state: Transaction['trade_state'];
  transactionId?: string;
  successTime?: string;
  refundedFen: number;
}

export interface FakeRefund {
  outRefundNo: string;
  outTradeNo: string;
  refundId: string;
  refundFen: number;
  status: 'PROCESSING' | 'SUCCESS';
  /** How many refund requests carried this out_refund_no (a retry repeats it; money moves once). */
  requests: number;
}

export interface Notification {
  headers: Record<string, string>;
  body: string;
}

export interface NotificationOptions {
  /** Seconds added to the timestamp (negative: in the past). */
  skewSeconds?: number;
  serial?: string;
  /** Changes the body after signing. */
  tamper?: boolean;
  /** Reports this amount instead of the order's. */
  amountFen?: number;
}

export interface FakeWechatPay {
  url: string;
  caFile: string;
  mchId: string;
  appId: string;
  apiV3Key: string;
  merchantSerial: string;
  platformSerial: string;
  /** Files for WECHATPAY_MCH_PRIVATE_KEY_FILE and WECHATPAY_PLATFORM_PUBLIC_KEY_FILE. */
  merchantKeyFile: string;
  platformPublicKeyFile: string;
  /** The settings a system needs to use this fake (plus NODE_EXTRA_CA_CERTS). */
  settings(notifyUrl: string): Record<string, string>;
  orders: Map<string, FakeOrder>;
  refunds: Map<string, FakeRefund>;
  /** Requests that came with a bad or missing Authorization signature. */
  unsigned: string[];
  /** Every request, as "METHOD path". */
  calls: string[];
  /** The payer pays: the order is SUCCESS, and its notification is returned (not sent). */
  pay(outTradeNo: string): Notification;
  /** A signed TRANSACTION.SUCCESS notification for a paid order, optionally spoilt. */
  paymentNotification(outTradeNo: string, options?: NotificationOptions): Notification;
  /** The refund went through: SUCCESS, and its REFUND.SUCCESS notification. */
  completeRefund(outRefundNo: string): Notification;
  /** The next request gets this failure. */
  failNext(kind: FakeWechatPayFailure): void;
  /** Posts a notification to a URL and answers the HTTP status. */
  deliver(url: string, n: Notification): Promise<number>;
  close(): Promise<void>;
}

/** The request fields this fake reads, from the JSAPI order and refund bodies. */
interface RequestBody {
  appid?: string;
  mchid?: string;
  out_trade_no?: string;
  out_refund_no?: string;
  notify_url?: string;
  amount?: { total?: number; refund?: number };
  payer?: { openid?: string };
}

const pem = (k: KeyObject, type: 'pkcs8' | 'spki') => k.export({ type, format: 'pem' }).toString();

export async function startFakeWechatPay(options: { appId?: string; mchId?: string } = {}): Promise<FakeWechatPay> {
  const dir = await mkdtemp(join(tmpdir(), 'fake-wechatpay-'));
  const { caFile, key, cert } = await makeCertificates(dir);
  const merchant = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const platform = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const mchId = options.mchId ?? '1900000109';
  const appId = options.appId ?? 'wxfakeappid000001';
  const apiV3Key = randomBytes(16).toString('hex'); // 32 characters
  const merchantSerial = randomBytes(20).toString('hex').toUpperCase();
  const platformSerial = `PUB_KEY_ID_${randomBytes(12).toString('hex').toUpperCase()}`;
  const merchantKeyFile = join(dir, 'apiclient_key.pem');
  const platformPublicKeyFile = join(dir, 'pub_key.pem');
  await writeFile(merchantKeyFile, pem(merchant.privateKey, 'pkcs8'));
  await writeFile(platformPublicKeyFile, pem(platform.publicKey, 'spki'));

  const orders = new Map<string, FakeOrder>();
  const refunds = new Map<string, FakeRefund>();
  const unsigned: string[] = [];
  const calls: string[] = [];
  const failures: FakeWechatPayFailure[] = [];

  const signedHeaders = (body: string, opts: { skewSeconds?: number; serial?: string } = {}) => {
    const timestamp = String(Math.floor(Date.now() / 1000) + (opts.skewSeconds ?? 0));
    const nonce = randomBytes(16).toString('hex');
    return {
      'wechatpay-timestamp': timestamp,
      'wechatpay-nonce': nonce,
      'wechatpay-signature': rsaSign(replyMessage(timestamp, nonce, body), platform.privateKey),
      'wechatpay-serial': opts.serial ?? platformSerial,
    };
  };
  const reply = (res: ServerResponse, status: number, json?: unknown) => {
    const body = json === undefined ? '' : JSON.stringify(json);
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), ...signedHeaders(body) });
    res.end(body);
  };
  const refuse = (res: ServerResponse, status: number, code: string, message: string) => reply(res, status, { code, message });

  const transactionOf = (o: FakeOrder, amountFen = o.amountFen): Transaction => ({
    appid: o.appid,
    mchid: o.mchid,
    out_trade_no: o.outTradeNo,
    transaction_id: o.transactionId,
    trade_state: o.state,
    success_time: o.successTime,
    amount: { total: amountFen, payer_total: amountFen, currency: 'CNY' },
    payer: { openid: o.openid },
  });
  const refundOf = (r: FakeRefund): RefundState & { mchid: string } => ({
    mchid: mchId,
    out_trade_no: r.outTradeNo,
    out_refund_no: r.outRefundNo,
    refund_id: r.refundId,
    status: r.status,
    refund_status: r.status,
    success_time: r.status === 'SUCCESS' ? new Date().toISOString() : undefined,
    amount: { total: orders.get(r.outTradeNo)?.amountFen ?? 0, refund: r.refundFen, currency: 'CNY' },
  });

  const notification = (eventType: string, plain: unknown, originalType: string, opts: NotificationOptions = {}): Notification => {
    const n: NotificationBody = {
      id: randomBytes(16).toString('hex'),
      create_time: new Date().toISOString(),
      event_type: eventType,
      resource_type: 'encrypt-resource',
      summary: eventType === 'TRANSACTION.SUCCESS' ? '支付成功' : '退款成功',
      resource: encryptResource(JSON.stringify(plain), apiV3Key, originalType === 'transaction' ? 'transaction' : 'refund', originalType),
    };
    const body = JSON.stringify(n);
    const headers = signedHeaders(body, opts);
    return { headers, body: opts.tamper ? body.replace(/"create_time":"[^"]*"/, `"create_time":"${new Date(0).toISOString()}"`) : body };
  };

  const readBody = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    });

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readBody(req);
    const path = req.url ?? '/';
    calls.push(`${req.method} ${path.split('?')[0]}`);
    const auth = parseAuthorization(req.headers.authorization);
    const valid =
      !!auth &&
      auth.mchid === mchId &&
      auth.serial_no === merchantSerial &&
      Math.abs(Date.now() / 1000 - Number(auth.timestamp)) < 300 &&
      rsaVerify(requestMessage(req.method ?? '', path, auth.timestamp, auth.nonce_str, body), auth.signature, merchant.publicKey);
    if (!valid) {
      unsigned.push(`${req.method} ${path}`);
      return refuse(res, 401, 'SIGN_ERROR', '签名错误');
    }
    const failure = failures.shift();
    if (failure === 'hang') return; // held open until the client gives up
    if (failure === 'http-500') return refuse(res, 500, 'SYSTEM_ERROR', '系统错误');
    const url = new URL(path, 'https://fake');
    let json: RequestBody = {};
    try {
      json = body ? JSON.parse(body) : {};
    } catch {
      return refuse(res, 400, 'PARAM_ERROR', 'body is not JSON');
    }

    if (req.method === 'POST' && url.pathname === '/v3/pay/transactions/jsapi') {
      if (json.mchid !== mchId || json.appid !== appId) return refuse(res, 400, 'PARAM_ERROR', 'mchid or appid mismatch');
      const total = json.amount?.total;
      const openid = json.payer?.openid;
      if (!Number.isInteger(total) || !total || total <= 0 || !openid || !json.notify_url || !json.out_trade_no) return refuse(res, 400, 'PARAM_ERROR', 'missing parameters');
      const existing = orders.get(json.out_trade_no);
      if (existing) {
        if (existing.amountFen !== total) return refuse(res, 400, 'INVALID_REQUEST', '订单号重复');
        return reply(res, 200, { prepay_id: existing.prepayId });
      }
      const o: FakeOrder = { appid: appId, mchid: mchId, outTradeNo: json.out_trade_no, amountFen: total, openid, notifyUrl: json.notify_url, prepayId: `wx${randomBytes(14).toString('hex')}`, state: 'NOTPAY', refundedFen: 0 };
      orders.set(o.outTradeNo, o);
      return reply(res, 200, { prepay_id: o.prepayId });
    }
    const trade = /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)(\/close)?$/.exec(url.pathname);
    if (trade) {
      const o = orders.get(decodeURIComponent(trade[1]));
      if (!o) return refuse(res, 404, 'ORDER_NOT_EXIST', '订单不存在');
      if (trade[2]) {
        if (o.state === 'SUCCESS') return refuse(res, 400, 'ORDERPAID', '订单已支付');
        o.state = 'CLOSED';
        return reply(res, 204);
      }
      return reply(res, 200, transactionOf(o));
    }
    if (req.method === 'POST' && url.pathname === '/v3/refund/domestic/refunds') {
      const o = orders.get(json.out_trade_no ?? '');
      if (!o || o.state !== 'SUCCESS' || !json.out_refund_no) return refuse(res, 404, 'RESOURCE_NOT_EXISTS', '订单不存在或未支付');
      let r = refunds.get(json.out_refund_no);
      if (!r) {
        const fen = json.amount?.refund;
        if (!fen || !Number.isInteger(fen) || fen <= 0 || json.amount?.total !== o.amountFen) return refuse(res, 400, 'PARAM_ERROR', '退款金额错误');
        if (o.refundedFen + fen > o.amountFen) return refuse(res, 403, 'NOT_ENOUGH', '可退金额不足');
        r = { outRefundNo: json.out_refund_no, outTradeNo: o.outTradeNo, refundId: `50${randomBytes(14).toString('hex')}`, refundFen: fen, status: 'PROCESSING', requests: 0 };
        refunds.set(r.outRefundNo, r);
        o.refundedFen += fen;
      }
      r.requests++;
      if (failure === 'timeout-after-processing') return; // the refund is made; the answer never comes
      return reply(res, 200, refundOf(r));
    }
    const refundQuery = /^\/v3\/refund\/domestic\/refunds\/([^/]+)$/.exec(url.pathname);
    if (req.method === 'GET' && refundQuery) {
      const r = refunds.get(decodeURIComponent(refundQuery[1]));
      return r ? reply(res, 200, refundOf(r)) : refuse(res, 404, 'RESOURCE_NOT_EXISTS', '退款单不存在');
    }
    return refuse(res, 404, 'NOT_FOUND', 'no such API');
  };

  const server = createServer({ key, cert }, (req, res) => void handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `https://127.0.0.1:${port}`;

  const paid = (outTradeNo: string) => {
    const o = orders.get(outTradeNo);
    if (!o) throw new Error(`fake WeChat Pay has no order ${outTradeNo}`);
    return o;
  };

  return {
    url,
    caFile,
    mchId,
    appId,
    apiV3Key,
    merchantSerial,
    platformSerial,
    merchantKeyFile,
    platformPublicKeyFile,
    orders,
    refunds,
    unsigned,
    calls,
    settings: (notifyUrl) => ({
      WECHAT_APP_ID: appId,
      WECHATPAY_MCH_ID: mchId,
      WECHATPAY_API_V3_KEY: apiV3Key,
      WECHATPAY_MCH_PRIVATE_KEY_FILE: merchantKeyFile,
      WECHATPAY_MCH_CERT_SERIAL: merchantSerial,
      WECHATPAY_PLATFORM_PUBLIC_KEY_FILE: platformPublicKeyFile,
      WECHATPAY_PLATFORM_SERIAL: platformSerial,
      WECHATPAY_API_BASE: url,
      WECHATPAY_NOTIFY_URL: notifyUrl,
    }),
    pay(outTradeNo) {
      const o = paid(outTradeNo);
      if (o.state !== 'SUCCESS') Object.assign(o, { state: 'SUCCESS', transactionId: `42000${randomBytes(11).toString('hex')}`, successTime: new Date().toISOString() });
      return notification('TRANSACTION.SUCCESS', transactionOf(o), 'transaction');
    },
    paymentNotification(outTradeNo, opts = {}) {
      const o = paid(outTradeNo);
      return notification('TRANSACTION.SUCCESS', transactionOf(o, opts.amountFen), 'transaction', opts);
    },
    completeRefund(outRefundNo) {
      const r = refunds.get(outRefundNo);
      if (!r) throw new Error(`fake WeChat Pay has no refund ${outRefundNo}`);
      r.status = 'SUCCESS';
      return notification('REFUND.SUCCESS', refundOf(r), 'refund');
    },
    failNext(kind) {
      failures.push(kind);
    },
    deliver(target, n) {
      return new Promise<number>((resolve, reject) => {
        const req = httpRequest(target, { method: 'POST', headers: { 'content-type': 'application/json', ...n.headers, 'content-length': Buffer.byteLength(n.body) } }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        });
        req.on('error', reject);
        req.end(n.body);
      });
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
