import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Patterns, type Actor, type CreateRefundDto, type MessageMeta, type RefundReply } from '@clinic/contracts';
import { AuditTrail, Config, DomainError, forUpdate, invalidFields, isUniqueViolation, isUuid, JsonLogger, notFound, ServiceClient, Tx } from '@clinic/platform';
import { DataSource, In, LessThan, type EntityManager } from 'typeorm';
import { Bill, BillLine, Payment, Refund, RefundLeg, RefundLine } from '../bills/bill.entities';
import { requireKey, statusOf } from '../bills/bill-rules';
import { InsuranceChannel } from '../insurance/insurance.channel';
import { BusinessDays } from '../money/business-days';
import { WechatPayChannel, WechatPayRefusal } from '../wechatpay/wechatpay.channel';
import { outTradeNo, type RefundState } from '../wechatpay/wechatpay-protocol';

interface Planned {
  line: BillLine;
  quantity: number;
  releaseQty: number;
  amountFen: number;
}

/**
 * Refunds, per line or in part, back the way the money came. A refund is written whole first (its lines, the
 * legs that carry it back along each payment, and every counter it moves, each by a conditional update that
 * cannot pass what was paid); then pharmacy takes back undispensed units; then each leg moves money through its
 * channel. A retry with the same Idempotency-Key resumes where the first attempt stopped, and a WeChat leg keeps
 * its out_refund_no, so money moves once whatever the retries.
 */
@Injectable()
export class RefundsService {
  constructor(
    private readonly ds: DataSource,
    private readonly tx: Tx,
    private readonly days: BusinessDays,
    private readonly services: ServiceClient,
    private readonly wechat: WechatPayChannel,
    private readonly insurance: InsuranceChannel,
    private readonly config: Config,
    private readonly logger: JsonLogger,
    private readonly audit: AuditTrail,
  ) {}

  async create(actor: Actor, meta: MessageMeta, billId: string, key: string | undefined, dto: CreateRefundDto): Promise<RefundReply> {
    requireKey(key);
    const earlier = await this.ds.getRepository(Refund).findOneBy({ clinicId: actor.clinicId, idempotencyKey: key });
    if (earlier) return this.again(actor, earlier, billId);
    const refund: Refund = { id: randomUUID(), clinicId: actor.clinicId, billId, amountFen: 0, reason: dto.reason.trim(), status: 'PENDING', idempotencyKey: key, createdBy: actor.id, createdAt: new Date(), completedAt: null };
    try {
      await this.tx.run(async (m) => {
        const patientId = await this.write(m, refund, dto);
        await this.audit.append(m, actor, meta, [{ action: 'REFUND_CREATE', patientId, outcome: 'OK' }]);
      });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      return this.again(actor, (await this.ds.getRepository(Refund).findOneByOrFail({ clinicId: actor.clinicId, idempotencyKey: key }))!, billId);
    }
    return this.proceed(actor, refund.id);
  }

  async list(actor: Actor, meta: MessageMeta, billId: string): Promise<RefundReply[]> {
    const bill = isUuid(billId) ? await this.ds.getRepository(Bill).findOneBy({ id: billId, clinicId: actor.clinicId }) : null;
    if (!bill) return [];
    await this.audit.record(actor, meta, [{ action: 'BILL_READ', patientId: bill.patientId, outcome: 'OK' }]);
    const rows = await this.ds.getRepository(Refund).find({ where: { clinicId: actor.clinicId, billId }, order: { createdAt: 'ASC' } });
    return this.replies(rows);
  }

  async replies(refunds: Refund[]): Promise<RefundReply[]> {
    if (!refunds.length) return [];
    const ids = refunds.map((r) => r.id);
    const [lines, legs] = await Promise.all([this.ds.getRepository(RefundLine).findBy({ refundId: In(ids) }), this.ds.getRepository(RefundLeg).find({ where: { refundId: In(ids) }, order: { createdAt: 'ASC' } })]);
    return refunds.map((r) => ({
      id: r.id,
      billId: r.billId,
      amountFen: r.amountFen,
      reason: r.reason,
      status: r.status,
      lines: lines.filter((l) => l.refundId === r.id).map((l) => ({ billLineId: l.billLineId, quantity: l.quantity, amountFen: l.amountFen })),
      legs: legs.filter((g) => g.refundId === r.id).map((g) => ({ id: g.id, paymentId: g.paymentId, method: g.method, amountFen: g.amountFen, status: g.status, outRefundNo: g.outRefundNo, businessDate: g.businessDate })),
      createdAt: r.createdAt.toISOString(),
      completedAt: r.completedAt?.toISOString() ?? null,
    }));
  }

  /** WeChat Pay's refund notification (already verified and opened): a successful leg is recorded once. */
  async applyWechatRefund(state: RefundState): Promise<void> {
    const leg = await this.ds.getRepository(RefundLeg).findOneBy({ outRefundNo: state.out_refund_no, method: 'WECHAT' });
    if (!leg) {
      this.logger.event('error', 'Refunds', 'a refund we never asked for', { outRefundNo: state.out_refund_no });
      throw new DomainError('WECHATPAY.NOTIFY_REJECTED', 'unknown refund');
    }
    if ((state.refund_status ?? state.status) === 'SUCCESS') await this.completeLeg(leg, state.refund_id);
  }

  /** The job: WeChat legs with no word for a while are queried. */
  async sweep(now = new Date()): Promise<number> {
    const quiet = new Date(now.getTime() - this.config.env.WECHATPAY_QUERY_AFTER_SECONDS * 1000);
    const legs = await this.ds.getRepository(RefundLeg).find({ where: { status: 'PENDING', method: 'WECHAT', createdAt: LessThan(quiet) }, take: 100 });
    for (const leg of legs) {
      try {
        const state = await this.wechat.queryRefund(leg.outRefundNo);
        if (state.status === 'SUCCESS') await this.completeLeg(leg, state.refund_id);
      } catch (err) {
        if (err instanceof WechatPayRefusal && err.code === 'RESOURCE_NOT_EXISTS') await this.sendLeg(leg); // the request itself never arrived
        else this.logger.event('warn', 'Refunds', 'refund query failed; next run tries again', { legId: leg.id, error: (err as Error).message });
      }
    }
    return legs.length;
  }

  /** The same key again: the same refund (resumed if it stopped half way), or a conflict if it named another bill. */
  private async again(actor: Actor, earlier: Refund, billId: string): Promise<RefundReply> {
    if (earlier.billId !== billId) throw new DomainError('REFUND.IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used for a different refund');
    return earlier.status === 'PENDING' ? this.proceed(actor, earlier.id) : (await this.replies([earlier]))[0];
  }

  /** Writes the whole refund in one transaction, or nothing. */
  /** Answers the bill's patient, for the audit row. */
  private async write(m: EntityManager, refund: Refund, dto: CreateRefundDto): Promise<string> {
    const bill = isUuid(refund.billId) ? await forUpdate(m.createQueryBuilder(Bill, 'b').where('b.id = :id AND b.clinicId = :c', { id: refund.billId, c: refund.clinicId })).getOne() : null;
    if (!bill) throw notFound('Bill');
    if (bill.paidFen - bill.refundedFen <= 0) throw new DomainError('REFUND.NOT_PAID', 'Nothing was paid on this bill');
    const plan = this.plan(await m.findBy(BillLine, { billId: bill.id }), dto);
    refund.amountFen = plan.reduce((s, p) => s + p.amountFen, 0);

    for (const p of plan) {
      const moved = await m
        .createQueryBuilder()
        .update(BillLine)
        .set({ refundedQty: () => 'refunded_qty + :q', refundedFen: () => 'refunded_fen + :a' })
        .where('id = :id AND refunded_fen + :a <= amount_fen AND refunded_qty + :q <= quantity - dispensed_qty + returned_qty', { id: p.line.id, q: p.quantity, a: p.amountFen })
        .execute();
      if (moved.affected !== 1) throw new DomainError('REFUND.EXCEEDS_PAID', `${p.line.name}: more than is left to refund`);
    }
    const onBill = await m.createQueryBuilder().update(Bill).set({ refundedFen: () => 'refunded_fen + :a' }).where('id = :id AND refunded_fen + :a <= paid_fen', { id: bill.id, a: refund.amountFen }).execute();
    if (onBill.affected !== 1) throw new DomainError('REFUND.EXCEEDS_PAID', `At most ${bill.paidFen - bill.refundedFen} fen can be refunded on this bill`, { refundableFen: bill.paidFen - bill.refundedFen });
    await m.update(Bill, { id: bill.id }, { status: statusOf(bill.totalFen, bill.paidFen, bill.refundedFen + refund.amountFen) });

    await m.insert(Refund, refund);
    await m.insert(RefundLine, plan.map((p) => ({ id: randomUUID(), refundId: refund.id, billLineId: p.line.id, quantity: p.quantity, releaseQty: p.releaseQty, amountFen: p.amountFen })));
    await m.insert(RefundLeg, await this.legs(m, refund));
    return bill.patientId;
  }

  /**
   * What each requested line gives back. Drug lines go by units: those never dispensed, or those dispensed and
   * since returned to pharmacy; anything else is REFUND.NOT_RETURNED. Other lines go by units or by an amount.
   */
  private plan(lines: BillLine[], dto: CreateRefundDto): Planned[] {
    const seen = new Set<string>();
    const bad: { field: string; errors: string[] }[] = [];
    const notReturned: { lineId: string; name: string; refundableQty: number }[] = [];
    const plan: Planned[] = [];
    dto.lines.forEach((want, i) => {
      const line = lines.find((l) => l.id === want.lineId);
      if (!line) return bad.push({ field: `lines.${i}.lineId`, errors: ['not a line of this bill'] });
      if (seen.has(line.id)) return bad.push({ field: `lines.${i}.lineId`, errors: ['named twice'] });
      seen.add(line.id);
      if ((want.quantity === undefined) === (want.amountFen === undefined)) return bad.push({ field: `lines.${i}.quantity`, errors: ['give quantity or amountFen, one of them'] });
      if (want.amountFen !== undefined) {
        if (line.kind === 'DRUG') return bad.push({ field: `lines.${i}.amountFen`, errors: ['drug lines are refunded by quantity'] });
        return plan.push({ line, quantity: 0, releaseQty: 0, amountFen: want.amountFen });
      }
      const q = want.quantity!;
      const refundable = line.quantity - line.dispensedQty + line.returnedQty - line.refundedQty;
      if (q > refundable) {
        if (line.kind === 'DRUG' && line.dispensedQty > 0) return notReturned.push({ lineId: line.id, name: line.name, refundableQty: Math.max(0, refundable) });
        return bad.push({ field: `lines.${i}.quantity`, errors: [`at most ${Math.max(0, refundable)} can be refunded`] });
      }
      // The last units take whatever is left of the amount, so part refunds before them never strand a fen.
      const amountFen = q === line.quantity - line.refundedQty ? line.amountFen - line.refundedFen : q * line.unitPriceFen;
      plan.push({ line, quantity: q, releaseQty: line.kind === 'DRUG' && line.dispensedQty === 0 ? q : 0, amountFen });
    });
    if (bad.length) throw invalidFields(bad);
    if (notReturned.length) throw new DomainError('REFUND.NOT_RETURNED', 'Dispensed drugs must be returned at the pharmacy window before they are refunded', notReturned);
    if (plan.some((p) => p.amountFen <= 0)) throw new DomainError('REFUND.EXCEEDS_PAID', 'Nothing is left to refund on a requested line');
    return plan;
  }

  /**
   * Splits the refund over the bill's payments: cash, card and WeChat first, latest first; 医保 last, and only
   * whole (a settlement is revoked, never cut). Each payment's refunded amount moves by a conditional update.
   */
  private async legs(m: EntityManager, refund: Refund): Promise<RefundLeg[]> {
    const payments = await m.find(Payment, { where: { billId: refund.billId, status: 'SUCCEEDED' }, order: { paidAt: 'DESC', createdAt: 'DESC' } });
    const ordered = [...payments.filter((p) => p.method !== 'INSURANCE'), ...payments.filter((p) => p.method === 'INSURANCE')];
    let left = refund.amountFen;
    const legs: RefundLeg[] = [];
    const now = Date.now();
    for (const p of ordered) {
      if (left === 0) break;
      const open = p.amountFen - p.refundedFen;
      if (open <= 0) continue;
      const take = Math.min(left, open);
      if (p.method === 'INSURANCE' && take !== p.amountFen) throw new DomainError('REFUND.INSURANCE_WHOLE', '医保 settlements are revoked whole: refund the whole insured amount, or less than the self-paid part');
      const moved = await m.createQueryBuilder().update(Payment).set({ refundedFen: () => 'refunded_fen + :t' }).where('id = :id AND refunded_fen + :t <= amount_fen', { id: p.id, t: take }).execute();
      if (moved.affected !== 1) throw new DomainError('REFUND.EXCEEDS_PAID', 'A payment of this bill changed; try again');
      legs.push({ id: randomUUID(), clinicId: refund.clinicId, refundId: refund.id, paymentId: p.id, method: p.method, amountFen: take, status: 'PENDING', outRefundNo: outTradeNo('R'), channelRefundId: null, businessDate: null, createdAt: new Date(now + legs.length), completedAt: null }); // a millisecond apart: listed in the order the money goes back
      left -= take;
    }
    if (left > 0) throw new DomainError('REFUND.EXCEEDS_PAID', 'The payments of this bill do not cover the refund');
    return legs;
  }

  /** Pharmacy first (units never dispensed come off the prescription), then the money, leg by leg. */
  private async proceed(actor: Actor, refundId: string): Promise<RefundReply> {
    const refund = await this.ds.getRepository(Refund).findOneByOrFail({ id: refundId });
    const lines = await this.ds.getRepository(RefundLine).findBy({ refundId });
    const billLines = new Map((await this.ds.getRepository(BillLine).findBy({ id: In(lines.map((l) => l.billLineId)) })).map((l) => [l.id, l]));
    const byPrescription = new Map<string, { key: string; lines: { drugId: string; quantity: number }[] }>();
    for (const l of lines) {
      const bl = billLines.get(l.billLineId)!;
      if (l.releaseQty === 0 || !bl.itemId) continue;
      const group = byPrescription.get(bl.refId) ?? { key: l.id, lines: [] };
      group.lines.push({ drugId: bl.itemId, quantity: l.releaseQty });
      byPrescription.set(bl.refId, group);
    }
    for (const [prescriptionId, group] of byPrescription) {
      try {
        // Keyed by the first refund line of the prescription: one refund may cover several prescriptions.
        await this.services.send('pharmacy', Patterns.pharmacy.refundRelease, { prescriptionId, refundId: group.key, lines: group.lines }, actor);
      } catch (err) {
        if (err instanceof DomainError && err.code === 'REFUND.NOT_RETURNED') {
          await this.undo(refund.id);
          throw err;
        }
        throw err; // no answer: the refund stays pending, and the same key resumes it
      }
    }
    const legs = await this.ds.getRepository(RefundLeg).findBy({ refundId, status: 'PENDING' });
    for (const leg of legs) await this.sendLeg(leg);
    return (await this.replies([await this.ds.getRepository(Refund).findOneByOrFail({ id: refundId })]))[0];
  }

  /** Moves one leg's money: at the desk at once; WeChat Pay by its out_refund_no (a retry repeats it); 医保 by revoking. */
  private async sendLeg(leg: RefundLeg): Promise<void> {
    if (leg.method === 'CASH' || leg.method === 'CARD') return this.completeLeg(leg, null);
    const payment = await this.ds.getRepository(Payment).findOneByOrFail({ id: leg.paymentId });
    if (leg.method === 'INSURANCE') {
      const revoked = await this.insurance.revoke({ settlementId: payment.channelTxnId!, msgId: leg.outRefundNo });
      return this.completeLeg(leg, revoked.revokeId);
    }
    try {
      const state = await this.wechat.refund({ outTradeNo: payment.outTradeNo!, outRefundNo: leg.outRefundNo, refundFen: leg.amountFen, totalFen: payment.amountFen, reason: '诊所退费' });
      if (state.status === 'SUCCESS') await this.completeLeg(leg, state.refund_id);
    } catch (err) {
      // Unanswered or refused: the leg stays pending with its out_refund_no; a retry or the job asks again.
      this.logger.event('warn', 'Refunds', 'WeChat refund not confirmed yet', { legId: leg.id, error: (err as Error).message });
    }
  }

  /** A leg's money went back: it is written in the journal once, and the refund is done when every leg is. */
  private async completeLeg(leg: RefundLeg, channelRefundId: string | null): Promise<void> {
    await this.tx.run(async (m) => {
      const bill = await forUpdate(m.createQueryBuilder(Bill, 'b').innerJoin(Refund, 'r', 'r.billId = b.id').where('r.id = :id', { id: leg.refundId })).getOneOrFail();
      const now = new Date();
      const done = await m.createQueryBuilder().update(RefundLeg).set({ status: 'SUCCEEDED', channelRefundId, completedAt: now }).where("id = :id AND status = 'PENDING'", { id: leg.id }).execute();
      if (done.affected !== 1) return;
      const businessDate = await this.days.record(m, bill, { kind: 'REFUND', method: leg.method, amountFen: -leg.amountFen, paymentId: leg.paymentId, sourceId: leg.id }, now);
      await m.update(RefundLeg, { id: leg.id }, { businessDate });
      const open = await m.countBy(RefundLeg, { refundId: leg.refundId, status: In(['PENDING', 'FAILED']) });
      if (open === 0) await m.update(Refund, { id: leg.refundId, status: 'PENDING' }, { status: 'SUCCEEDED', completedAt: now });
    });
  }

  /** Pharmacy refused (the drugs were dispensed meanwhile): every counter the refund moved goes back, once. */
  private async undo(refundId: string): Promise<void> {
    await this.tx.run(async (m) => {
      const refund = await m.findOneByOrFail(Refund, { id: refundId });
      const bill = await forUpdate(m.createQueryBuilder(Bill, 'b').where('b.id = :id', { id: refund.billId })).getOneOrFail();
      const failed = await m.update(Refund, { id: refundId, status: 'PENDING' }, { status: 'FAILED', completedAt: new Date() });
      if (failed.affected !== 1) return;
      for (const leg of await m.findBy(RefundLeg, { refundId })) {
        await m.createQueryBuilder().update(Payment).set({ refundedFen: () => 'refunded_fen - :a' }).where('id = :id', { id: leg.paymentId, a: leg.amountFen }).execute();
      }
      await m.update(RefundLeg, { refundId }, { status: 'FAILED' });
      for (const l of await m.findBy(RefundLine, { refundId })) {
        await m.createQueryBuilder().update(BillLine).set({ refundedQty: () => 'refunded_qty - :q', refundedFen: () => 'refunded_fen - :a' }).where('id = :id', { id: l.billLineId, q: l.quantity, a: l.amountFen }).execute();
      }
      await m.update(Bill, { id: bill.id }, { refundedFen: bill.refundedFen - refund.amountFen, status: statusOf(bill.totalFen, bill.paidFen, bill.refundedFen - refund.amountFen) });
    });
  }
}
