import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Actor, CreateStocktakeDto, Page, PageQuery, StocktakeCountsDto, StocktakeReply } from '@clinic/contracts';
import { DomainError, forUpdate, invalidFields, isUniqueViolation, isUuid, notFound, paging, Tx } from '@clinic/platform';
import { DataSource, In, type EntityManager } from 'typeorm';
import { Drug } from '../drugs/drug.entity';
import { StockLedger, type Source } from '../stock/stock-ledger';
import { Batch } from '../stock/stock.entities';
import { Stocktake, StocktakeLine } from './stocktake.entities';

/**
 * 盘点. Opening freezes every batch's book quantity; counts may be entered in parts while dispensing goes on.
 * Each count is compared with the book quantity at the moment it is entered, so what was dispensed between
 * the freeze and the count is not mistaken for a loss; confirming posts the variances as STOCKTAKE movements.
 */
@Injectable()
export class StocktakeService {
  constructor(
    private readonly ds: DataSource,
    private readonly tx: Tx,
    private readonly ledger: StockLedger,
  ) {}

  async open(actor: Actor, dto: CreateStocktakeDto): Promise<StocktakeReply> {
    const id = randomUUID();
    try {
      await this.tx.run(async (m) => {
        const now = new Date();
        await m.insert(Stocktake, { id, clinicId: actor.clinicId, status: 'OPEN', openFlag: 'OPEN', note: dto.note?.trim() || null, createdBy: actor.id, createdAt: now, closedBy: null, closedAt: null });
        const batches = await m.createQueryBuilder(Batch, 'b').where("b.clinicId = :c AND (b.status = 'ACTIVE' OR b.quantity > 0)", { c: actor.clinicId }).getMany();
        const lines = batches.map((b) => ({ id: randomUUID(), stocktakeId: id, batchId: b.id, drugId: b.drugId, frozenQuantity: b.quantity, bookQuantity: null, actualQuantity: null, unitCostFen: b.unitCostFen, countedBy: null, countedAt: null }));
        for (let i = 0; i < lines.length; i += 200) await m.insert(StocktakeLine, lines.slice(i, i + 200));
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new DomainError('STOCKTAKE.OPEN_EXISTS', 'A stocktake is already open: finish or cancel it first');
      throw err;
    }
    return this.get(actor, id);
  }

  async count(actor: Actor, id: string, dto: StocktakeCountsDto): Promise<StocktakeReply> {
    await this.tx.run(async (m) => {
      await this.lockOpen(m, actor, id);
      const lines = new Map((await m.find(StocktakeLine, { where: { stocktakeId: id, batchId: In(dto.counts.map((c) => c.batchId)) } })).map((l) => [l.batchId, l]));
      const unknown = dto.counts.flatMap((c, i) => (lines.has(c.batchId) ? [] : [{ field: `counts.${i}.batchId`, errors: ['not a batch of this stocktake'] }]));
      if (unknown.length) throw invalidFields(unknown);
      const now = new Date();
      for (const c of dto.counts) {
        // The book quantity now, with the row locked so no dispense slips between the read and the count.
        const book = (await this.ledger.lock(m, [c.batchId])).get(c.batchId)!;
        await m.update(StocktakeLine, { id: lines.get(c.batchId)!.id }, { bookQuantity: book.quantity, actualQuantity: c.actualQuantity, countedBy: actor.id, countedAt: now });
      }
    });
    return this.get(actor, id);
  }

  async confirm(actor: Actor, id: string): Promise<StocktakeReply> {
    await this.tx.run(async (m) => {
      await this.lockOpen(m, actor, id);
      const source: Source = { type: 'STOCKTAKE', id, actorId: actor.id };
      const counted = await m.createQueryBuilder(StocktakeLine, 'l').where('l.stocktakeId = :id AND l.actualQuantity IS NOT NULL', { id }).orderBy('l.batchId').getMany();
      for (const line of counted) {
        const variance = line.actualQuantity! - line.bookQuantity!;
        if (variance === 0) continue;
        const batch = (await this.ledger.lock(m, [line.batchId])).get(line.batchId)!;
        // Never below zero: units dispensed after the count were on the shelf after all.
        const change = Math.max(variance, -batch.quantity);
        // A shortfall below what prescriptions hold gives those holds back; dispensing reserves again elsewhere.
        const over = batch.reserved - (batch.quantity + change);
        if (over > 0) await this.ledger.evict(m, batch, { ...source, note: 'counted short' }, over);
        if (!(await this.ledger.move(m, batch, 'STOCKTAKE', { quantity: change, reserved: 0 }, source))) throw new Error(`stocktake could not adjust batch ${batch.id}`);
      }
      await m.update(Stocktake, { id }, { status: 'CONFIRMED', openFlag: null, closedBy: actor.id, closedAt: new Date() });
    });
    return this.get(actor, id);
  }

  async cancel(actor: Actor, id: string): Promise<StocktakeReply> {
    await this.tx.run(async (m) => {
      await this.lockOpen(m, actor, id);
      await m.update(Stocktake, { id }, { status: 'CANCELLED', openFlag: null, closedBy: actor.id, closedAt: new Date() });
    });
    return this.get(actor, id);
  }

  async list(actor: Actor, q: PageQuery): Promise<Page<StocktakeReply>> {
    const { page, pageSize, skip } = paging(q);
    const [rows, total] = await this.ds.getRepository(Stocktake).findAndCount({ where: { clinicId: actor.clinicId }, order: { createdAt: 'DESC', id: 'ASC' }, skip, take: pageSize });
    return { items: await Promise.all(rows.map(async (s) => ({ ...(await this.reply(s)), lines: [] }))), total, page, pageSize };
  }

  async get(actor: Actor, id: string): Promise<StocktakeReply> {
    return this.reply(await this.own(this.ds.manager, actor, id));
  }

  private async reply(s: Stocktake): Promise<StocktakeReply> {
    const m = this.ds.manager;
    const lines = await m.find(StocktakeLine, { where: { stocktakeId: s.id } });
    const batches = new Map((lines.length ? await m.find(Batch, { where: { id: In(lines.map((l) => l.batchId)) } }) : []).map((b) => [b.id, b]));
    const drugs = new Map((lines.length ? await m.find(Drug, { where: { id: In([...new Set(lines.map((l) => l.drugId))]) } }) : []).map((d) => [d.id, d]));
    const out = lines
      .map((l) => {
        const variance = l.actualQuantity === null ? null : l.actualQuantity - l.bookQuantity!;
        const drug = drugs.get(l.drugId);
        const batch = batches.get(l.batchId);
        return {
          batchId: l.batchId,
          drugId: l.drugId,
          drugName: drug?.name ?? '',
          spec: drug?.spec ?? '',
          unit: drug?.unit ?? '',
          batchNo: batch?.batchNo ?? '',
          expiryDate: batch?.expiryDate ?? '',
          frozenQuantity: l.frozenQuantity,
          bookQuantity: l.bookQuantity,
          actualQuantity: l.actualQuantity,
          varianceQuantity: variance,
          unitCostFen: l.unitCostFen,
          varianceFen: variance === null ? null : variance * l.unitCostFen,
        };
      })
      .sort((a, b) => a.drugName.localeCompare(b.drugName, 'zh-CN') || a.expiryDate.localeCompare(b.expiryDate));
    return {
      id: s.id,
      status: s.status,
      note: s.note,
      createdBy: s.createdBy,
      createdAt: s.createdAt.toISOString(),
      confirmedAt: s.status === 'CONFIRMED' ? s.closedAt!.toISOString() : null,
      counted: out.filter((l) => l.actualQuantity !== null).length,
      lineCount: out.length,
      varianceQuantity: out.reduce((sum, l) => sum + (l.varianceQuantity ?? 0), 0),
      varianceFen: out.reduce((sum, l) => sum + (l.varianceFen ?? 0), 0),
      lines: out,
    };
  }

  /** The stocktake, locked for this transaction, which must still be open. */
  private async lockOpen(m: EntityManager, actor: Actor, id: string): Promise<Stocktake> {
    await this.own(m, actor, id);
    const s = await forUpdate(m.createQueryBuilder(Stocktake, 's').where('s.id = :id', { id })).getOneOrFail();
    if (s.status !== 'OPEN') throw new DomainError('STOCKTAKE.CLOSED', `This stocktake is ${s.status === 'CONFIRMED' ? 'confirmed' : 'cancelled'}`);
    return s;
  }

  private async own(m: EntityManager, actor: Actor, id: string): Promise<Stocktake> {
    const s = isUuid(id) ? await m.findOne(Stocktake, { where: { id, clinicId: actor.clinicId } }) : null;
    if (!s) throw notFound('Stocktake');
    return s;
  }
}
