import { pdfText } from '@clinic/platform/src/pdf/pdf-text';
import type { Bill, BillLine, Payment, RefundLeg } from '../bills/bill.entities';
import type { PaymentReversal } from '../reversals/payment-reversal.entity';
import { receiptPdf } from './receipt-pdf';

const at = (iso: string) => new Date(iso);
const clinicTime = (d: Date) => d.toISOString().slice(0, 16).replace('T', ' ');

const bill: Bill = {
  id: '8b1f4c1e-0000-4000-8000-000000000001',
  clinicId: 'clinic-1',
  patientId: '8b1f4c1e-0000-4000-8000-000000000002',
  sourceType: 'ENCOUNTER',
  sourceId: '8b1f4c1e-0000-4000-8000-000000000003',
  doctorId: null,
  departmentId: null,
  status: 'PARTIALLY_REFUNDED',
  totalFen: 3380,
  paidFen: 3380,
  pendingFen: 0,
  refundedFen: 880,
  createdAt: at('2026-11-26T02:00:00Z'),
  paidAt: at('2026-11-26T02:10:00Z'),
};

const line = (lineNo: number, name: string, unitPriceFen: number, quantity: number): BillLine => ({
  id: `line-${lineNo}`,
  billId: bill.id,
  kind: 'DRUG',
  refId: 'rx',
  lineNo,
  itemId: null,
  name,
  unitPriceFen,
  quantity,
  amountFen: unitPriceFen * quantity,
  dispensedQty: 0,
  returnedQty: 0,
  refundedQty: 0,
  refundedFen: 0,
  createdAt: bill.createdAt,
});

const payment = (id: string, method: Payment['method'], amountFen: number, paidAt: string, cash?: { tendered: number; change: number }): Payment => ({
  id,
  clinicId: 'clinic-1',
  billId: bill.id,
  method,
  amountFen,
  tenderedFen: cash?.tendered ?? null,
  changeFen: cash?.change ?? null,
  idempotencyKey: `key-${id}`,
  status: 'SUCCEEDED',
  businessDate: '2026-11-26',
  outTradeNo: null,
  channelTxnId: null,
  refundedFen: 0,
  detail: null,
  createdBy: 'cashier',
  createdAt: at(paidAt),
  paidAt: at(paidAt),
  expiresAt: null,
});

describe('receipt PDF', () => {
  it('prints lines, every movement of money in time order, and the net paid, in Chinese', async () => {
    const reversal: PaymentReversal = {
      id: 'rev',
      clinicId: 'clinic-1',
      paymentId: 'p1',
      billId: bill.id,
      method: 'CARD',
      amountFen: 500,
      reason: '刷错卡',
      businessDate: '2026-11-26',
      idempotencyKey: 'rev-key-1',
      createdBy: 'cashier',
      createdAt: at('2026-11-26T02:06:00Z'),
    };
    const refund: RefundLeg = {
      id: 'leg',
      clinicId: 'clinic-1',
      refundId: 'refund',
      paymentId: 'p3',
      method: 'WECHAT',
      amountFen: 880,
      status: 'SUCCEEDED',
      outRefundNo: 'R1',
      channelRefundId: null,
      businessDate: '2026-11-27',
      createdAt: at('2026-11-27T01:00:00Z'),
      completedAt: at('2026-11-27T01:01:00Z'),
    };
    const pdf = await receiptPdf({
      clinicName: '仁心诊所',
      patientName: '张三',
      bill,
      lines: [line(1, '阿莫西林胶囊 0.25g*24粒', 1250, 2), line(2, '布洛芬缓释胶囊 0.3g*20粒', 880, 1)],
      payments: [
        payment('p1', 'CARD', 500, '2026-11-26T02:05:00Z'),
        payment('p2', 'CASH', 2500, '2026-11-26T02:08:00Z', { tendered: 3000, change: 500 }),
        payment('p3', 'WECHAT', 880, '2026-11-26T02:10:00Z'),
      ],
      reversals: [reversal],
      refunds: [refund],
      clinicTime,
      printedAt: at('2026-11-27T03:04:00Z'),
    });
    const { text, title, pages } = await pdfText(pdf);
    const flat = text.replace(/\s+/g, '');
    expect({ title, pages }).toEqual({ title: '收费收据 张三', pages: 1 });
    const order = [
      '收费收据',
      '仁心诊所',
      '患者：张三',
      `账单号：${bill.id}`,
      '名称单价数量金额',
      '阿莫西林胶囊0.25g*24粒¥12.502¥25.00',
      '布洛芬缓释胶囊0.3g*20粒¥8.801¥8.80',
      '合计：¥33.80',
      '银行卡¥5.00——2026-11-2602:05',
      '银行卡（冲正）-¥5.00',
      '现金¥25.00¥30.00¥5.00',
      '微信支付¥8.80',
      '微信支付（退款）-¥8.80——2026-11-2701:01',
      '实收合计：¥25.00',
      '已退款：¥8.80',
      '打印时间：2026-11-2703:04',
    ];
    let from = 0;
    for (const s of order) {
      const i = flat.indexOf(s, from);
      expect({ s, found: i >= 0 }).toEqual({ s, found: true });
      from = i + s.length;
    }
    expect(flat).not.toContain('未付');
  });
});
