import { Injectable } from '@nestjs/common';
import type { Actor, MessageMeta, PaymentReply, WechatPrepayReply } from '@clinic/contracts';
import { AuditTrail, Config, DomainError, forUpdate, isUniqueViolation, isUuid, JsonLogger, notFound, Tx } from '@clinic/platform';
import { DataSource, LessThan, type EntityManager } from 'typeorm';
import { Bill, Payment } from '../bills/bill.entities';
import { requireKey } from '../bills/bill-rules';
import { BillsService, newPayment, paymentReply } from '../bills/bills.service';
import { RefundsService } from '../refunds/refunds.service';
import { WechatPayChannel, WechatPayRefusal } from '../wechatpay/wechatpay.channel';
import { outTradeNo, type Transaction } from '../wechatpay/wechatpay-protocol';

/** Who is paying from the mini-program: the account's openid and the patients it may pay for (named by the gateway). */
export interface Payer {
  openid: string | null;
  patientIds: string[];
}

/**
 * WeChat Pay for a bill. A payment row is PENDING from the prepay until WeChat Pay says how it ended; while it is,
 * its amount is held on the bill (pending_fen) so no desk payment can take the same fen. It ends once: a
 * conditional update from PENDING, under the bill's row lock, whichever of the notification, the active query or
 * the close gets there first.
 */
@Injectable()
export class WechatPayments {
  constructor(
    private readonly ds: DataSource,
    private readonly tx: Tx,
    private readonly bills: BillsService,
    private readonly refunds: RefundsService,
    private readonly channel: WechatPayChannel,
    private readonly config: Config,
    private readonly logger: JsonLogger,
    private readonly audit: AuditTrail,
  ) {}

  async prepay(actor: Actor, meta: MessageMeta, billId: string, key: string | undefined, payer: Payer): Promise<WechatPrepayReply> {
    requireKey(key);
    const earlier = await this.ds.getRepository(Payment).findOneBy({ clinicId: actor.clinicId, idempotencyKey: key });
    if (earlier) {
      if (earlier.billId !== billId || earlier.method !== 'WECHAT') throw new DomainError('PAYMENT.IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used for a different payment');
      return this.prepayReply(earlier);
    }
    if (!payer.openid) throw new DomainError('PAYMENT.CHANNEL_REFUSED', 'This account has no WeChat identity to pay with; sign in from the mini-program');
    const now = new Date();
    const payment: Payment = { ...newPayment(actor.clinicId, billId, 'WECHAT', 1, key!, actor.id, now), outTradeNo: outTradeNo('P', now), expiresAt: new Date(now.getTime() + this.config.env.WECHATPAY_HOLD_MINUTES * 60_000) };
    try {
      await this.tx.run(async (m) => {
        const bill = await this.lockBill(m, actor.clinicId, billId, payer.patientIds);
        const due = bill.totalFen - bill.paidFen - bill.pendingFen;
        if (due <= 0) {
          if (bill.pendingFen > 0) throw new DomainError('PAYMENT.ONLINE_PENDING', 'A payment of this bill is already under way', { pendingFen: bill.pendingFen });
          throw new DomainError('PAYMENT.EXCEEDS_DUE', 'Nothing is due on this bill', { dueFen: 0 });
        }
        payment.amountFen = due;
        await m.insert(Payment, payment);
        const held = await m.createQueryBuilder().update(Bill).set({ pendingFen: () => 'pending_fen + :a' }).where('id = :id AND paid_fen + pending_fen + :a <= total_fen', { id: bill.id, a: due }).execute();
        if (held.affected !== 1) throw new DomainError('PAYMENT.EXCEEDS_DUE', 'The bill changed; try again');
        await this.audit.append(m, actor, meta, [{ action: 'PAYMENT_ONLINE', patientId: bill.patientId, outcome: 'OK' }]);
      });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      return this.prepay(actor, meta, billId, key, payer); // a twin request with the same key got there first
    }
    try {
      const bill = await this.ds.getRepository(Bill).findOneByOrFail({ id: billId });
      const order = await this.channel.prepay({ outTradeNo: payment.outTradeNo!, description: `诊所账单 ${bill.id.slice(0, 8)}`, amountFen: payment.amountFen, openid: payer.openid, expiresAt: payment.expiresAt! });
      payment.detail = JSON.stringify({ prepayId: order.prepayId });
      await this.ds.getRepository(Payment).update({ id: payment.id }, { detail: payment.detail });
      return { payment: paymentReply(payment), requestPayment: this.channel.signRequestPayment(order.prepayId), development: this.channel.development };
    } catch (err) {
      if (err instanceof WechatPayRefusal) {
        // A definite no: the order does not exist at WeChat Pay, so the hold goes at once.
        await this.end(payment.outTradeNo!, 'CLOSED');
        throw new DomainError('PAYMENT.CHANNEL_REFUSED', 'WeChat Pay refused the order', { channelCode: err.code });
      }
      // No answer: the order may exist. It stays pending; the query job (or a cashier's close) settles it.
      this.logger.event('warn', 'WechatPay', 'prepay got no answer; the order stays pending', { paymentId: payment.id, error: (err as Error).message });
      throw new DomainError('UPSTREAM.UNAVAILABLE', 'WeChat Pay did not answer; try again in a moment');
    }
  }

  /**
   * A notification, verified before anything in it is believed: a success pays the order once (a duplicate is
   * answered as success and changes nothing); anything that fails a check is refused and changes nothing.
   */
  async notify(headers: Record<string, string | undefined>, body: string): Promise<{ eventType: string }> {
    const opened = this.channel.open(headers, body);
    if (!opened.ok) {
      this.logger.event('warn', 'WechatPay', 'notification refused', { reason: opened.reason });
      throw new DomainError('WECHATPAY.NOTIFY_REJECTED', `notification refused: ${opened.reason}`);
    }
    if (opened.transaction?.trade_state === 'SUCCESS') await this.settle(opened.transaction);
    if (opened.refund) await this.refunds.applyWechatRefund(opened.refund);
    return { eventType: opened.eventType };
  }

  /** A patient's view of a payment; a pending one is asked about first, so a page waiting on it sees the end soon. */
  async get(actor: Actor, meta: MessageMeta, paymentId: string, patientIds?: string[]): Promise<PaymentReply> {
    let payment = await this.find(actor, paymentId, patientIds);
    const bill = await this.ds.getRepository(Bill).findOneByOrFail({ id: payment.billId });
    await this.audit.record(actor, meta, [{ action: 'BILL_READ', patientId: bill.patientId, outcome: 'OK' }]);
    if (payment.status === 'PENDING' && payment.method === 'WECHAT') payment = await this.sync(payment);
    return paymentReply(payment);
  }

  /** The cashier gives up on a pending payment: asked first (it may have been paid after all), then closed at WeChat Pay. */
  async close(actor: Actor, meta: MessageMeta, paymentId: string): Promise<PaymentReply> {
    const payment = await this.find(actor, paymentId);
    const bill = await this.ds.getRepository(Bill).findOneByOrFail({ id: payment.billId });
    await this.audit.record(actor, meta, [{ action: 'PAYMENT_CLOSE', patientId: bill.patientId, outcome: 'OK' }]);
    if (payment.status !== 'PENDING') return paymentReply(payment);
    if (payment.method !== 'WECHAT') throw new DomainError('PAYMENT.NOT_PENDING', 'Only a pending WeChat payment can be closed here');
    const synced = await this.sync(payment);
    if (synced.status !== 'PENDING') return paymentReply(synced);
    return paymentReply(await this.closeAtChannel(synced));
  }

  /** Development adapter only: the pending order is paid, as a verified notification would say. */
  async devComplete(actor: Actor, paymentId: string, patientIds: string[]): Promise<PaymentReply> {
    if (!this.channel.devPay) throw notFound('Payment');
    const payment = await this.find(actor, paymentId, patientIds);
    if (payment.status !== 'PENDING') return paymentReply(payment);
    await this.settle(this.channel.devPay(payment.outTradeNo!, payment.amountFen));
    return paymentReply(await this.ds.getRepository(Payment).findOneByOrFail({ id: payment.id }));
  }

  /**
   * The job's sweep: pending payments with no word for a while are queried, and those past their hold are closed
   * at WeChat Pay, which gives their fen back to the bill.
   */
  async sweep(now = new Date()): Promise<number> {
    const quiet = new Date(now.getTime() - this.config.env.WECHATPAY_QUERY_AFTER_SECONDS * 1000);
    const stale = await this.ds.getRepository(Payment).find({ where: { method: 'WECHAT', status: 'PENDING', createdAt: LessThan(quiet) }, order: { createdAt: 'ASC' }, take: 100 });
    for (const p of stale) {
      try {
        const synced = await this.sync(p);
        if (synced.status === 'PENDING' && synced.expiresAt && synced.expiresAt <= now) await this.closeAtChannel(synced);
      } catch (err) {
        this.logger.event('warn', 'WechatPay', 'pending payment check failed; next run tries again', { paymentId: p.id, error: (err as Error).message });
      }
    }
    return stale.length;
  }

  /** Asks WeChat Pay how the order stands and records a final answer. */
  private async sync(payment: Payment): Promise<Payment> {
    const t = await this.channel.query(payment.outTradeNo!);
    if (t.trade_state === 'SUCCESS' || t.trade_state === 'REFUND') await this.settle({ ...t, trade_state: 'SUCCESS' });
    else if (t.trade_state === 'CLOSED' || t.trade_state === 'REVOKED' || t.trade_state === 'PAYERROR') await this.end(payment.outTradeNo!, 'CLOSED');
    return this.ds.getRepository(Payment).findOneByOrFail({ id: payment.id });
  }

  private async closeAtChannel(payment: Payment): Promise<Payment> {
    const outcome = await this.channel.close(payment.outTradeNo!);
    if (outcome === 'PAID') return this.sync(payment);
    await this.end(payment.outTradeNo!, 'CLOSED');
    return this.ds.getRepository(Payment).findOneByOrFail({ id: payment.id });
  }

  /**
   * Records a paid order once. The amount must be the order's; the bill is locked first, then the payment moves
   * from PENDING by a conditional update, so 50 copies of a notification at once pay once.
   */
  private async settle(t: Transaction): Promise<void> {
    const payment = await this.ds.getRepository(Payment).findOneBy({ outTradeNo: t.out_trade_no, method: 'WECHAT' });
    if (!payment) {
      this.logger.event('error', 'WechatPay', 'a paid order we never made', { outTradeNo: t.out_trade_no });
      throw new DomainError('WECHATPAY.NOTIFY_REJECTED', 'unknown order');
    }
    if (t.amount?.total !== payment.amountFen || (t.amount.currency && t.amount.currency !== 'CNY')) {
      this.logger.event('error', 'WechatPay', 'paid amount differs from the order', { paymentId: payment.id, orderFen: payment.amountFen, paidFen: t.amount?.total ?? null });
      throw new DomainError('WECHATPAY.NOTIFY_REJECTED', 'amount does not match the order');
    }
    await this.tx.run(async (m) => {
      const bill = await forUpdate(m.createQueryBuilder(Bill, 'b').where('b.id = :id', { id: payment.billId })).getOneOrFail();
      const paidAt = t.success_time ? new Date(t.success_time) : new Date();
      const moved = await m.createQueryBuilder().update(Payment).set({ status: 'SUCCEEDED', channelTxnId: t.transaction_id ?? null, paidAt }).where("id = :id AND status = 'PENDING'", { id: payment.id }).execute();
      if (moved.affected !== 1) {
        const now = await m.findOneByOrFail(Payment, { id: payment.id });
        if (now.status === 'SUCCEEDED') return; // a duplicate: already recorded
        this.logger.event('error', 'WechatPay', 'a closed order was paid: refund it by hand', { paymentId: payment.id, transactionId: t.transaction_id });
        throw new Error(`payment ${payment.id} is ${now.status} but WeChat Pay says it was paid`);
      }
      await this.bills.credit(m, bill, { ...payment, status: 'SUCCEEDED', channelTxnId: t.transaction_id ?? null, paidAt }, payment.amountFen);
    });
  }

  /** Ends a pending payment without money (closed or refused) and gives its hold back to the bill, once. */
  private async end(outTradeNoValue: string, status: 'CLOSED'): Promise<void> {
    await this.tx.run(async (m) => {
      const payment = await m.findOneByOrFail(Payment, { outTradeNo: outTradeNoValue });
      await forUpdate(m.createQueryBuilder(Bill, 'b').where('b.id = :id', { id: payment.billId })).getOneOrFail();
      const ended = await m.createQueryBuilder().update(Payment).set({ status }).where("id = :id AND status = 'PENDING'", { id: payment.id }).execute();
      if (ended.affected === 1) await m.createQueryBuilder().update(Bill).set({ pendingFen: () => 'pending_fen - :a' }).where('id = :id', { id: payment.billId, a: payment.amountFen }).execute();
    });
  }

  private async lockBill(m: EntityManager, clinicId: string, billId: string, patientIds?: string[]): Promise<Bill> {
    const bill = isUuid(billId) ? await forUpdate(m.createQueryBuilder(Bill, 'b').where('b.id = :billId AND b.clinicId = :clinicId', { billId, clinicId })).getOne() : null;
    if (!bill || (patientIds && !patientIds.includes(bill.patientId))) throw notFound('Bill');
    return bill;
  }

  private async find(actor: Actor, paymentId: string, patientIds?: string[]): Promise<Payment> {
    const payment = isUuid(paymentId) ? await this.ds.getRepository(Payment).findOneBy({ id: paymentId, clinicId: actor.clinicId }) : null;
    if (!payment) throw notFound('Payment');
    if (patientIds) {
      const bill = await this.ds.getRepository(Bill).findOneBy({ id: payment.billId });
      if (!bill || !patientIds.includes(bill.patientId)) throw notFound('Payment');
    }
    return payment;
  }

  private prepayReply(p: Payment): WechatPrepayReply {
    const prepayId = p.detail ? (JSON.parse(p.detail) as { prepayId?: string }).prepayId : undefined;
    const requestPayment = p.status === 'PENDING' && prepayId ? this.channel.signRequestPayment(prepayId) : null;
    return { payment: paymentReply(p), requestPayment, development: this.channel.development };
  }
}
