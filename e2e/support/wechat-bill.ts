/**
 * Builds WeChat Pay's daily trade bill (交易账单, bill_type=ALL) as the merchant platform gives it: a header of
 * Chinese column names, one line per transaction with every field behind a backtick, then the summary header and
 * the summary line. Written from the published format, independently of billing's parser.
 */
export interface BillPaymentRow {
  /** When WeChat took the money. */
  paidAt: Date;
  transactionId: string;
  outTradeNo: string;
  amountFen: number;
  description?: string;
}

export interface BillRefundRow {
  /** The original payment's time: WeChat lists a refund under the day it was made, with the payment's time. */
  paidAt: Date;
  transactionId: string;
  outTradeNo: string;
  refundId: string;
  outRefundNo: string;
  amountFen: number;
}

export interface TradeBillOptions {
  payments?: BillPaymentRow[];
  refunds?: BillRefundRow[];
  bom?: boolean;
  lineEnd?: '\r\n' | '\n';
  trailingBlankLines?: number;
}

const HEADER = [
  '交易时间', '公众账号ID', '商户号', '特约商户号', '设备号', '微信订单号', '商户订单号', '用户标识', '交易类型', '交易状态', '付款银行', '货币种类',
  '应结订单金额', '代金券金额', '微信退款单号', '商户退款单号', '退款金额', '充值券退款金额', '退款类型', '退款状态', '商品名称', '商户数据包',
  '手续费', '费率', '订单金额', '申请退款金额', '费率备注',
];
const SUMMARY = ['总交易单数', '应结订单总金额', '退款总金额', '充值券退款总金额', '手续费总金额', '订单总金额', '申请退款总金额'];
const APP_ID = 'wx8888888888888888';
const MCH_ID = '1900000109';

/** Fen as WeChat's yuan with two decimals, from the integer alone. */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** 0.6% of the amount, rounded to the fen: WeChat's usual rate. */
const fee = (fen: number) => Math.round((fen * 6) / 1000);

/** Beijing time, as the bill writes it. */
export function beijing(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().replace('T', ' ').slice(0, 19);
}

const line = (fields: string[]) => fields.map((f) => `\`${f}`).join(',');

export function tradeBillCsv(opts: TradeBillOptions): string {
  const payments = opts.payments ?? [];
  const refunds = opts.refunds ?? [];
  const rows = [
    ...payments.map((p) =>
      line([beijing(p.paidAt), APP_ID, MCH_ID, '0', '', p.transactionId, p.outTradeNo, 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o', 'JSAPI', 'SUCCESS', 'OTHERS', 'CNY', yuan(p.amountFen), '0.00', '0', '0', '0.00', '0.00', '', '', p.description ?? '诊所收费', '', yuan(fee(p.amountFen)), '0.60%', yuan(p.amountFen), '0.00', '']),
    ),
    ...refunds.map((r) =>
      line([beijing(r.paidAt), APP_ID, MCH_ID, '0', '', r.transactionId, r.outTradeNo, 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o', 'JSAPI', 'REFUND', 'OTHERS', 'CNY', '0.00', '0.00', r.refundId, r.outRefundNo, yuan(r.amountFen), '0.00', 'ORIGINAL', 'SUCCESS', '诊所收费', '', yuan(-fee(r.amountFen)), '0.60%', '0.00', yuan(r.amountFen), '']),
    ),
  ];
  const paid = payments.reduce((s, p) => s + p.amountFen, 0);
  const refunded = refunds.reduce((s, r) => s + r.amountFen, 0);
  const fees = payments.reduce((s, p) => s + fee(p.amountFen), 0) - refunds.reduce((s, r) => s + fee(r.amountFen), 0);
  const summary = line([String(rows.length), yuan(paid), yuan(refunded), '0.00', yuan(fees), yuan(paid), yuan(refunded)]);
  const end = opts.lineEnd ?? '\r\n';
  return `${opts.bom ? '\uFEFF' : ''}${[HEADER.join(','), ...rows, SUMMARY.join(','), summary].join(end)}${end}${end.repeat(opts.trailingBlankLines ?? 0)}`;
}
