import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  type RefundReleaseDto,
  Events,
  type Actor,
  type BillPaidEvent,
  type DispensingQuery,
  type DispensingReply,
  type DrugReturnedEvent,
  type FieldError,
  type Page,
  type PrescriptionDispensedEvent,
  type ReservationReply,
  type ReserveDto,
  type ReturnDto,
  type ReturnReply,
  type StockShortage,
} from '@clinic/contracts';
import { Config, DomainError, forUpdate, invalidFields, isUniqueViolation, isUuid, notFound, Outbox, paging, Tx } from '@clinic/platform';
import { DataSource, In, LessThan, type EntityManager } from 'typeorm';
import { Drug } from '../drugs/drug.entity';
import { DrugsService } from '../drugs/drugs.service';
import { StockLedger, type Source } from '../stock/stock-ledger';
import { Batch } from '../stock/stock.entities';
import { DrugReturn, DrugReturnLine, LineAllocation, OrderLine, PharmacyOrder, RefundRelease } from './dispensing.entities';

@Injectable()
export class DispensingService {
  constructor(
    private readonly ds: DataSource,
    private readonly tx: Tx,
    private readonly ledger: StockLedger,
    private readonly drugs: DrugsService,
    private readonly outbox: Outbox,
    private readonly config: Config,
  ) {}

  /**
   * Reserves every line of a signed prescription, or nothing. Idempotent by prescription id: the order row is
   * inserted first, so a repeat (even a concurrent one) finds it and gets the same answer.
   */
  async reserve(actor: Actor, dto: ReserveDto): Promise<ReservationReply> {
    const drugs = new Map((await this.ds.getRepository(Drug).find({ where: { id: In(dto.items.map((i) => i.drugId)), clinicId: actor.clinicId } })).map((d) => [d.id, d]));
    const problems: FieldError[] = [];
    const seen = new Set<string>();
    dto.items.forEach((item, i) => {
      const drug = drugs.get(item.drugId);
      if (!drug) problems.push({ field: `items.${i}.drugId`, errors: ['unknown drug'] });
      else if (drug.retiredAt) problems.push({ field: `items.${i}.drugId`, errors: [`${drug.name} is no longer active`] });
      if (seen.has(item.drugId)) problems.push({ field: `items.${i}.drugId`, errors: ['the same drug is on another line'] });
      seen.add(item.drugId);
    });
    if (problems.length) throw invalidFields(problems);

    const today = this.drugs.today();
    const now = new Date();
    try {
      return await this.tx.run(async (m) => {
        const lines = dto.items.map((item, i) => {
          const drug = drugs.get(item.drugId)!;
          return {
            id: randomUUID(),
            prescriptionId: dto.prescriptionId,
            lineNo: i + 1,
            drugId: drug.id,
            drugName: drug.name,
            spec: drug.spec,
            unit: drug.unit,
            quantity: item.quantity,
            unitPriceFen: drug.priceFen,
            amountFen: drug.priceFen * item.quantity,
            dosage: item.dosage ?? null,
            frequency: item.frequency ?? null,
            route: item.route ?? null,
            days: item.days ?? null,
            returnedQuantity: 0,
          } satisfies OrderLine;
        });
        await m.insert(PharmacyOrder, {
          prescriptionId: dto.prescriptionId,
          clinicId: actor.clinicId,
          patientId: dto.patientId,
          patientName: dto.patientName.trim(),
          doctorName: dto.doctorName?.trim() || null,
          reservedBy: actor.id,
          status: 'RESERVED',
          validUntil: new Date(dto.validUntil),
          reservedAt: now,
          lapsesAt: new Date(now.getTime() + this.config.env.RESERVATION_HOLD_MINUTES * 60_000),
          paidAt: null,
          billId: null,
          dispensedAt: null,
          dispensedBy: null,
          closedAt: null,
          totalFen: lines.reduce((sum, l) => sum + l.amountFen, 0),
        });
        await m.insert(OrderLine, lines);
        const source: Source = { type: 'PRESCRIPTION', id: dto.prescriptionId, actorId: actor.id };
        const shortages: StockShortage[] = [];
        // One order of drugs for every transaction, so two prescriptions never wait on each other's batches.
        for (const line of [...lines].sort((a, b) => a.drugId.localeCompare(b.drugId))) {
          const { missing, available } = await this.ledger.reserve(m, line, actor.clinicId, line.quantity, today, source, true);
          if (missing > 0) shortages.push({ drugId: line.drugId, name: line.drugName, requested: line.quantity, available });
        }
        if (shortages.length) throw insufficient(shortages);
        return reservationReply(dto.prescriptionId, 'RESERVED', lines);
      });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      // The same prescription again: answer what the first call reserved.
      return this.reservation(actor, dto.prescriptionId);
    }
  }

  /** Cancelling a signed, unpaid prescription gives its stock back. Releasing twice is harmless. */
  async release(actor: Actor, prescriptionId: string): Promise<ReservationReply> {
    await this.tx.run(async (m) => {
      const order = await this.lockOwn(m, actor, prescriptionId);
      if (order.status === 'RELEASED' || order.status === 'LAPSED') return;
      const closed = await m.update(PharmacyOrder, { prescriptionId, status: 'RESERVED' }, { status: 'RELEASED', closedAt: new Date() });
      if (closed.affected !== 1) throw new DomainError('PRESCRIPTION.NOT_RELEASABLE', 'A paid or dispensed prescription is not released; refund it instead');
      await this.releaseAll(m, prescriptionId, { type: 'PRESCRIPTION', id: prescriptionId, actorId: actor.id, note: 'cancelled' });
    });
    return this.reservation(actor, prescriptionId);
  }

  /**
   * Billing refunds units that were never handed out: each line gives up that many units and their value (so usage
   * and the dispensing slip count what was handed out), and what was held for them goes back, latest expiry first (the soonest-expiring stay with the patient's remaining units). Under the
   * order's lock, so it is either before a dispense (which then hands out the rest) or refused after it.
   */
  async refundRelease(actor: Actor, dto: RefundReleaseDto): Promise<{ prescriptionId: string; status: string }> {
    return this.tx.run(async (m) => {
      const order = await this.lockOwn(m, actor, dto.prescriptionId);
      const done = await m.findOneBy(RefundRelease, { refundId: dto.refundId });
      if (done) return { prescriptionId: order.prescriptionId, status: order.status };
      if (order.status === 'DISPENSED') throw new DomainError('REFUND.NOT_RETURNED', 'These drugs were dispensed: return them at the window before refunding');
      await m.insert(RefundRelease, { refundId: dto.refundId, clinicId: order.clinicId, prescriptionId: order.prescriptionId, createdAt: new Date() });
      const source: Source = { type: 'REFUND', id: dto.refundId, actorId: actor.id };
      const { allocations, batches } = await this.held(m, dto.prescriptionId);
      for (const want of dto.lines) {
        const line = await m.findOneBy(OrderLine, { prescriptionId: dto.prescriptionId, drugId: want.drugId });
        const cut = line && (await m.createQueryBuilder().update(OrderLine).set({ quantity: () => 'quantity - :q', amountFen: () => 'amount_fen - :q * unit_price_fen' }).where('id = :id AND quantity >= :q', { id: line.id, q: want.quantity }).execute());
        if (!line || cut?.affected !== 1) throw new DomainError('VALIDATION.FAILED', `The prescription holds fewer units of drug ${want.drugId}`, [{ field: 'lines', errors: ['quantity exceeds the prescription'] }]);
        let left = want.quantity;
        const mine = allocations.filter((a) => a.lineId === line.id && a.reserved > 0).sort((a, b) => batches.get(b.batchId)!.expiryDate.localeCompare(batches.get(a.batchId)!.expiryDate));
        for (const a of mine) {
          if (left === 0) break;
          const take = Math.min(left, a.reserved);
          await this.ledger.releaseAllocation(m, a, batches.get(a.batchId)!, take, source);
          left -= take;
        }
      }
      const remaining = await m.createQueryBuilder(OrderLine, 'l').where('l.prescriptionId = :p AND l.quantity > 0', { p: dto.prescriptionId }).getCount();
      if (remaining === 0) await m.update(PharmacyOrder, { prescriptionId: dto.prescriptionId }, { status: 'RELEASED', closedAt: new Date() });
      return { prescriptionId: order.prescriptionId, status: remaining === 0 ? 'RELEASED' : order.status };
    });
  }

  /** Reservations never paid in time go back to stock. Each is a conditional update, so two copies sweeping agree. */
  async lapseUnpaid(now = new Date()): Promise<number> {
    const due = await this.ds.getRepository(PharmacyOrder).find({ where: { status: 'RESERVED', lapsesAt: LessThan(now) }, take: 200, order: { lapsesAt: 'ASC' } });
    let lapsed = 0;
    for (const order of due) {
      await this.tx.run(async (m) => {
        const closed = await m.update(PharmacyOrder, { prescriptionId: order.prescriptionId, status: 'RESERVED' }, { status: 'LAPSED', closedAt: now });
        if (closed.affected !== 1) return;
        await this.releaseAll(m, order.prescriptionId, { type: 'PRESCRIPTION', id: order.prescriptionId, actorId: 'system', note: 'unpaid reservation lapsed' });
        lapsed++;
      });
    }
    return lapsed;
  }

  /**
   * Billing says the bill is paid: its prescriptions are ready. One that lapsed meanwhile is ready too; its stock is
   * reserved again when it is dispensed.
   */
  async markPaid(m: EntityManager, event: BillPaidEvent): Promise<void> {
    for (const prescriptionId of event.prescriptionIds) {
      await m.update(PharmacyOrder, { prescriptionId, clinicId: event.clinicId, status: In(['RESERVED', 'LAPSED']) }, { status: 'READY', paidAt: new Date(event.paidAt), billId: event.billId, closedAt: null });
    }
  }

  /**
   * Hands out a paid prescription within its validity: each line from the batches it holds, topped up first expiry
   * first where a held batch expired meanwhile. Nothing is taken unless every line can be.
   */
  async dispense(actor: Actor, prescriptionId: string): Promise<DispensingReply> {
    const today = this.drugs.today();
    await this.tx.run(async (m) => {
      const order = await this.lockOwn(m, actor, prescriptionId);
      if (order.status !== 'READY') throw new DomainError('PRESCRIPTION.NOT_READY', order.status === 'DISPENSED' ? 'This prescription was already dispensed' : 'This prescription is not paid');
      const now = new Date();
      if (order.validUntil < now) throw new DomainError('PRESCRIPTION.EXPIRED', `This prescription expired at ${order.validUntil.toISOString()}`);
      const source: Source = { type: 'PRESCRIPTION', id: prescriptionId, actorId: actor.id };
      const lines = await m.find(OrderLine, { where: { prescriptionId }, order: { drugId: 'ASC' } });
      let { allocations, batches } = await this.held(m, prescriptionId);
      // Holds on batches that expired since the reservation go back; the line is topped up first expiry first.
      const usable = (batchId: string) => batches.get(batchId)!.status === 'ACTIVE' && batches.get(batchId)!.expiryDate >= today;
      for (const a of allocations) {
        if (a.reserved > 0 && !usable(a.batchId)) await this.ledger.releaseAllocation(m, a, batches.get(a.batchId)!, a.reserved, { ...source, note: 'batch expired' });
      }
      const shortages: StockShortage[] = [];
      let toppedUp = false;
      for (const line of lines) {
        const held = allocations.filter((a) => a.lineId === line.id && usable(a.batchId)).reduce((sum, a) => sum + a.reserved, 0);
        if (held >= line.quantity) continue;
        const topUp = await this.ledger.reserve(m, line, order.clinicId, line.quantity - held, today, source, false);
        if (topUp.missing > 0) shortages.push({ drugId: line.drugId, name: line.drugName, requested: line.quantity, available: held + topUp.available });
        toppedUp = true;
      }
      if (shortages.length) throw insufficient(shortages);
      if (toppedUp) ({ allocations, batches } = await this.held(m, prescriptionId));
      for (const a of allocations) {
        if (a.reserved === 0) continue;
        if (!(await this.ledger.move(m, batches.get(a.batchId)!, 'DISPENSE', { quantity: -a.reserved, reserved: -a.reserved }, source, today))) throw new Error(`batch ${a.batchId} cannot give what it holds`);
        await m.update(LineAllocation, { id: a.id }, { reserved: 0, dispensed: a.dispensed + a.reserved });
        a.dispensed += a.reserved;
      }
      const done = await m.update(PharmacyOrder, { prescriptionId, status: 'READY' }, { status: 'DISPENSED', dispensedAt: now, dispensedBy: actor.id });
      if (done.affected !== 1) throw new DomainError('PRESCRIPTION.NOT_READY', 'This prescription was already dispensed');
      await this.outbox.add<PrescriptionDispensedEvent>(m, Events.prescriptionDispensed, {
        clinicId: order.clinicId,
        prescriptionId,
        patientId: order.patientId,
        dispensedAt: now.toISOString(),
        lines: lines.map((l) => ({
          drugId: l.drugId,
          quantity: l.quantity,
          frequency: l.frequency,
          days: l.days,
          batches: allocations.filter((a) => a.lineId === l.id && a.dispensed > 0).map((a) => ({ batchNo: batches.get(a.batchId)!.batchNo, quantity: a.dispensed })),
        })),
      });
    });
    return this.get(actor, prescriptionId);
  }

  /** A prescription's allocations, and their batches locked for this transaction. */
  private async held(m: EntityManager, prescriptionId: string) {
    const allocations = await m.find(LineAllocation, { where: { prescriptionId }, order: { batchId: 'ASC' } });
    return { allocations, batches: await this.ledger.lock(m, [...new Set(allocations.map((a) => a.batchId))]) };
  }

  /** 退药: dispensed units come back to the batches they left, latest expiry first; never more than was dispensed. */
  async returnDrugs(actor: Actor, prescriptionId: string, dto: ReturnDto): Promise<ReturnReply> {
    const id = randomUUID();
    const items: ReturnReply['items'] = [];
    await this.tx.run(async (m) => {
      const order = await this.lockOwn(m, actor, prescriptionId);
      if (order.status !== 'DISPENSED') throw new DomainError('PRESCRIPTION.NOT_READY', 'Only dispensed drugs can be returned');
      const lines = await m.find(OrderLine, { where: { prescriptionId } });
      const now = new Date();
      const source: Source = { type: 'RETURN', id, actorId: actor.id, note: dto.reason.trim() };
      await m.insert(DrugReturn, { id, clinicId: order.clinicId, prescriptionId, reason: dto.reason.trim(), amountFen: 0, createdBy: actor.id, createdAt: now });
      for (const [i, item] of dto.items.entries()) {
        const line = lines.find((l) => l.drugId === item.drugId);
        if (!line) throw new DomainError('VALIDATION.FAILED', `items.${i}.drugId is not on this prescription`, [{ field: `items.${i}.drugId`, errors: ['not on this prescription'] }]);
        const counted = await m
          .createQueryBuilder()
          .update(OrderLine)
          .set({ returnedQuantity: () => 'returned_quantity + :q' })
          .where('id = :id AND returned_quantity + :q <= quantity', { id: line.id, q: item.quantity })
          .execute();
        if (counted.affected !== 1) {
          const fresh = await m.findOneOrFail(OrderLine, { where: { id: line.id } });
          throw new DomainError('RETURN.EXCEEDS_DISPENSED', `Only ${fresh.quantity - fresh.returnedQuantity} ${line.unit} of ${line.drugName} can still be returned`, [
            { drugId: line.drugId, name: line.drugName, requested: item.quantity, returnable: fresh.quantity - fresh.returnedQuantity },
          ]);
        }
        let left = item.quantity;
        const allocations = await m
          .createQueryBuilder(LineAllocation, 'a')
          .innerJoin(Batch, 'b', 'b.id = a.batchId')
          .where('a.lineId = :lineId AND a.dispensed > a.returned', { lineId: line.id })
          .orderBy('b.expiryDate', 'DESC')
          .getMany();
        for (const a of allocations) {
          const take = Math.min(left, a.dispensed - a.returned);
          if (take <= 0) continue;
          const back = await m.createQueryBuilder().update(LineAllocation).set({ returned: () => 'returned + :t' }).where('id = :id AND returned + :t <= dispensed', { id: a.id, t: take }).execute();
          if (back.affected !== 1) continue;
          const batch = (await this.ledger.lock(m, [a.batchId])).get(a.batchId)!;
          if (!(await this.ledger.move(m, batch, 'RETURN', { quantity: take, reserved: 0 }, source))) throw new Error(`batch ${batch.id} refused a return`);
          left -= take;
        }
        if (left > 0) throw new Error(`line ${line.id} counted a return its batches do not hold`);
        const amountFen = item.quantity * line.unitPriceFen;
        await m.insert(DrugReturnLine, { id: randomUUID(), returnId: id, clinicId: order.clinicId, lineId: line.id, drugId: line.drugId, quantity: item.quantity, amountFen, createdAt: now });
        items.push({ drugId: line.drugId, quantity: item.quantity, amountFen });
      }
      const amountFen = items.reduce((sum, i) => sum + i.amountFen, 0);
      await m.update(DrugReturn, { id }, { amountFen });
      await this.outbox.add<DrugReturnedEvent>(m, Events.drugReturned, { clinicId: order.clinicId, returnId: id, prescriptionId, patientId: order.patientId, reason: dto.reason.trim(), items, amountFen });
    });
    return { id, prescriptionId, items, amountFen: items.reduce((sum, i) => sum + i.amountFen, 0) };
  }

  async list(actor: Actor, q: DispensingQuery): Promise<Page<DispensingReply>> {
    const { page, pageSize, skip } = paging(q);
    const status = q.status ?? 'READY';
    const where = { clinicId: actor.clinicId, status, ...(q.patientId ? { patientId: q.patientId } : {}) };
    // The window serves the longest waiting first; finished ones newest first.
    const order = status === 'READY' ? { paidAt: 'ASC' as const } : status === 'DISPENSED' ? { dispensedAt: 'DESC' as const } : { reservedAt: 'DESC' as const };
    const [rows, total] = await this.ds.getRepository(PharmacyOrder).findAndCount({ where, order: { ...order, prescriptionId: 'ASC' }, skip, take: pageSize });
    return { items: await Promise.all(rows.map((o) => this.detail(this.ds.manager, o))), total, page, pageSize };
  }

  async get(actor: Actor, prescriptionId: string): Promise<DispensingReply> {
    return this.detail(this.ds.manager, await this.own(this.ds.manager, actor, prescriptionId));
  }

  private async reservation(actor: Actor, prescriptionId: string): Promise<ReservationReply> {
    const order = await this.own(this.ds.manager, actor, prescriptionId);
    return reservationReply(prescriptionId, order.status, await this.ds.manager.find(OrderLine, { where: { prescriptionId }, order: { lineNo: 'ASC' } }));
  }

  private async releaseAll(m: EntityManager, prescriptionId: string, source: Source) {
    const { allocations, batches } = await this.held(m, prescriptionId);
    for (const a of allocations) if (a.reserved > 0) await this.ledger.releaseAllocation(m, a, batches.get(a.batchId)!, a.reserved, source);
  }

  private async own(m: EntityManager, actor: Actor, prescriptionId: string): Promise<PharmacyOrder> {
    const order = isUuid(prescriptionId) ? await m.findOne(PharmacyOrder, { where: { prescriptionId, clinicId: actor.clinicId } }) : null;
    if (!order) throw notFound('Prescription');
    return order;
  }

  /** The order, locked until the transaction ends: a second dispense, release or return of it waits and then sees the first's result. */
  private async lockOwn(m: EntityManager, actor: Actor, prescriptionId: string): Promise<PharmacyOrder> {
    if (!isUuid(prescriptionId)) throw notFound('Prescription');
    const order = await forUpdate(m.createQueryBuilder(PharmacyOrder, 'o').where('o.prescriptionId = :prescriptionId AND o.clinicId = :clinicId', { prescriptionId, clinicId: actor.clinicId })).getOne();
    if (!order) throw notFound('Prescription');
    return order;
  }

  private async detail(m: EntityManager, o: PharmacyOrder): Promise<DispensingReply> {
    const lines = await m.find(OrderLine, { where: { prescriptionId: o.prescriptionId }, order: { lineNo: 'ASC' } });
    const allocations = await m.find(LineAllocation, { where: { prescriptionId: o.prescriptionId } });
    const batches = new Map((allocations.length ? await m.find(Batch, { where: { id: In(allocations.map((a) => a.batchId)) } }) : []).map((b) => [b.id, b]));
    return {
      prescriptionId: o.prescriptionId,
      patientId: o.patientId,
      patientName: o.patientName,
      doctorName: o.doctorName,
      status: o.status,
      validUntil: o.validUntil.toISOString(),
      reservedAt: o.reservedAt.toISOString(),
      paidAt: o.paidAt?.toISOString() ?? null,
      dispensedAt: o.dispensedAt?.toISOString() ?? null,
      dispensedBy: o.dispensedBy,
      totalFen: o.totalFen,
      lines: lines.map((l) => ({
        lineId: l.id,
        drugId: l.drugId,
        name: l.drugName,
        spec: l.spec,
        unit: l.unit,
        quantity: l.quantity,
        unitPriceFen: l.unitPriceFen,
        amountFen: l.amountFen,
        dosage: l.dosage,
        frequency: l.frequency,
        route: l.route,
        days: l.days,
        returnedQuantity: l.returnedQuantity,
        batches: allocations
          .filter((a) => a.lineId === l.id && a.dispensed > 0)
          .map((a) => ({ batchNo: batches.get(a.batchId)?.batchNo ?? '', expiryDate: batches.get(a.batchId)?.expiryDate ?? '', quantity: a.dispensed }))
          .sort((x, y) => x.expiryDate.localeCompare(y.expiryDate)),
      })),
    };
  }
}

function reservationReply(prescriptionId: string, status: ReservationReply['status'], lines: OrderLine[]): ReservationReply {
  return {
    prescriptionId,
    status,
    lines: lines.map((l) => ({ drugId: l.drugId, name: l.drugName, spec: l.spec, unit: l.unit, quantity: l.quantity, unitPriceFen: l.unitPriceFen, amountFen: l.amountFen })),
    totalFen: lines.reduce((sum, l) => sum + l.amountFen, 0),
  };
}

function insufficient(shortages: StockShortage[]): DomainError {
  return new DomainError('STOCK.INSUFFICIENT', `Not enough stock: ${shortages.map((s) => `${s.name} (${s.available} left)`).join(', ')}`, shortages);
}
