import { createCipheriv, createDecipheriv, createSign, createVerify, randomBytes, type KeyObject } from 'node:crypto';

/**
 * WeChat Pay API v3, the parts both sides of the wire need: request signatures (merchant key), reply and
 * notification signatures (WeChat Pay's platform key), the AEAD_AES_256_GCM resource, and the parameters the
 * mini-program's requestPayment takes. Pure functions; the adapter and the test fake both use them.
 */

export const AUTH_SCHEMA = 'WECHATPAY2-SHA256-RSA2048';
/** WeChat Pay asks merchants to refuse notifications and replies whose timestamp is more than 5 minutes off. */
export const MAX_CLOCK_SKEW_SECONDS = 300;

export function nonce(): string {
  return randomBytes(16).toString('hex');
}

export function rsaSign(message: string, privateKey: KeyObject | string): string {
  return createSign('RSA-SHA256').update(message).sign(privateKey, 'base64');
}

export function rsaVerify(message: string, signature: string, publicKey: KeyObject | string): boolean {
  try {
    return createVerify('RSA-SHA256').update(message).verify(publicKey, signature, 'base64');
  } catch {
    return false; // a malformed signature is simply not a valid one
  }
}

/** The string a merchant signs for a request: method, path with query, timestamp, nonce and body, one per line. */
export function requestMessage(method: string, pathWithQuery: string, timestamp: string, nonceStr: string, body: string): string {
  return `${method}\n${pathWithQuery}\n${timestamp}\n${nonceStr}\n${body}\n`;
}

/** The string WeChat Pay signs for a reply or a notification. */
export function replyMessage(timestamp: string, nonceStr: string, body: string): string {
  return `${timestamp}\n${nonceStr}\n${body}\n`;
}

export interface MerchantKey {
  mchId: string;
  serialNo: string;
  privateKey: KeyObject | string;
}

export function authorization(key: MerchantKey, method: string, pathWithQuery: string, body: string, at = new Date()): string {
  const timestamp = String(Math.floor(at.getTime() / 1000));
  const n = nonce();
  const signature = rsaSign(requestMessage(method, pathWithQuery, timestamp, n, body), key.privateKey);
  return `${AUTH_SCHEMA} mchid="${key.mchId}",nonce_str="${n}",signature="${signature}",timestamp="${timestamp}",serial_no="${key.serialNo}"`;
}

/** The fields of an Authorization header, or null when it is not WeChat Pay's schema. */
export function parseAuthorization(header: string | undefined): Record<string, string> | null {
  if (!header?.startsWith(`${AUTH_SCHEMA} `)) return null;
  const fields: Record<string, string> = {};
  for (const m of header.slice(AUTH_SCHEMA.length + 1).matchAll(/(\w+)="([^"]*)"/g)) fields[m[1]] = m[2];
  return fields;
}

/** The signature headers of a reply or notification, as WeChat Pay sends them. */
export interface SignedHeaders {
  timestamp?: string;
  nonce?: string;
  signature?: string;
  serial?: string;
}

export function signedHeadersOf(headers: Record<string, string | string[] | undefined>): SignedHeaders {
  const one = (name: string) => {
    const v = headers[name] ?? headers[name.toLowerCase()];
    return Array.isArray(v) ? v[0] : v;
  };
  return { timestamp: one('wechatpay-timestamp'), nonce: one('wechatpay-nonce'), signature: one('wechatpay-signature'), serial: one('wechatpay-serial') };
}

export type VerifyFailure = 'MISSING_HEADERS' | 'UNKNOWN_SERIAL' | 'STALE' | 'BAD_SIGNATURE';

/**
 * Checks a reply or notification: the serial names a platform key we hold, the timestamp is within five minutes
 * of now, and the signature covers timestamp, nonce and the exact body.
 */
export function verifySigned(h: SignedHeaders, body: string, platformKeys: ReadonlyMap<string, KeyObject | string>, now = new Date()): VerifyFailure | null {
  if (!h.timestamp || !h.nonce || !h.signature || !h.serial) return 'MISSING_HEADERS';
  const key = platformKeys.get(h.serial);
  if (!key) return 'UNKNOWN_SERIAL';
  const ts = Number(h.timestamp);
  if (!/^\d{1,12}$/.test(h.timestamp) || Math.abs(now.getTime() / 1000 - ts) > MAX_CLOCK_SKEW_SECONDS) return 'STALE';
  return rsaVerify(replyMessage(h.timestamp, h.nonce, body), h.signature, key) ? null : 'BAD_SIGNATURE';
}

export interface EncryptedResource {
  algorithm: string;
  ciphertext: string;
  associated_data?: string;
  original_type?: string;
  nonce: string;
}

/** Opens a notification's resource; the API v3 key is the AES-256 key, and the last 16 bytes are the GCM tag. */
export function decryptResource(r: EncryptedResource, apiV3Key: string): string {
  if (r.algorithm !== 'AEAD_AES_256_GCM') throw new Error(`unsupported resource algorithm ${r.algorithm}`);
  const data = Buffer.from(r.ciphertext, 'base64');
  if (data.length < 17) throw new Error('resource ciphertext too short');
  const decipher = createDecipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(r.nonce, 'utf8'));
  decipher.setAuthTag(data.subarray(data.length - 16));
  decipher.setAAD(Buffer.from(r.associated_data ?? '', 'utf8'));
  return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString('utf8');
}

/** What WeChat Pay does to make a resource; the test fake uses it. */
export function encryptResource(plaintext: string, apiV3Key: string, associatedData: string, originalType: string): EncryptedResource {
  const n = randomBytes(6).toString('hex'); // 12 characters, as WeChat Pay's nonces are
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(n, 'utf8'));
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return { algorithm: 'AEAD_AES_256_GCM', ciphertext: data.toString('base64'), associated_data: associatedData, original_type: originalType, nonce: n };
}

/** The parameters wx.requestPayment takes, signed with the merchant key over appId, timeStamp, nonceStr and package. */
export interface RequestPaymentParams {
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: 'RSA';
  paySign: string;
}

export function requestPaymentParams(appId: string, prepayId: string, privateKey: KeyObject | string, at = new Date()): RequestPaymentParams {
  const timeStamp = String(Math.floor(at.getTime() / 1000));
  const nonceStr = nonce();
  const pkg = `prepay_id=${prepayId}`;
  return { timeStamp, nonceStr, package: pkg, signType: 'RSA', paySign: rsaSign(`${appId}\n${timeStamp}\n${nonceStr}\n${pkg}\n`, privateKey) };
}

/** A notification's body (the transaction or refund inside is encrypted). */
export interface NotificationBody {
  id: string;
  create_time: string;
  event_type: string;
  resource_type: string;
  summary?: string;
  resource: EncryptedResource;
}

/** The decrypted transaction of a TRANSACTION.SUCCESS notification or a query reply. */
export interface Transaction {
  appid: string;
  mchid: string;
  out_trade_no: string;
  transaction_id?: string;
  trade_state: 'SUCCESS' | 'REFUND' | 'NOTPAY' | 'CLOSED' | 'REVOKED' | 'USERPAYING' | 'PAYERROR';
  success_time?: string;
  amount?: { total: number; payer_total?: number; currency: string };
  payer?: { openid: string };
}

/** The decrypted refund of a REFUND.* notification, or a refund query's reply. */
export interface RefundState {
  out_trade_no: string;
  out_refund_no: string;
  refund_id: string;
  status?: 'SUCCESS' | 'CLOSED' | 'PROCESSING' | 'ABNORMAL';
  refund_status?: 'SUCCESS' | 'CLOSED' | 'PROCESSING' | 'ABNORMAL';
  success_time?: string;
  amount: { total: number; refund: number; currency?: string };
}

/** Our order numbers: at most 32 of [0-9A-Za-z_-*], unique per merchant. */
export function outTradeNo(prefix: 'P' | 'R', at = new Date()): string {
  const day = at.toISOString().slice(0, 10).replace(/-/g, '');
  return `${prefix}${day}${randomBytes(10).toString('hex')}`;
}
