import type { ReconciliationResult } from '@clinic/contracts';
import { badFile, type TradeBillRow } from './wechat-trade-bill';

/** A succeeded WeChat payment or refund leg of ours, on the bill's day. */
export interface OurTxn {
  /** out_trade_no / out_refund_no. */
  outNo: string;
  /** The transaction_id / refund_id the channel gave us, if it did. */
  wechatId: string | null;
  amountFen: number;
  paymentId: string;
  refundLegId: string | null;
  billId: string | null;
}

export interface Difference {
  result: ReconciliationResult;
  type: 'PAYMENT' | 'REFUND';
  outNo: string;
  wechatId: string | null;
  systemWechatId: string | null;
  wechatAmountFen: number | null;
  systemAmountFen: number | null;
  paymentId: string | null;
  refundLegId: string | null;
  billId: string | null;
  lineNo: number | null;
  tradedAt: string | null;
}

export interface Comparison {
  matched: number;
  differences: Difference[];
}

interface Theirs {
  outNo: string;
  wechatId: string;
  amountFen: number;
  row: TradeBillRow;
}

/**
 * Pairs the bill's rows of one type with ours by our number. A pair agrees when the amounts are equal and the
 * WeChat id we recorded (if any) is the bill's; each way it does not is one difference.
 */
function compare(type: Difference['type'], theirs: Theirs[], ours: OurTxn[]): Comparison {
  const seen = new Map<string, Theirs>();
  for (const t of theirs) {
    const twin = seen.get(t.outNo);
    if (twin) throw badFile(t.row.lineNo, `商户${type === 'PAYMENT' ? '订单号' : '退款单号'} ${t.outNo} also on line ${twin.row.lineNo}`);
    seen.set(t.outNo, t);
  }
  const mine = new Map(ours.map((o) => [o.outNo, o]));
  const differences: Difference[] = [];
  let matched = 0;
  const item = (result: ReconciliationResult, t: Theirs | undefined, o: OurTxn | undefined): Difference => ({
    result,
    type,
    outNo: (t?.outNo ?? o?.outNo)!,
    wechatId: t?.wechatId || null,
    systemWechatId: o?.wechatId ?? null,
    wechatAmountFen: t?.amountFen ?? null,
    systemAmountFen: o?.amountFen ?? null,
    paymentId: o?.paymentId ?? null,
    refundLegId: o?.refundLegId ?? null,
    billId: o?.billId ?? null,
    lineNo: t?.row.lineNo ?? null,
    tradedAt: t?.row.tradedAt ?? null,
  });
  for (const t of theirs) {
    const o = mine.get(t.outNo);
    if (!o) {
      differences.push(item('MISSING_IN_SYSTEM', t, undefined));
      continue;
    }
    const before = differences.length;
    if (o.amountFen !== t.amountFen) differences.push(item('AMOUNT_MISMATCH', t, o));
    if (o.wechatId && t.wechatId && o.wechatId !== t.wechatId) differences.push(item('TXN_ID_MISMATCH', t, o));
    if (differences.length === before) matched++;
  }
  for (const o of ours) if (!seen.has(o.outNo)) differences.push(item('MISSING_IN_WECHAT', undefined, o));
  return { matched, differences };
}

/** Payments by 商户订单号 (SUCCESS rows), refunds by 商户退款单号 (REFUND rows); other statuses (REVOKED) are not money. */
export function reconcile(rows: TradeBillRow[], payments: OurTxn[], refunds: OurTxn[]): Comparison {
  const paid = compare(
    'PAYMENT',
    rows.filter((r) => r.status === 'SUCCESS').map((row) => ({ outNo: row.outTradeNo, wechatId: row.transactionId, amountFen: row.orderFen, row })),
    payments,
  );
  const refunded = compare(
    'REFUND',
    rows.filter((r) => r.status === 'REFUND').map((row) => ({ outNo: row.outRefundNo, wechatId: row.refundId, amountFen: row.refundFen, row })),
    refunds,
  );
  return { matched: paid.matched + refunded.matched, differences: [...paid.differences, ...refunded.differences] };
}
