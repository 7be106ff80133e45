import { createHash } from 'node:crypto';
import { yuanToFen } from '@clinic/rules';
import { DomainError } from '@clinic/platform';

/**
 * WeChat Pay's daily trade bill (交易账单, bill_type=ALL), as downloaded: a header of Chinese column names, one line
 * per transaction with every field behind a backtick, then a summary header and one summary line. Columns are
 * found by name, so a bill with more or fewer optional columns (older bills end at 费率) still reads.
 */
export interface TradeBillRow {
  /** The line of the file, from 1. */
  lineNo: number;
  /** 交易时间, Beijing time as WeChat writes it. */
  tradedAt: string;
  /** 微信订单号 (transaction_id). */
  transactionId: string;
  /** 商户订单号: our out_trade_no. */
  outTradeNo: string;
  /** 交易状态: SUCCESS (a payment), REFUND (a refund), REVOKED … */
  status: string;
  /** What the payment was for: 订单金额 where the bill has it (before coupons), else 应结订单金额. */
  orderFen: number;
  /** 微信退款单号 (refund_id). */
  refundId: string;
  /** 商户退款单号: our out_refund_no. */
  outRefundNo: string;
  /** What was refunded: 申请退款金额 where the bill has it, else 退款金额. */
  refundFen: number;
  feeFen: number;
}

export interface TradeBill {
  rows: TradeBillRow[];
  /** 总交易单数 and 手续费总金额 of the summary line. */
  count: number;
  feeFen: number;
}

const COLUMNS = {
  tradedAt: '交易时间',
  transactionId: '微信订单号',
  outTradeNo: '商户订单号',
  status: '交易状态',
  settlement: '应结订单金额',
  refundId: '微信退款单号',
  outRefundNo: '商户退款单号',
  refund: '退款金额',
  fee: '手续费',
  order: '订单金额',
  appliedRefund: '申请退款金额',
} as const;
const REQUIRED: (keyof typeof COLUMNS)[] = ['tradedAt', 'transactionId', 'outTradeNo', 'status', 'settlement', 'refundId', 'outRefundNo', 'refund'];
const SUMMARY_HEAD = '总交易单数';
const TIME = /^(\d{4}-\d{2}-\d{2}) \d{2}:\d{2}:\d{2}$/;
/** Ids WeChat writes as `0 when a row has none (a payment's refund number). */
const none = (s: string) => (s === '' || s === '0' ? '' : s);

export function badFile(lineNo: number, why: string): DomainError {
  return new DomainError('RECONCILIATION.BAD_FILE', `Line ${lineNo}: ${why}`, { line: lineNo, reason: why });
}

/** The text with what transport may change about it taken off: a BOM, CR line ends, blank lines at the end. */
export function normalise(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').replace(/\s+$/, '');
}

export function fileSha256(text: string): string {
  return createHash('sha256').update(normalise(text), 'utf8').digest('hex');
}

/** Every field of a data line: they all start with a backtick, so ",`" separates them even if one holds a comma. */
function fieldsOf(line: string, lineNo: number): string[] {
  if (!line.startsWith('`')) throw badFile(lineNo, 'a data line must start with a backtick (`)');
  return line.slice(1).split(',`').map((f) => f.trim());
}

/** Yuan as exact fen. Only fees carry a sign: a refund gives its fee back (手续费 -0.06). */
function amount(text: string, lineNo: number, column: string, optional = false, signed = false): number {
  if (text === '' && optional) return 0;
  const negative = signed && text.startsWith('-');
  const fen = yuanToFen(negative ? text.slice(1) : text);
  if (fen === null) throw badFile(lineNo, `${column} is not an amount in yuan: "${text.slice(0, 20)}"`);
  return negative ? -fen : fen;
}

/** Reads the bill for `date` (YYYY-MM-DD); any line out of shape is RECONCILIATION.BAD_FILE with its number. */
export function parseTradeBill(text: string, date: string): TradeBill {
  const lines = normalise(text)
    .split('\n')
    .map((line, i) => ({ line: line.trim(), lineNo: i + 1 }))
    .filter((l) => l.line !== '');
  if (!lines.length) throw badFile(1, 'the file is empty');

  const head = lines[0];
  const names = head.line.split(',').map((n) => n.trim().replace(/^`/, ''));
  const at = Object.fromEntries(Object.entries(COLUMNS).map(([key, name]) => [key, names.indexOf(name)])) as Record<keyof typeof COLUMNS, number>;
  const missing = REQUIRED.filter((k) => at[k] < 0).map((k) => COLUMNS[k]);
  if (missing.length) throw badFile(head.lineNo, `not a WeChat Pay trade bill: the header lacks ${missing.join(', ')}`);

  const rows: TradeBillRow[] = [];
  let i = 1;
  for (; i < lines.length && !lines[i].line.replace(/^`/, '').startsWith(SUMMARY_HEAD); i++) {
    const { line, lineNo } = lines[i];
    const f = fieldsOf(line, lineNo);
    if (f.length !== names.length) throw badFile(lineNo, `${f.length} fields where the header names ${names.length}`);
    const tradedAt = f[at.tradedAt];
    const day = TIME.exec(tradedAt);
    if (!day) throw badFile(lineNo, `交易时间 is not a time: "${tradedAt.slice(0, 20)}"`);
    const status = f[at.status];
    if (!/^[A-Z_]+$/.test(status)) throw badFile(lineNo, `交易状态 is not a status: "${status.slice(0, 20)}"`);
    const settlementFen = amount(f[at.settlement], lineNo, COLUMNS.settlement, status !== 'SUCCESS');
    const orderFen = at.order >= 0 && f[at.order] !== '' ? amount(f[at.order], lineNo, COLUMNS.order) : settlementFen;
    const refundedFen = amount(f[at.refund], lineNo, COLUMNS.refund, status !== 'REFUND');
    const appliedFen = at.appliedRefund >= 0 ? amount(f[at.appliedRefund], lineNo, COLUMNS.appliedRefund, true) : 0;
    const row: TradeBillRow = {
      lineNo,
      tradedAt,
      transactionId: none(f[at.transactionId]),
      outTradeNo: none(f[at.outTradeNo]),
      status,
      orderFen: orderFen || settlementFen,
      refundId: none(f[at.refundId]),
      outRefundNo: none(f[at.outRefundNo]),
      refundFen: appliedFen || refundedFen,
      feeFen: at.fee >= 0 ? amount(f[at.fee], lineNo, COLUMNS.fee, true, true) : 0,
    };
    if (status === 'SUCCESS') {
      if (!row.outTradeNo) throw badFile(lineNo, 'a payment without 商户订单号');
      // A payment's time is when it was paid, which is on the bill's day; another day means another day's file.
      if (day[1] !== date) throw badFile(lineNo, `交易时间 ${day[1]} is not on ${date}: is this the bill of another day?`);
    }
    if (status === 'REFUND' && !row.outRefundNo) throw badFile(lineNo, 'a refund without 商户退款单号');
    rows.push(row);
  }

  if (i >= lines.length) throw badFile(lines[lines.length - 1].lineNo + 1, `the summary (${SUMMARY_HEAD} …) is missing: the file may be cut short`);
  const summaryHead = lines[i];
  const summaryNames = summaryHead.line.split(',').map((n) => n.trim().replace(/^`/, ''));
  const summaryLine = lines[i + 1];
  if (!summaryLine) throw badFile(summaryHead.lineNo + 1, 'the summary line is missing');
  if (lines[i + 2]) throw badFile(lines[i + 2].lineNo, 'nothing may follow the summary line');
  const totals = fieldsOf(summaryLine.line, summaryLine.lineNo);
  if (totals.length !== summaryNames.length) throw badFile(summaryLine.lineNo, `${totals.length} fields where the summary header names ${summaryNames.length}`);
  const countText = totals[summaryNames.indexOf(SUMMARY_HEAD)];
  if (!/^\d+$/.test(countText)) throw badFile(summaryLine.lineNo, `${SUMMARY_HEAD} is not a number`);
  // The count catches a file cut short in its middle; amounts are compared row by row with ours instead.
  if (Number(countText) !== rows.length) throw badFile(summaryLine.lineNo, `${SUMMARY_HEAD} says ${countText} but the file holds ${rows.length} transactions`);
  const feeAt = summaryNames.indexOf('手续费总金额');
  return { rows, count: rows.length, feeFen: feeAt >= 0 ? amount(totals[feeAt], summaryLine.lineNo, '手续费总金额', true, true) : rows.reduce((s, r) => s + r.feeFen, 0) };
}
