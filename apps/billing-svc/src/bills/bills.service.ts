import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  Events,
  type Actor,
  type BillPaidEvent,
  type BillReply,
  type CreatePaymentDto,
  type ListBillsQuery,
  type MessageMeta,
  type Page,
  type DrugReturnedEvent,
  type PaymentReply,
  type PrescriptionDispensedEvent,
  type RegistrationPaidEvent,
} from '@clinic/contracts';
import { AuditTrail, DomainError, forUpdate, isUniqueViolation, isUuid, JsonLogger, notFound, Outbox, paging, Tx } from '@clinic/platform';
import { DataSource, In, type EntityManager } from 'typeorm';
import { BusinessDays } from '../money/business-days';
import { RefundsService } from '../refunds/refunds.service';
import { MoneyDays } from '../stats/money-days';
import { requireKey, statusOf } from './bill-rules';
import { Bill, BillLine, Payment, Refund } from './bill.entities';

export interface BillSource {
  clinicId: string;
  patientId: string;
  sourceType: Bill['sourceType'];
  sourceId: string;
  doctorId?: string | null;
  departmentId?: string | null;
}

export type NewLine = Pick<BillLine, 'kind' | 'refId' | 'name' | 'unitPriceFen' | 'quantity'> & { itemId?: string | null };

@Injectable()
export class BillsService {
  constructor(
    private readonly ds: DataSource,
    private readonly tx: Tx,
    private readonly outbox: Outbox,
    private readonly logger: JsonLogger,
    private readonly days: BusinessDays,
    private readonly refunds: RefundsService,
    private readonly audit: AuditTrail,
    private readonly summary: MoneyDays,
  ) {}

  /** SQLite spells the two-argument minimum MIN. */
  private get least() {
    return this.ds.options.type === 'better-sqlite3' ? 'MIN' : 'LEAST';
  }

  /** Adds lines to the source's bill, opening it first if it has none; the total moves under the bill's row lock. */
  async addLines(m: EntityManager, source: BillSource, lines: NewLine[]): Promise<void> {
    const bill = await this.lockedBill(m, source);
    const now = new Date();
    const existing = await m.count(BillLine, { where: { billId: bill.id } });
    const rows = lines.map((l, i) => ({ id: randomUUID(), billId: bill.id, lineNo: existing + i + 1, itemId: l.itemId ?? null, kind: l.kind, refId: l.refId, name: l.name.slice(0, 100), unitPriceFen: l.unitPriceFen, quantity: l.quantity, amountFen: l.unitPriceFen * l.quantity, createdAt: now }));
    if (rows.length) await m.insert(BillLine, rows);
    const total = bill.totalFen + rows.reduce((sum, r) => sum + r.amountFen, 0);
    await m.update(Bill, { id: bill.id }, { totalFen: total, status: statusOf(total, bill.paidFen, bill.refundedFen) });
    // A paid bill keeps its paid_at when lines are added: the day it counts on among the bills paid has a new total.
    if (total !== bill.totalFen) await this.summary.billMoved(m, bill.clinicId, bill.paidAt, bill.paidAt);
  }

  /** A cancelled prescription leaves its unpaid bill; what was already paid cannot be taken off by a cancel. */
  async removeLines(m: EntityManager, clinicId: string, refId: string): Promise<void> {
    const lines = await m.find(BillLine, { where: { refId, kind: 'DRUG' } });
    if (!lines.length) return;
    const bill = await forUpdate(m.createQueryBuilder(Bill, 'b').where('b.id = :id AND b.clinicId = :clinicId', { id: lines[0].billId, clinicId })).getOne();
    if (!bill) return;
    const sum = lines.reduce((s, l) => s + l.amountFen, 0);
    if (bill.totalFen - sum < bill.paidFen + bill.pendingFen) {
      this.logger.event('warn', 'Bills', 'a cancelled prescription is on a paid part of its bill: refund it', { billId: bill.id, prescriptionId: refId });
      return;
    }
    await m.delete(BillLine, { id: In(lines.map((l) => l.id)) });
    await m.update(Bill, { id: bill.id }, { totalFen: bill.totalFen - sum, status: statusOf(bill.totalFen - sum, bill.paidFen, bill.refundedFen) });
    if (sum !== 0) await this.summary.billMoved(m, bill.clinicId, bill.paidAt, bill.paidAt);
  }

  /**
   * Takes a desk payment. The payment row goes in first under its unique idempotency key, so a repeat (even a
   * concurrent one) waits, fails on the key, and answers the first payment; then the paid amount moves by a
   * conditional update that never passes the total. A bill paid in full announces it (bill.paid, and
   * registration.paid for a prepaid appointment) through the outbox.
   */
  async pay(actor: Actor, meta: MessageMeta, billId: string, key: string | undefined, dto: CreatePaymentDto): Promise<PaymentReply> {
    requireKey(key);
    const earlier = await this.byKey(actor, key);
    if (earlier) return this.repeat(earlier, billId, dto);
    if (dto.method === 'CASH' && dto.tenderedFen !== undefined && dto.tenderedFen < dto.amountFen) {
      throw new DomainError('PAYMENT.TENDER_SHORT', 'The cash handed over is less than the amount', [{ field: 'tenderedFen', errors: ['tenderedFen must be at least amountFen'] }]);
    }
    const now = new Date();
    const payment: Payment = {
      ...newPayment(actor.clinicId, billId, dto.method, dto.amountFen, key, actor.id, now),
      tenderedFen: dto.method === 'CASH' ? (dto.tenderedFen ?? dto.amountFen) : null,
      changeFen: dto.method === 'CASH' ? (dto.tenderedFen ?? dto.amountFen) - dto.amountFen : null,
      status: 'SUCCEEDED',
      paidAt: now,
    };
    try {
      await this.tx.run(async (m) => {
        const bill = isUuid(billId) ? await forUpdate(m.createQueryBuilder(Bill, 'b').where('b.id = :billId AND b.clinicId = :clinicId', { billId, clinicId: actor.clinicId })).getOne() : null;
        if (!bill) throw notFound('Bill');
        if (bill.pendingFen > 0 && bill.paidFen + bill.pendingFen + dto.amountFen > bill.totalFen) {
          throw new DomainError('PAYMENT.ONLINE_PENDING', 'A WeChat or 医保 payment of this bill has not finished; close it first', { pendingFen: bill.pendingFen });
        }
        await m.insert(Payment, payment);
        await this.credit(m, bill, payment);
        await this.audit.append(m, actor, meta, [{ action: 'PAYMENT_TAKE', patientId: bill.patientId, outcome: 'OK' }]);
      });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      return this.repeat((await this.byKey(actor, key))!, billId, dto);
    }
    return paymentReply(payment);
  }

  /** Pharmacy handed the drugs out: refunding them now needs them returned first. */
  async markDispensed(m: EntityManager, e: PrescriptionDispensedEvent): Promise<void> {
    for (const l of e.lines) {
      await m.createQueryBuilder().update(BillLine).set({ dispensedQty: () => 'LEAST(quantity, :q)'.replace('LEAST', this.least) }).where("ref_id = :rx AND kind = 'DRUG' AND item_id = :drug", { rx: e.prescriptionId, drug: l.drugId, q: l.quantity }).execute();
    }
  }

  /** Units came back to pharmacy's stock: that many may now be refunded. */
  async markReturned(m: EntityManager, e: DrugReturnedEvent): Promise<void> {
    for (const item of e.items) {
      const moved = await m
        .createQueryBuilder()
        .update(BillLine)
        .set({ returnedQty: () => 'returned_qty + :q' })
        .where("ref_id = :rx AND kind = 'DRUG' AND item_id = :drug AND returned_qty + :q <= dispensed_qty", { rx: e.prescriptionId, drug: item.drugId, q: item.quantity })
        .execute();
      if (moved.affected !== 1) this.logger.event('warn', 'Bills', 'a drug return does not match its bill line', { prescriptionId: e.prescriptionId, drugId: item.drugId, quantity: item.quantity });
    }
  }

  /** Bills of the clinic; for a patient's account, only those of the patients on it (named by the gateway). */
  async list(actor: Actor, q: ListBillsQuery, patientIds?: string[]): Promise<Page<BillReply>> {
    const { page, pageSize, skip } = paging(q);
    if (patientIds && (!patientIds.length || (q.patientId && !patientIds.includes(q.patientId)))) return { items: [], total: 0, page, pageSize };
    const patient = q.patientId ? { patientId: q.patientId } : patientIds ? { patientId: In(patientIds) } : {};
    const where = { clinicId: actor.clinicId, ...patient, ...(q.status ? { status: q.status } : {}) };
    const [rows, total] = await this.ds.getRepository(Bill).findAndCount({ where, order: { createdAt: 'DESC', id: 'ASC' }, skip, take: pageSize });
    return { items: await this.replies(rows), total, page, pageSize };
  }

  async get(actor: Actor, id: string, patientIds?: string[]): Promise<BillReply> {
    const bill = isUuid(id) ? await this.ds.getRepository(Bill).findOneBy({ id, clinicId: actor.clinicId }) : null;
    if (!bill || (patientIds && !patientIds.includes(bill.patientId))) throw notFound('Bill');
    return (await this.replies([bill]))[0];
  }

  /**
   * Moves a succeeded payment onto its locked bill, writing it in the journal first: a conditional update that never passes the total (less what
   * is held by other pending payments, and what this one held itself), then the status, and bill.paid when in full.
   */
  async credit(m: EntityManager, bill: Bill, payment: Payment, heldFen = 0): Promise<void> {
    payment.businessDate = await this.days.record(m, bill, { kind: 'PAYMENT', method: payment.method, amountFen: payment.amountFen, paymentId: payment.id, sourceId: payment.id }, payment.paidAt ?? new Date());
    await m.update(Payment, { id: payment.id }, { businessDate: payment.businessDate });
    const moved = await m
      .createQueryBuilder()
      .update(Bill)
      .set({ paidFen: () => 'paid_fen + :a', pendingFen: () => 'pending_fen - :h' })
      .where('id = :id AND paid_fen + pending_fen - :h + :a <= total_fen AND pending_fen >= :h', { id: bill.id, a: payment.amountFen, h: heldFen })
      .execute();
    const due = bill.totalFen - bill.paidFen - bill.pendingFen;
    if (moved.affected !== 1) throw new DomainError('PAYMENT.EXCEEDS_DUE', `At most ${due} fen is due on this bill`, { dueFen: due });
    const paid = bill.paidFen + payment.amountFen;
    const status = statusOf(bill.totalFen, paid, bill.refundedFen);
    const paidAt = status === 'PAID' ? payment.paidAt : null;
    await m.update(Bill, { id: bill.id }, { status, paidAt });
    // A late WeChat or 医保 answer pays the bill on an earlier day; a bill paid before and then owing again moves off its day.
    await this.summary.billMoved(m, bill.clinicId, bill.paidAt, paidAt);
    if (status === 'PAID') await this.announcePaid(m, bill, payment);
  }

  private async announcePaid(m: EntityManager, bill: Bill, payment: Payment) {
    const lines = await m.find(BillLine, { where: { billId: bill.id } });
    const refs = (kind: BillLine['kind']) => [...new Set(lines.filter((l) => l.kind === kind).map((l) => l.refId))];
    await this.outbox.add<BillPaidEvent>(m, Events.billPaid, { clinicId: bill.clinicId, billId: bill.id, patientId: bill.patientId, prescriptionIds: refs('DRUG'), appointmentIds: refs('REGISTRATION'), paidAt: (payment.paidAt ?? payment.createdAt).toISOString() });
    if (bill.sourceType === 'APPOINTMENT') {
      await this.outbox.add<RegistrationPaidEvent>(m, Events.registrationPaid, { clinicId: bill.clinicId, appointmentId: bill.sourceId, amountFen: bill.totalFen, paymentId: payment.id });
    }
  }

  /** The same key again: the same answer if it is the same payment, else a conflict (a key names one payment). */
  private repeat(earlier: Payment, billId: string, dto: CreatePaymentDto): PaymentReply {
    if (earlier.billId !== billId || earlier.amountFen !== dto.amountFen || earlier.method !== dto.method) {
      throw new DomainError('PAYMENT.IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used for a different payment');
    }
    return paymentReply(earlier);
  }

  private byKey(actor: Actor, key: string) {
    return this.ds.getRepository(Payment).findOneBy({ clinicId: actor.clinicId, idempotencyKey: key });
  }

  /** The source's bill, locked; opened first when it has none (a racing twin's insert wins, and we take its row). */
  private async lockedBill(m: EntityManager, s: BillSource): Promise<Bill> {
    const find = () => forUpdate(m.createQueryBuilder(Bill, 'b').where('b.clinicId = :c AND b.sourceType = :t AND b.sourceId = :s', { c: s.clinicId, t: s.sourceType, s: s.sourceId })).getOne();
    const found = await find();
    if (found) return found;
    const bill: Bill = {
      id: randomUUID(),
      clinicId: s.clinicId,
      patientId: s.patientId,
      sourceType: s.sourceType,
      sourceId: s.sourceId,
      doctorId: s.doctorId ?? null,
      departmentId: s.departmentId ?? null,
      status: 'OPEN',
      totalFen: 0,
      paidFen: 0,
      pendingFen: 0,
      refundedFen: 0,
      createdAt: new Date(),
      paidAt: null,
    };
    try {
      await m.insert(Bill, bill);
      return bill;
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      return (await find())!;
    }
  }

  private async replies(bills: Bill[]): Promise<BillReply[]> {
    if (!bills.length) return [];
    const ids = bills.map((b) => b.id);
    const lines = await this.ds.getRepository(BillLine).find({ where: { billId: In(ids) }, order: { lineNo: 'ASC' } });
    const payments = await this.ds.getRepository(Payment).find({ where: { billId: In(ids) }, order: { createdAt: 'ASC' } });
    const refunds = await this.refunds.replies(await this.ds.getRepository(Refund).find({ where: { billId: In(ids) }, order: { createdAt: 'ASC' } }));
    return bills.map((b) => ({
      id: b.id,
      patientId: b.patientId,
      sourceType: b.sourceType,
      sourceId: b.sourceId,
      status: b.status,
      totalFen: b.totalFen,
      paidFen: b.paidFen,
      pendingFen: b.pendingFen,
      refundedFen: b.refundedFen,
      dueFen: b.totalFen - b.paidFen - b.pendingFen,
      doctorId: b.doctorId,
      departmentId: b.departmentId,
      lines: lines
        .filter((l) => l.billId === b.id)
        .map((l) => ({
          id: l.id,
          kind: l.kind,
          refId: l.refId,
          itemId: l.itemId,
          name: l.name,
          unitPriceFen: l.unitPriceFen,
          quantity: l.quantity,
          amountFen: l.amountFen,
          dispensedQty: l.dispensedQty,
          returnedQty: l.returnedQty,
          refundedQty: l.refundedQty,
          refundedFen: l.refundedFen,
        })),
      payments: payments.filter((p) => p.billId === b.id).map(paymentReply),
      refunds: refunds.filter((r) => r.billId === b.id),
      createdAt: b.createdAt.toISOString(),
    }));
  }
}

/** A payment row before its channel has answered: pending, not yet booked to a day. */
export function newPayment(clinicId: string, billId: string, method: Payment['method'], amountFen: number, key: string, by: string, now: Date): Payment {
  return {
    id: randomUUID(),
    clinicId,
    billId,
    method,
    amountFen,
    tenderedFen: null,
    changeFen: null,
    idempotencyKey: key,
    status: 'PENDING',
    businessDate: null,
    outTradeNo: null,
    channelTxnId: null,
    refundedFen: 0,
    detail: null,
    createdBy: by,
    createdAt: now,
    paidAt: null,
    expiresAt: null,
  };
}

export function paymentReply(p: Payment): PaymentReply {
  return {
    id: p.id,
    billId: p.billId,
    method: p.method,
    status: p.status,
    amountFen: p.amountFen,
    refundedFen: p.refundedFen,
    tenderedFen: p.tenderedFen,
    changeFen: p.changeFen,
    businessDate: p.businessDate,
    detail: p.detail ? (JSON.parse(p.detail) as Record<string, unknown>) : null,
    createdAt: p.createdAt.toISOString(),
    paidAt: p.paidAt?.toISOString() ?? null,
  };
}
