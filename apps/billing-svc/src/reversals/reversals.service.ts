import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DESK_METHODS, type Actor, type MessageMeta, type PaymentReversalReply, type ReversePaymentDto } from '@clinic/contracts';
import { AuditTrail, DomainError, forUpdate, isUniqueViolation, isUuid, notFound, Tx } from '@clinic/platform';
import { DataSource } from 'typeorm';
import { Bill, Payment } from '../bills/bill.entities';
import { requireKey, statusOf } from '../bills/bill-rules';
import { BusinessDays } from '../money/business-days';
import { MoneyDays } from '../stats/money-days';
import { PaymentReversal } from './payment-reversal.entity';

/**
 * Reversal (冲正) of a desk payment recorded by mistake (wrong method, wrong bill, typed twice). A closed day is
 * never edited: the reversal is a new, negative journal entry on an open day, and the bill owes the amount again.
 * Money that really goes back to the patient is a refund, not this.
 */
@Injectable()
export class ReversalsService {
  constructor(
    private readonly ds: DataSource,
    private readonly tx: Tx,
    private readonly days: BusinessDays,
    private readonly audit: AuditTrail,
    private readonly summary: MoneyDays,
  ) {}

  async reverse(actor: Actor, meta: MessageMeta, paymentId: string, key: string | undefined, dto: ReversePaymentDto): Promise<PaymentReversalReply> {
    requireKey(key);
    const earlier = await this.byKey(actor.clinicId, key);
    if (earlier) return repeat(earlier, paymentId);
    const found = isUuid(paymentId) ? await this.ds.getRepository(Payment).findOneBy({ id: paymentId, clinicId: actor.clinicId }) : null;
    if (!found) throw notFound('Payment');
    const reason = dto.reason.trim();
    try {
      return await this.tx.run(async (m) => {
        // The bill's lock orders this against payments, refunds and other reversals of the same bill.
        const bill = await forUpdate(m.createQueryBuilder(Bill, 'b').where('b.id = :id AND b.clinicId = :clinicId', { id: found.billId, clinicId: actor.clinicId })).getOne();
        if (!bill) throw notFound('Payment');
        const done = await m.findOneBy(PaymentReversal, { paymentId: found.id });
        if (done) {
          // A twin request with the same key waited on the bill and finds the first one's row: it answers the same.
          if (done.idempotencyKey === key) return replyOf(done);
          throw new DomainError('PAYMENT.ALREADY_REVERSED', 'This payment has already been reversed', { reversalId: done.id, businessDate: done.businessDate });
        }
        const p = await forUpdate(m.createQueryBuilder(Payment, 'p').where('p.id = :id', { id: found.id })).getOneOrFail();
        if (p.status !== 'SUCCEEDED' || !(DESK_METHODS as readonly string[]).includes(p.method) || p.refundedFen !== 0) {
          throw new DomainError('PAYMENT.NOT_REVERSIBLE', 'Only a succeeded cash or card payment with nothing refunded can be reversed; refund it instead', {
            status: p.status,
            method: p.method,
            refundedFen: p.refundedFen,
          });
        }
        const now = new Date();
        const id = randomUUID();
        const businessDate = await this.days.record(m, bill, { kind: 'REVERSAL', method: p.method, amountFen: -p.amountFen, paymentId: p.id, sourceId: id }, now);
        const row: PaymentReversal = {
          id,
          clinicId: actor.clinicId,
          paymentId: p.id,
          billId: bill.id,
          method: p.method,
          amountFen: p.amountFen,
          reason,
          businessDate,
          idempotencyKey: key,
          createdBy: actor.id,
          createdAt: now,
        };
        await m.insert(PaymentReversal, row);
        await this.audit.append(m, actor, meta, [{ action: 'PAYMENT_REVERSE', patientId: bill.patientId, outcome: 'OK' }]);
        const status = statusOf(bill.totalFen, bill.paidFen - p.amountFen, bill.refundedFen);
        const paidAt = status === 'PAID' ? bill.paidAt : null;
        // Never below what was refunded from the bill's other payments: that money has already gone back.
        const moved = await m
          .createQueryBuilder()
          .update(Bill)
          .set({ paidFen: () => 'paid_fen - :a', status, paidAt })
          .where('id = :id AND paid_fen - :a >= refunded_fen', { id: bill.id, a: p.amountFen })
          .execute();
        if (moved.affected !== 1) throw new DomainError('PAYMENT.NOT_REVERSIBLE', 'The bill has refunds that this reversal would exceed; refund instead', { billId: bill.id });
        // The bill owes again: it leaves the bills paid on the day it was paid, which may be long over.
        if (paidAt !== bill.paidAt) await this.summary.billMoved(m, bill.clinicId, bill.paidAt, paidAt);
        // The payment counts as given back in full, so it cannot also be refunded.
        const taken = await m.createQueryBuilder().update(Payment).set({ refundedFen: () => 'amount_fen' }).where("id = :id AND refunded_fen = 0 AND status = 'SUCCEEDED'", { id: p.id }).execute();
        if (taken.affected !== 1) throw new DomainError('PAYMENT.NOT_REVERSIBLE', 'The payment changed while it was being reversed', { paymentId: p.id });
        return replyOf(row);
      });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      // Lost a race on the unique key or the unique payment: the row that won decides the answer.
      const first = await this.byKey(actor.clinicId, key);
      if (first) return repeat(first, paymentId);
      throw new DomainError('PAYMENT.ALREADY_REVERSED', 'This payment has already been reversed');
    }
  }

  private byKey(clinicId: string, key: string) {
    return this.ds.getRepository(PaymentReversal).findOneBy({ clinicId, idempotencyKey: key });
  }
}

/** The same key again: the same answer for the same payment; a key names one reversal only. */
function repeat(earlier: PaymentReversal, paymentId: string): PaymentReversalReply {
  if (earlier.paymentId !== paymentId) throw new DomainError('PAYMENT.IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used for a different reversal');
  return replyOf(earlier);
}

function replyOf(r: PaymentReversal): PaymentReversalReply {
  return {
    id: r.id,
    paymentId: r.paymentId,
    billId: r.billId,
    method: r.method,
    amountFen: r.amountFen,
    reason: r.reason,
    businessDate: r.businessDate,
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
  };
}
