import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { authorization, decryptResource, encryptResource, parseAuthorization, replyMessage, requestMessage, requestPaymentParams, rsaSign, rsaVerify, verifySigned } from './wechatpay-protocol';

const merchant = generateKeyPairSync('rsa', { modulusLength: 2048 });
const platform = generateKeyPairSync('rsa', { modulusLength: 2048 });
const keys = new Map([['PUB_KEY_ID_1', platform.publicKey]]);
const apiV3Key = randomBytes(16).toString('hex');

const signed = (body: string, at = new Date(), serial = 'PUB_KEY_ID_1') => {
  const timestamp = String(Math.floor(at.getTime() / 1000));
  return { timestamp, nonce: 'n0nce', serial, signature: rsaSign(replyMessage(timestamp, 'n0nce', body), platform.privateKey) };
};

describe('WeChat Pay v3 protocol', () => {
  it('signs a request over method, path, timestamp, nonce and body in the Authorization schema', () => {
    const body = '{"a":1}';
    const header = authorization({ mchId: '1900000109', serialNo: 'ABC', privateKey: merchant.privateKey }, 'POST', '/v3/pay/transactions/jsapi', body);
    const f = parseAuthorization(header)!;
    expect(header.startsWith('WECHATPAY2-SHA256-RSA2048 ')).toBe(true);
    expect(f).toMatchObject({ mchid: '1900000109', serial_no: 'ABC' });
    expect(rsaVerify(requestMessage('POST', '/v3/pay/transactions/jsapi', f.timestamp, f.nonce_str, body), f.signature, merchant.publicKey)).toBe(true);
    expect(rsaVerify(requestMessage('POST', '/v3/pay/transactions/jsapi', f.timestamp, f.nonce_str, '{"a":2}'), f.signature, merchant.publicKey)).toBe(false);
  });

  it('verifies a signed reply, and names why one fails', () => {
    const body = '{"ok":true}';
    expect(verifySigned(signed(body), body, keys)).toBeNull();
    expect(verifySigned(signed(body), '{"ok":false}', keys)).toBe('BAD_SIGNATURE');
    expect(verifySigned(signed(body, new Date(), 'OTHER'), body, keys)).toBe('UNKNOWN_SERIAL');
    expect(verifySigned(signed(body, new Date(Date.now() - 301_000)), body, keys)).toBe('STALE');
    expect(verifySigned(signed(body, new Date(Date.now() + 301_000)), body, keys)).toBe('STALE');
    expect(verifySigned({ ...signed(body), signature: 'not base64 at all' }, body, keys)).toBe('BAD_SIGNATURE');
    expect(verifySigned({ timestamp: '1' }, body, keys)).toBe('MISSING_HEADERS');
  });

  it('opens an AEAD_AES_256_GCM resource, and refuses one altered or under another key', () => {
    const r = encryptResource('{"out_trade_no":"P1"}', apiV3Key, 'transaction', 'transaction');
    expect(decryptResource(r, apiV3Key)).toBe('{"out_trade_no":"P1"}');
    const flipped = Buffer.from(r.ciphertext, 'base64');
    flipped[0] ^= 1;
    expect(() => decryptResource({ ...r, ciphertext: flipped.toString('base64') }, apiV3Key)).toThrow();
    expect(() => decryptResource({ ...r, associated_data: 'refund' }, apiV3Key)).toThrow();
    expect(() => decryptResource(r, randomBytes(16).toString('hex'))).toThrow();
  });

  it('signs requestPayment over appId, timeStamp, nonceStr and package', () => {
    const p = requestPaymentParams('wx123', 'wx20261126prepay', merchant.privateKey);
    expect(p).toMatchObject({ package: 'prepay_id=wx20261126prepay', signType: 'RSA' });
    expect(rsaVerify(`wx123\n${p.timeStamp}\n${p.nonceStr}\n${p.package}\n`, p.paySign, merchant.publicKey)).toBe(true);
  });
});
