import type { PaymentMethod } from '@clinic/contracts';
import { renderPdf, type PdfBlock } from '@clinic/platform';
import { formatFen } from '@clinic/rules';
import type { Bill, BillLine, Payment, RefundLeg } from '../bills/bill.entities';
import type { PaymentReversal } from '../reversals/payment-reversal.entity';

export const METHOD_LABELS: Record<PaymentMethod, string> = { CASH: '现金', CARD: '银行卡', WECHAT: '微信支付', INSURANCE: '医保' };

export interface ReceiptFacts {
  clinicName: string;
  patientName: string | null;
  bill: Bill;
  lines: BillLine[];
  /** Succeeded payments, oldest first. */
  payments: Payment[];
  reversals: PaymentReversal[];
  /** Refund legs that have gone back through their channel. */
  refunds: RefundLeg[];
  /** The clinic's wall-clock time of an instant: "YYYY-MM-DD HH:MM". */
  clinicTime: (at: Date) => string;
  printedAt: Date;
}

/**
 * The receipt (收费收据, A5): what was charged, every movement of money on the bill in order (payments, with the
 * cash handed over and the change; reversals and refunds as negative rows), and what the clinic holds net.
 */
export function receiptPdf(f: ReceiptFacts): Promise<Buffer> {
  const { bill } = f;
  const dueFen = bill.totalFen - bill.paidFen - bill.pendingFen;
  const money: { at: Date; row: string[] }[] = [
    ...f.payments.map((p) => ({
      at: p.paidAt ?? p.createdAt,
      row: [
        METHOD_LABELS[p.method],
        formatFen(p.amountFen),
        p.method === 'CASH' && p.tenderedFen !== null ? formatFen(p.tenderedFen) : '—',
        p.method === 'CASH' && p.changeFen !== null ? formatFen(p.changeFen) : '—',
        f.clinicTime(p.paidAt ?? p.createdAt),
      ],
    })),
    ...f.reversals.map((r) => ({ at: r.createdAt, row: [`${METHOD_LABELS[r.method]}（冲正）`, formatFen(-r.amountFen), '—', '—', f.clinicTime(r.createdAt)] })),
    ...f.refunds.map((l) => ({ at: l.completedAt ?? l.createdAt, row: [`${METHOD_LABELS[l.method]}（退款）`, formatFen(-l.amountFen), '—', '—', f.clinicTime(l.completedAt ?? l.createdAt)] })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());

  const blocks: PdfBlock[] = [
    { kind: 'title', text: '收费收据' },
    { kind: 'text', text: f.clinicName, align: 'center' },
    { kind: 'space', lines: 0.5 },
    {
      kind: 'fields',
      pairs: [
        ['患者', f.patientName ?? '—'],
        ['开单日期', f.clinicTime(bill.createdAt).slice(0, 10)],
        ['账单号', bill.id],
      ],
    },
    {
      kind: 'table',
      columns: [
        { header: '名称', width: 5 },
        { header: '单价', width: 2, align: 'right' },
        { header: '数量', width: 1.2, align: 'right' },
        { header: '金额', width: 2, align: 'right' },
      ],
      rows: f.lines.map((l) => [l.name, formatFen(l.unitPriceFen), String(l.quantity), formatFen(l.amountFen)]),
    },
    { kind: 'text', text: `合计：${formatFen(bill.totalFen)}`, align: 'right', bold: true },
    { kind: 'rule' },
    {
      kind: 'table',
      columns: [
        { header: '收付方式', width: 3 },
        { header: '金额', width: 2, align: 'right' },
        { header: '收取', width: 2, align: 'right' },
        { header: '找零', width: 2, align: 'right' },
        { header: '时间', width: 3.2 },
      ],
      rows: money.map((x) => x.row),
    },
    {
      kind: 'fields',
      pairs: [
        ['实收合计', formatFen(bill.paidFen - bill.refundedFen)],
        ...(bill.refundedFen > 0 ? [['已退款', formatFen(bill.refundedFen)] as [string, string]] : []),
        ...(dueFen > 0 ? [['未付', formatFen(dueFen)] as [string, string]] : []),
      ],
    },
  ];
  return renderPdf({ size: 'A5', title: `收费收据 ${f.patientName ?? ''}`.trim(), blocks, footer: `打印时间：${f.clinicTime(f.printedAt)} · 本收据为收费凭证，请妥善保管` });
}
