import { Injectable } from '@nestjs/common';
import type { Actor, CreatePaymentDto, MessageMeta, PaymentReply } from '@clinic/contracts';
import { AuditTrail, Config, DomainError, forUpdate, isUniqueViolation, isUuid, JsonLogger, notFound, Tx } from '@clinic/platform';
import { DataSource, LessThan } from 'typeorm';
import { Bill, Payment } from '../bills/bill.entities';
import { requireKey } from '../bills/bill-rules';
import { BillsService, newPayment, paymentReply } from '../bills/bills.service';
import { InsuranceChannel, InsuranceRefusal, newMsgId } from './insurance.channel';

/** A settlement whose answer never came is reversed after this long, by the job if not at once. */
const REVERSE_AFTER_MS = 60_000;

/**
 * 医保 at the desk, the first part of a split payment. The payment row (with our message id) is written and the
 * whole due amount held before the message is sent, so a settlement that times out can always be reversed (冲正)
 * by that id, and nobody takes the same fen meanwhile. The insurer's part is recorded as the payment; the
 * self-paid rest stays due on the bill for cash, card or WeChat.
 */
@Injectable()
export class InsurancePayments {
  constructor(
    private readonly ds: DataSource,
    private readonly tx: Tx,
    private readonly bills: BillsService,
    private readonly insurance: InsuranceChannel,
    private readonly config: Config,
    private readonly logger: JsonLogger,
    private readonly audit: AuditTrail,
  ) {}

  async pay(actor: Actor, meta: MessageMeta, billId: string, key: string | undefined, dto: CreatePaymentDto): Promise<PaymentReply> {
    requireKey(key);
    const earlier = await this.ds.getRepository(Payment).findOneBy({ clinicId: actor.clinicId, idempotencyKey: key });
    if (earlier) {
      if (earlier.billId !== billId || earlier.method !== 'INSURANCE') throw new DomainError('PAYMENT.IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used for a different payment');
      return paymentReply(earlier);
    }
    if (!this.insurance.available) throw new DomainError('INSURANCE.SETTLEMENT_FAILED', '本机构未开通医保结算');
    const payment: Payment = { ...newPayment(actor.clinicId, billId, 'INSURANCE', 1, key, actor.id, new Date()), outTradeNo: newMsgId(this.config) };
    try {
      await this.tx.run(async (m) => {
        const bill = isUuid(billId) ? await forUpdate(m.createQueryBuilder(Bill, 'b').where('b.id = :billId AND b.clinicId = :c', { billId, c: actor.clinicId })).getOne() : null;
        if (!bill) throw notFound('Bill');
        if (bill.paidFen > 0 || bill.pendingFen > 0) throw new DomainError('PAYMENT.ONLINE_PENDING', '医保 settles a bill first, before any other payment', { paidFen: bill.paidFen, pendingFen: bill.pendingFen });
        if (bill.totalFen <= 0) throw new DomainError('PAYMENT.EXCEEDS_DUE', 'Nothing is due on this bill', { dueFen: 0 });
        payment.amountFen = bill.totalFen;
        await m.insert(Payment, payment);
        await m.createQueryBuilder().update(Bill).set({ pendingFen: () => 'pending_fen + :a' }).where('id = :id', { id: bill.id, a: bill.totalFen }).execute();
      });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      return this.pay(actor, meta, billId, key, dto);
    }
    const held = payment.amountFen;
    let settled;
    try {
      settled = await this.insurance.settle({ msgId: payment.outTradeNo!, billId, cardNo: dto.insuranceCardNo!, totalFen: held });
    } catch (err) {
      if (err instanceof InsuranceRefusal) {
        await this.end(payment, held);
        throw new DomainError('INSURANCE.SETTLEMENT_FAILED', `医保结算失败：${err.message}`, { channelCode: err.code });
      }
      // No answer: the platform may have settled. Reverse by our message id, then free the bill.
      this.logger.event('warn', 'Insurance', 'settlement unanswered; reversing', { paymentId: payment.id, error: (err as Error).message });
      if (await this.reverse(payment)) throw new DomainError('INSURANCE.SETTLEMENT_FAILED', '医保结算超时，已冲正；请重新结算');
      throw new DomainError('UPSTREAM.UNAVAILABLE', '医保结算超时，冲正未完成，系统将自动重试冲正');
    }
    const insured = settled.fundFen + settled.accountFen;
    const detail = JSON.stringify({ fundFen: settled.fundFen, accountFen: settled.accountFen, selfFen: settled.selfFen, settlementId: settled.settlementId });
    if (insured <= 0) {
      await this.end(payment, held, detail);
      return paymentReply({ ...payment, status: 'CLOSED', detail });
    }
    const paidAt = new Date();
    await this.tx.run(async (m) => {
      const bill = await forUpdate(m.createQueryBuilder(Bill, 'b').where('b.id = :id', { id: billId })).getOneOrFail();
      await m.update(Payment, { id: payment.id, status: 'PENDING' }, { status: 'SUCCEEDED', amountFen: insured, channelTxnId: settled.settlementId, detail, paidAt });
      await this.bills.credit(m, bill, { ...payment, amountFen: insured, status: 'SUCCEEDED', channelTxnId: settled.settlementId, detail, paidAt }, held);
      await this.audit.append(m, actor, meta, [{ action: 'PAYMENT_TAKE', patientId: bill.patientId, outcome: 'OK' }]);
    });
    return paymentReply(await this.ds.getRepository(Payment).findOneByOrFail({ id: payment.id }));
  }

  /** The job: settlements left unanswered and not yet reversed are reversed now. */
  async sweep(now = new Date()): Promise<number> {
    const stuck = await this.ds.getRepository(Payment).find({ where: { method: 'INSURANCE', status: 'PENDING', createdAt: LessThan(new Date(now.getTime() - REVERSE_AFTER_MS)) }, take: 50 });
    for (const p of stuck) await this.reverse(p);
    return stuck.length;
  }

  private async reverse(payment: Payment): Promise<boolean> {
    try {
      await this.insurance.reverse(payment.outTradeNo!);
    } catch (err) {
      this.logger.event('warn', 'Insurance', '冲正 failed; will retry', { paymentId: payment.id, error: (err as Error).message });
      return false;
    }
    await this.end(payment, payment.amountFen, JSON.stringify({ reversed: true }));
    return true;
  }

  /** Ends a pending settlement with no money and frees what it held, once. */
  private async end(payment: Payment, held: number, detail: string | null = null): Promise<void> {
    await this.tx.run(async (m) => {
      await forUpdate(m.createQueryBuilder(Bill, 'b').where('b.id = :id', { id: payment.billId })).getOneOrFail();
      const ended = await m.update(Payment, { id: payment.id, status: 'PENDING' }, { status: 'CLOSED', detail });
      if (ended.affected === 1) await m.createQueryBuilder().update(Bill).set({ pendingFen: () => 'pending_fen - :a' }).where('id = :id', { id: payment.billId, a: held }).execute();
    });
  }
}
