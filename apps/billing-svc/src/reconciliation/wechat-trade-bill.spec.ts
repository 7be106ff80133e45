import { DomainError } from '@clinic/platform';
import { reconcile, type OurTxn } from './reconcile';
import { fileSha256, parseTradeBill } from './wechat-trade-bill';

const HEADER =
  '交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注';
// As WeChat writes them: ids of none as `0, amounts as `0 or `0.0, a refund's fee negative, an empty last field.
const PAY = '`2026-12-01 09:15:02,`wx2421b1c4370ec43b,`10000100,`0,`,`4200000001202612010000000001,`T0001,`oUpF8uMuAJO_M2pxb1Q9zNjWeS6o,`JSAPI,`SUCCESS,`OTHERS,`CNY,`37.00,`0.00,`0,`0,`0.00,`0.00,`,`,`挂号费,化验费,`,`0.22,`0.60%,`37.00,`0.00,`';
const PAY_OLD_STYLE = '`2026-12-01 10:00:00,`wx2421b1c4370ec43b,`10000100,`0,`,`4200000001202612010000000002,`T0002,`o2,`JSAPI,`SUCCESS,`OTHERS,`CNY,`0.1,`0.0,`0,`0,`0,`0,`,`,`药品,`,`0,`0.60%,`0.1,`0.0,`';
const REFUND = '`2026-11-30 23:00:00,`wx2421b1c4370ec43b,`10000100,`0,`,`4200000001202611300000000009,`T0009,`o3,`JSAPI,`REFUND,`OTHERS,`CNY,`0.00,`0.00,`50000000012026120100000001,`R0009,`50.00,`0.00,`ORIGINAL,`SUCCESS,`药品,`,`-0.30,`0.60%,`0.00,`50.00,`';
const SUMMARY_HEAD = '总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额';
const summary = (n: number) => `\`${n},\`37.10,\`50.00,\`0.00,\`-0.08,\`37.10,\`50.00`;

const bill = (...lines: string[]) => lines.join('\r\n');
const lineOf = (fn: () => unknown): number | undefined => {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe('RECONCILIATION.BAD_FILE');
    return ((err as DomainError).details as { line: number }).line;
  }
  return undefined;
};

describe('WeChat Pay trade bill', () => {
  it('reads payments and refunds exactly, whatever the BOM, line ends and trailing blank lines', () => {
    const text = `\uFEFF${bill(HEADER, PAY, PAY_OLD_STYLE, REFUND, SUMMARY_HEAD, summary(3))}\r\n\r\n\r\n`;
    const parsed = parseTradeBill(text, '2026-12-01');
    expect(parsed.rows.map((r) => [r.lineNo, r.status, r.outTradeNo, r.transactionId, r.orderFen, r.outRefundNo, r.refundId, r.refundFen, r.feeFen])).toEqual([
      [2, 'SUCCESS', 'T0001', '4200000001202612010000000001', 3700, '', '', 0, 22],
      [3, 'SUCCESS', 'T0002', '4200000001202612010000000002', 10, '', '', 0, 0],
      [4, 'REFUND', 'T0009', '4200000001202611300000000009', 0, 'R0009', '50000000012026120100000001', 5000, -30],
    ]);
    expect(parsed.feeFen).toBe(-8);
    // The same file with other line ends is the same file.
    expect(fileSha256(text)).toBe(fileSha256(bill(HEADER, PAY, PAY_OLD_STYLE, REFUND, SUMMARY_HEAD, summary(3)).replace(/\r\n/g, '\n')));
  });

  it('names the line of anything out of shape', () => {
    expect(lineOf(() => parseTradeBill('', '2026-12-01'))).toBe(1);
    expect(lineOf(() => parseTradeBill('name,amount\nx,1', '2026-12-01'))).toBe(1);
    expect(lineOf(() => parseTradeBill(bill(HEADER, PAY, PAY.replace(/`/g, ''), SUMMARY_HEAD, summary(2)), '2026-12-01'))).toBe(3);
    expect(lineOf(() => parseTradeBill(bill(HEADER, PAY.replace('`37.00,`0.00', '`37.0.0,`0.00'), SUMMARY_HEAD, summary(1)), '2026-12-01'))).toBe(2);
    expect(lineOf(() => parseTradeBill(bill(HEADER, PAY.replace(',`JSAPI', ''), SUMMARY_HEAD, summary(1)), '2026-12-01'))).toBe(2);
    expect(lineOf(() => parseTradeBill(bill(HEADER, PAY, PAY_OLD_STYLE), '2026-12-01'))).toBe(4); // cut short: no summary
    expect(lineOf(() => parseTradeBill(bill(HEADER, PAY, PAY_OLD_STYLE, SUMMARY_HEAD, summary(3)), '2026-12-01'))).toBe(5); // count disagrees
    expect(lineOf(() => parseTradeBill(bill(HEADER, PAY, SUMMARY_HEAD, summary(1), 'more'), '2026-12-01'))).toBe(5);
    expect(lineOf(() => parseTradeBill(bill(HEADER, PAY, SUMMARY_HEAD, summary(1)), '2026-12-02'))).toBe(2); // another day's bill
  });

  it('pairs rows with ours by our numbers and reports each difference once', () => {
    const { rows } = parseTradeBill(bill(HEADER, PAY, PAY_OLD_STYLE, REFUND, SUMMARY_HEAD, summary(3)), '2026-12-01');
    const ours = (outNo: string, amountFen: number, wechatId: string | null): OurTxn => ({ outNo, wechatId, amountFen, paymentId: `p-${outNo}`, refundLegId: null, billId: 'b' });
    const { matched, differences } = reconcile(rows, [ours('T0001', 3700, '4200000001202612010000000001'), ours('T0002', 11, 'other'), ours('T0003', 500, null)], [ours('R0009', 5000, null)]);
    expect(matched).toBe(2);
    expect(differences.map((d) => [d.result, d.type, d.outNo, d.wechatAmountFen, d.systemAmountFen])).toEqual([
      ['AMOUNT_MISMATCH', 'PAYMENT', 'T0002', 10, 11],
      ['TXN_ID_MISMATCH', 'PAYMENT', 'T0002', 10, 11],
      ['MISSING_IN_WECHAT', 'PAYMENT', 'T0003', null, 500],
    ]);
    expect(lineOf(() => reconcile([...rows, { ...rows[0], lineNo: 9 }], [], []))).toBe(9);
  });
});
