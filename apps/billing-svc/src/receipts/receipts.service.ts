import { Injectable } from '@nestjs/common';
import type { Actor, ReceiptRequest } from '@clinic/contracts';
import { clinicNow, Config, DomainError, hhmm, isUuid, notFound } from '@clinic/platform';
import { DataSource } from 'typeorm';
import { Bill, BillLine, Payment, Refund, RefundLeg } from '../bills/bill.entities';
import { PaymentReversal } from '../reversals/payment-reversal.entity';
import { receiptPdf } from './receipt-pdf';

@Injectable()
export class ReceiptsService {
  constructor(
    private readonly ds: DataSource,
    private readonly config: Config,
  ) {}

  /**
   * The bill's receipt. With `patientIds` (a patient account's own people), a bill of anyone else is not found.
   * A bill with nothing (left) paid has no receipt: a receipt is proof of money received.
   */
  async render(actor: Actor, req: ReceiptRequest): Promise<Buffer> {
    const bill = isUuid(req.id) ? await this.ds.getRepository(Bill).findOneBy({ id: req.id, clinicId: actor.clinicId }) : null;
    if (!bill || (req.patientIds && !req.patientIds.includes(bill.patientId))) throw notFound('Bill');
    if (bill.paidFen === 0) throw new DomainError('RECEIPT.NOTHING_PAID', 'Nothing has been paid on this bill: there is no receipt to print', { billId: bill.id, dueFen: bill.totalFen - bill.pendingFen });
    const [lines, payments, reversals, refunds] = await Promise.all([
      this.ds.getRepository(BillLine).find({ where: { billId: bill.id }, order: { lineNo: 'ASC' } }),
      this.ds.getRepository(Payment).find({ where: { billId: bill.id, status: 'SUCCEEDED' }, order: { createdAt: 'ASC' } }),
      this.ds.getRepository(PaymentReversal).find({ where: { billId: bill.id }, order: { createdAt: 'ASC' } }),
      this.ds
        .getRepository(RefundLeg)
        .createQueryBuilder('l')
        .innerJoin(Refund, 'r', 'r.id = l.refundId')
        .where("r.billId = :billId AND l.status = 'SUCCEEDED'", { billId: bill.id })
        .orderBy('l.createdAt', 'ASC')
        .getMany(),
    ]);
    const zone = this.config.env.CLINIC_TIMEZONE;
    const clinicTime = (at: Date) => {
      const t = clinicNow(zone, at);
      return `${t.date} ${hhmm(t.minutes)}`;
    };
    return receiptPdf({ clinicName: this.config.env.CLINIC_NAME, patientName: req.patientName?.trim() || null, bill, lines, payments, reversals, refunds, clinicTime, printedAt: new Date() });
  }
}
