import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  Events,
  type Actor,
  type BillPaidEvent,
  type BillReply,
  type BillStatus,
  type CreatePaymentDto,
  type ListBillsQuery,
  type Page,
  type PaymentReply,
  type RegistrationPaidEvent,
} from '@clinic/contracts';
import { DomainError, forUpdate, isUniqueViolation, isUuid, JsonLogger, notFound, Outbox, paging, Tx } from '@clinic/platform';
import { DataSource, In, type EntityManager } from 'typeorm';
import { Bill, BillLine, Payment } from './bill.entities';

export interface BillSource {
  clinicId: string;
  patientId: string;
  sourceType: Bill['sourceType'];
  sourceId: string;
}

export type NewLine = Pick<BillLine, 'kind' | 'refId' | 'name' | 'unitPriceFen' | 'quantity'> & { itemId?: string | null };

/** What a client may send as an Idempotency-Key: printable, at most 64 characters. */
const KEY = /^[\x21-\x7e]{8,64}$/;

@Injectable()
export class BillsService {
  constructor(
    private readonly ds: DataSource,
    private readonly tx: Tx,
    private readonly outbox: Outbox,
    private readonly logger: JsonLogger,
  ) {}

  /** Adds lines to the source's bill, opening it first if it has none; the total moves under the bill's row lock. */
  async addLines(m: EntityManager, source: BillSource, lines: NewLine[]): Promise<void> {
    const bill = await this.lockedBill(m, source);
    const now = new Date();
    const existing = await m.count(BillLine, { where: { billId: bill.id } });
    const rows = lines.map((l, i) => ({ id: randomUUID(), billId: bill.id, lineNo: existing + i + 1, itemId: l.itemId ?? null, kind: l.kind, refId: l.refId, name: l.name.slice(0, 100), unitPriceFen: l.unitPriceFen, quantity: l.quantity, amountFen: l.unitPriceFen * l.quantity, createdAt: now }));
    if (rows.length) await m.insert(BillLine, rows);
    const total = bill.totalFen + rows.reduce((sum, r) => sum + r.amountFen, 0);
    await m.update(Bill, { id: bill.id }, { totalFen: total, status: statusOf(total, bill.paidFen) });
  }

  /** A cancelled prescription leaves its unpaid bill; what was already paid cannot be taken off by a cancel. */
  async removeLines(m: EntityManager, clinicId: string, refId: string): Promise<void> {
    const lines = await m.find(BillLine, { where: { refId, kind: 'DRUG' } });
    if (!lines.length) return;
    const bill = await forUpdate(m.createQueryBuilder(Bill, 'b').where('b.id = :id AND b.clinicId = :clinicId', { id: lines[0].billId, clinicId })).getOne();
    if (!bill) return;
    const sum = lines.reduce((s, l) => s + l.amountFen, 0);
    if (bill.totalFen - sum < bill.paidFen) {
      this.logger.event('warn', 'Bills', 'a cancelled prescription is on a paid part of its bill: refund it', { billId: bill.id, prescriptionId: refId });
      return;
    }
    await m.delete(BillLine, { id: In(lines.map((l) => l.id)) });
    await m.update(Bill, { id: bill.id }, { totalFen: bill.totalFen - sum, status: statusOf(bill.totalFen - sum, bill.paidFen) });
  }

  /**
   * Takes a desk payment. The payment row goes in first under its unique idempotency key, so a repeat (even a
   * concurrent one) waits, fails on the key, and answers the first payment; then the paid amount moves by a
   * conditional update that never passes the total. A bill paid in full announces it (bill.paid, and
   * registration.paid for a prepaid appointment) through the outbox.
   */
  async pay(actor: Actor, billId: string, key: string | undefined, dto: CreatePaymentDto): Promise<PaymentReply> {
    if (!key || !KEY.test(key)) throw new DomainError('PAYMENT.IDEMPOTENCY_KEY_REQUIRED', 'Send an Idempotency-Key header (8-64 printable characters) with every payment');
    const earlier = await this.byKey(actor, key);
    if (earlier) return this.repeat(earlier, billId, dto);
    if (dto.method === 'CASH' && dto.tenderedFen !== undefined && dto.tenderedFen < dto.amountFen) {
      throw new DomainError('PAYMENT.TENDER_SHORT', 'The cash handed over is less than the amount', [{ field: 'tenderedFen', errors: ['tenderedFen must be at least amountFen'] }]);
    }
    const payment: Payment = {
      id: randomUUID(),
      clinicId: actor.clinicId,
      billId,
      method: dto.method,
      amountFen: dto.amountFen,
      tenderedFen: dto.method === 'CASH' ? (dto.tenderedFen ?? dto.amountFen) : null,
      changeFen: dto.method === 'CASH' ? (dto.tenderedFen ?? dto.amountFen) - dto.amountFen : null,
      idempotencyKey: key,
      createdBy: actor.id,
      createdAt: new Date(),
    };
    try {
      await this.tx.run(async (m) => {
        const bill = isUuid(billId) ? await forUpdate(m.createQueryBuilder(Bill, 'b').where('b.id = :billId AND b.clinicId = :clinicId', { billId, clinicId: actor.clinicId })).getOne() : null;
        if (!bill) throw notFound('Bill');
        await m.insert(Payment, payment);
        const moved = await m.createQueryBuilder().update(Bill).set({ paidFen: () => 'paid_fen + :a' }).where('id = :id AND paid_fen + :a <= total_fen', { id: bill.id, a: dto.amountFen }).execute();
        if (moved.affected !== 1) throw new DomainError('PAYMENT.EXCEEDS_DUE', `At most ${bill.totalFen - bill.paidFen} fen is due on this bill`, { dueFen: bill.totalFen - bill.paidFen });
        const paid = bill.paidFen + dto.amountFen;
        const status = statusOf(bill.totalFen, paid);
        await m.update(Bill, { id: bill.id }, { status, paidAt: status === 'PAID' ? payment.createdAt : null });
        if (status === 'PAID') await this.announcePaid(m, bill, payment);
      });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      return this.repeat((await this.byKey(actor, key))!, billId, dto);
    }
    return paymentReply(payment);
  }

  async list(actor: Actor, q: ListBillsQuery): Promise<Page<BillReply>> {
    const { page, pageSize, skip } = paging(q);
    const where = { clinicId: actor.clinicId, ...(q.patientId ? { patientId: q.patientId } : {}), ...(q.status ? { status: q.status } : {}) };
    const [rows, total] = await this.ds.getRepository(Bill).findAndCount({ where, order: { createdAt: 'DESC', id: 'ASC' }, skip, take: pageSize });
    return { items: await this.replies(rows), total, page, pageSize };
  }

  async get(actor: Actor, id: string): Promise<BillReply> {
    const bill = isUuid(id) ? await this.ds.getRepository(Bill).findOneBy({ id, clinicId: actor.clinicId }) : null;
    if (!bill) throw notFound('Bill');
    return (await this.replies([bill]))[0];
  }

  private async announcePaid(m: EntityManager, bill: Bill, payment: Payment) {
    const lines = await m.find(BillLine, { where: { billId: bill.id } });
    const refs = (kind: BillLine['kind']) => [...new Set(lines.filter((l) => l.kind === kind).map((l) => l.refId))];
    await this.outbox.add<BillPaidEvent>(m, Events.billPaid, { clinicId: bill.clinicId, billId: bill.id, patientId: bill.patientId, prescriptionIds: refs('DRUG'), appointmentIds: refs('REGISTRATION'), paidAt: payment.createdAt.toISOString() });
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
    const bill: Bill = { id: randomUUID(), clinicId: s.clinicId, patientId: s.patientId, sourceType: s.sourceType, sourceId: s.sourceId, status: 'OPEN', totalFen: 0, paidFen: 0, createdAt: new Date(), paidAt: null };
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
    return bills.map((b) => ({
      id: b.id,
      patientId: b.patientId,
      sourceType: b.sourceType,
      sourceId: b.sourceId,
      status: b.status,
      totalFen: b.totalFen,
      paidFen: b.paidFen,
      dueFen: b.totalFen - b.paidFen,
      lines: lines.filter((l) => l.billId === b.id).map((l) => ({ id: l.id, kind: l.kind, refId: l.refId, name: l.name, unitPriceFen: l.unitPriceFen, quantity: l.quantity, amountFen: l.amountFen })),
      payments: payments.filter((p) => p.billId === b.id).map(paymentReply),
      createdAt: b.createdAt.toISOString(),
    }));
  }
}

/** Refunds come with the next step of billing; until then a bill is open, partly paid or paid. */
function statusOf(totalFen: number, paidFen: number): BillStatus {
  if (paidFen === 0) return 'OPEN';
  return paidFen < totalFen ? 'PARTIALLY_PAID' : 'PAID';
}

function paymentReply(p: Payment): PaymentReply {
  return { id: p.id, billId: p.billId, method: p.method, amountFen: p.amountFen, tenderedFen: p.tenderedFen, changeFen: p.changeFen, createdAt: p.createdAt.toISOString() };
}
