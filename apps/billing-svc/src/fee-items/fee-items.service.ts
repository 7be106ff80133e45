import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Actor, CreateFeeItemDto, FeeItemPriceReply, FeeItemReply, IdReply, ListFeeItemsQuery, UpdateFeeItemDto } from '@clinic/contracts';
import { DomainError, isUniqueViolation, isUuid, notFound, Tx } from '@clinic/platform';
import { IsNull, Not, Repository, type EntityManager } from 'typeorm';
import { FeeItem, FeeItemPrice } from './fee-item.entity';

@Injectable()
export class FeeItemsService {
  constructor(
    @InjectRepository(FeeItem) private readonly items: Repository<FeeItem>,
    private readonly tx: Tx,
  ) {}

  async create(actor: Actor, dto: CreateFeeItemDto): Promise<IdReply> {
    const id = randomUUID();
    const now = new Date();
    const row: FeeItem = { id, clinicId: actor.clinicId, name: dto.name.trim(), priceFen: dto.priceFen, category: dto.category, doctorTitle: dto.doctorTitle ?? null, retiredAt: null, createdAt: now };
    await this.unique(row, () =>
      this.tx.run(async (m) => {
        await m.insert(FeeItem, row);
        await this.recordPrice(m, actor, id, dto.priceFen, now);
      }),
    );
    return { id };
  }

  /** A new price starts a new history row (bill lines keep what they charged); `active: false` retires the item. */
  async update(actor: Actor, id: string, dto: UpdateFeeItemDto): Promise<FeeItemReply> {
    const item = await this.tx.run(async (m) => {
      const found = await this.own(m, actor, id);
      const changes: Partial<FeeItem> = {};
      if (dto.name != null) changes.name = dto.name.trim();
      if (dto.active != null) changes.retiredAt = dto.active ? null : (found.retiredAt ?? new Date());
      if (dto.doctorTitle !== undefined) {
        if (dto.doctorTitle !== null && found.category !== 'REGISTRATION') {
          throw new DomainError('VALIDATION.FAILED', 'Invalid fields: doctorTitle', [{ field: 'doctorTitle', errors: ['doctorTitle is only for fee items of category REGISTRATION'] }]);
        }
        changes.doctorTitle = dto.doctorTitle;
      }
      if (dto.priceFen != null && dto.priceFen !== found.priceFen) {
        changes.priceFen = dto.priceFen;
        await this.recordPrice(m, actor, id, dto.priceFen, new Date());
      }
      const next = { ...found, ...changes };
      if (Object.keys(changes).length) await this.unique(next, () => m.update(FeeItem, { id }, changes));
      return next;
    });
    return toReply(item);
  }

  /** Offered items only, unless `all` asks for the retired ones too. */
  async list(actor: Actor, q: ListFeeItemsQuery = {}): Promise<FeeItemReply[]> {
    const rows = await this.items.find({ where: { clinicId: actor.clinicId, ...(q.all ? {} : { retiredAt: IsNull() }) }, order: { category: 'ASC', name: 'ASC' } });
    return rows.map(toReply);
  }

  /** Newest first. */
  async prices(actor: Actor, id: string): Promise<FeeItemPriceReply[]> {
    await this.own(this.items.manager, actor, id);
    const rows = await this.items.manager.find(FeeItemPrice, { where: { feeItemId: id, clinicId: actor.clinicId }, order: { effectiveFrom: 'DESC', id: 'ASC' } });
    return rows.map((p) => ({ priceFen: p.priceFen, effectiveFrom: p.effectiveFrom.toISOString(), changedBy: p.changedBy }));
  }

  private async own(m: EntityManager, actor: Actor, id: string): Promise<FeeItem> {
    const item = isUuid(id) ? await m.findOne(FeeItem, { where: { id, clinicId: actor.clinicId } }) : null;
    if (!item) throw notFound('Fee item');
    return item;
  }

  private recordPrice(m: EntityManager, actor: Actor, feeItemId: string, priceFen: number, at: Date) {
    return m.insert(FeeItemPrice, { id: randomUUID(), clinicId: actor.clinicId, feeItemId, priceFen, effectiveFrom: at, changedBy: actor.id });
  }

  /** Two unique keys may refuse a row: the name, or a registration fee's doctor title. Tell the caller which. */
  private async unique<T>(row: FeeItem, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      const sameName = await this.items.findOne({ where: { clinicId: row.clinicId, name: row.name, id: Not(row.id) } });
      if (!sameName && row.doctorTitle) {
        throw new DomainError('FEE_ITEM.TITLE_TAKEN', `A registration fee for ${row.doctorTitle} already exists; change its price instead`, { doctorTitle: row.doctorTitle });
      }
      throw new DomainError('FEE_ITEM.NAME_TAKEN', `Fee item ${row.name} already exists`);
    }
  }
}

function toReply(f: FeeItem): FeeItemReply {
  return { id: f.id, name: f.name, priceFen: f.priceFen, category: f.category, doctorTitle: f.doctorTitle ?? null, active: f.retiredAt === null, createdAt: f.createdAt.toISOString() };
}
