import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { LedgerType } from '@clinic/contracts';
import { forUpdate } from '@clinic/platform';
import type { EntityManager } from 'typeorm';
import { LineAllocation } from '../dispensing/dispensing.entities';
import { Batch, LedgerEntry } from './stock.entities';

/** The document behind a movement, and who made it. */
export interface Source {
  type: 'STOCK_IN' | 'PRESCRIPTION' | 'RETURN' | 'STOCKTAKE' | 'EXPIRY' | 'REFUND';
  id: string;
  actorId: string;
  note?: string;
}

type BatchRef = Pick<Batch, 'id' | 'drugId' | 'clinicId'>;

/** A batch as this transaction read it under its lock (SELECT … FOR UPDATE): its figures stay true until commit. */
export type LockedBatch = Batch & { locked: true };

/**
 * The only code that changes stock. Each change is one conditional UPDATE on the batch (the database refuses
 * a negative on-hand or a reservation beyond it) followed by its ledger row, inside the caller's transaction.
 */
@Injectable()
export class StockLedger {
  /**
   * Moves `quantity` on hand and `reserved` held on one batch. Returns false, changing nothing, when the batch
   * would go negative or (with `usableOn`) is expired or past its date on that day. Given a batch this transaction
   * holds locked, the balances are worked out from its figures (which are updated) instead of read back.
   */
  async move(m: EntityManager, batch: BatchRef | LockedBatch, type: LedgerType, change: { quantity: number; reserved: number }, src: Source, usableOn?: string): Promise<boolean> {
    const qb = m
      .createQueryBuilder()
      .update(Batch)
      .set({ quantity: () => 'quantity + :q', reserved: () => 'reserved + :r' })
      .where('id = :id AND quantity + :q >= 0 AND reserved + :r >= 0 AND reserved + :r <= quantity + :q', { id: batch.id, q: change.quantity, r: change.reserved });
    if (usableOn) qb.andWhere("status = 'ACTIVE' AND expiry_date >= :usableOn", { usableOn });
    if ((await qb.execute()).affected !== 1) return false;
    // Our update holds the row until commit, so either figure is our own result.
    let after: { quantity: number; reserved: number };
    if ('locked' in batch) {
      batch.quantity += change.quantity;
      batch.reserved += change.reserved;
      after = batch;
    } else {
      after = await m.findOneOrFail(Batch, { where: { id: batch.id }, select: { quantity: true, reserved: true } });
    }
    await m.insert(LedgerEntry, {
      clinicId: batch.clinicId,
      drugId: batch.drugId,
      batchId: batch.id,
      type,
      quantity: change.quantity,
      reservedChange: change.reserved,
      balanceAfter: after.quantity,
      reservedAfter: after.reserved,
      actorId: src.actorId,
      sourceType: src.type,
      sourceId: src.id,
      note: src.note ?? null,
      createdAt: new Date(),
    });
    return true;
  }

  /**
   * Reserves `quantity` of a drug for a prescription line, first expiry first, from batches usable on `today`.
   * Returns the units still missing (0 when all were reserved); the caller rolls back on a shortfall.
   * `newLine`: the line holds nothing yet, so each hold is a new allocation row.
   */
  async reserve(m: EntityManager, line: { id: string; prescriptionId: string; drugId: string }, clinicId: string, quantity: number, today: string, src: Source, newLine: boolean): Promise<{ missing: number; available: number }> {
    const candidates = await this.usableBatches(m, clinicId, line.drugId, today);
    const available = candidates.reduce((sum, c) => sum + c.quantity - c.reserved, 0);
    let missing = quantity;
    for (const c of candidates) {
      if (missing === 0) break;
      const take = Math.min(c.quantity - c.reserved, missing);
      if (!(await this.move(m, c, 'RESERVE', { quantity: 0, reserved: take }, src, today))) continue;
      await this.holdOn(m, line, c.id, take, newLine);
      missing -= take;
    }
    return { missing, available };
  }

  /**
   * Releases reservations held on a batch, up to `amount` units (all of them by default): the batch expired or
   * was counted short. The prescriptions keep their lines; dispensing reserves again from other batches.
   */
  async evict(m: EntityManager, batch: BatchRef, src: Source, amount = Number.MAX_SAFE_INTEGER): Promise<number> {
    const held = await m.find(LineAllocation, { where: { batchId: batch.id }, order: { id: 'ASC' } });
    let released = 0;
    for (const a of held) {
      if (released >= amount) break;
      const take = Math.min(a.reserved, amount - released);
      if (take <= 0) continue;
      if (!(await this.releaseAllocation(m, a, batch, take, src))) continue;
      released += take;
    }
    return released;
  }

  /** Gives back `take` units an allocation holds: the allocation first (conditional), then the batch. */
  async releaseAllocation(m: EntityManager, a: LineAllocation, batch: BatchRef | LockedBatch, take: number, src: Source): Promise<boolean> {
    const freed = await m.createQueryBuilder().update(LineAllocation).set({ reserved: () => 'reserved - :t' }).where('id = :id AND reserved >= :t', { id: a.id, t: take }).execute();
    if (freed.affected !== 1) return false;
    if (!(await this.move(m, batch, 'RELEASE', { quantity: 0, reserved: -take }, src))) throw new Error(`batch ${batch.id} holds less than its allocation ${a.id}`);
    return true;
  }

  /** Batches of a drug that can be reserved on `today`, first expiry first, locked for this transaction. */
  async usableBatches(m: EntityManager, clinicId: string, drugId: string, today: string): Promise<LockedBatch[]> {
    const qb = forUpdate(m.createQueryBuilder(Batch, 'b'))
      .where("b.clinicId = :clinicId AND b.drugId = :drugId AND b.status = 'ACTIVE' AND b.expiryDate >= :today AND b.quantity > b.reserved", { clinicId, drugId, today })
      .orderBy('b.expiryDate', 'ASC')
      .addOrderBy('b.createdAt', 'ASC')
      .addOrderBy('b.id', 'ASC');
    return (await qb.getMany()).map(locked);
  }

  /** Locks the given batches for this transaction and returns them. */
  async lock(m: EntityManager, ids: string[]): Promise<Map<string, LockedBatch>> {
    if (!ids.length) return new Map();
    const rows = await forUpdate(m.createQueryBuilder(Batch, 'b').where('b.id IN (:...ids)', { ids }).orderBy('b.id')).getMany();
    return new Map(rows.map((b) => [b.id, locked(b)]));
  }

  private async holdOn(m: EntityManager, line: { id: string; prescriptionId: string }, batchId: string, take: number, newLine: boolean) {
    if (!newLine) {
      const added = await m.createQueryBuilder().update(LineAllocation).set({ reserved: () => 'reserved + :t' }).where('line_id = :lineId AND batch_id = :batchId', { lineId: line.id, batchId, t: take }).execute();
      if (added.affected === 1) return;
    }
    await m.insert(LineAllocation, { id: randomUUID(), lineId: line.id, prescriptionId: line.prescriptionId, batchId, reserved: take, dispensed: 0, returned: 0 });
  }
}

function locked(b: Batch): LockedBatch {
  return Object.assign(b, { locked: true as const });
}
