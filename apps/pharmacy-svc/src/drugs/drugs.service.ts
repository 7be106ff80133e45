import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Actor, CreateDrugDto, DrugPriceReply, DrugReply, DrugSearchQuery, IdReply, Page, StockReply, UpdateDrugDto } from '@clinic/contracts';
import { clinicNow, Config, DomainError, isUniqueViolation, isUuid, likeContains, likePrefix, looksLikeInitials, notFound, paging, pinyinInitials, Tx } from '@clinic/platform';
import { In, Repository, type EntityManager } from 'typeorm';
import { Batch } from '../stock/stock.entities';
import { Drug, DrugPrice } from './drug.entity';

@Injectable()
export class DrugsService {
  constructor(
    @InjectRepository(Drug) private readonly drugs: Repository<Drug>,
    private readonly tx: Tx,
    private readonly config: Config,
  ) {}

  async create(actor: Actor, dto: CreateDrugDto): Promise<IdReply> {
    const id = randomUUID();
    const now = new Date();
    const name = dto.name.trim();
    const genericName = dto.genericName?.trim() || null;
    await this.unique(() =>
      this.tx.run(async (m) => {
        await m.insert(Drug, {
          id,
          clinicId: actor.clinicId,
          name,
          genericName,
          spec: dto.spec.trim(),
          dosageForm: dto.dosageForm?.trim() || null,
          unit: dto.unit.trim(),
          packSize: dto.packSize ?? null,
          priceFen: dto.priceFen,
          category: dto.category?.trim() || null,
          reorderLevel: dto.reorderLevel,
          barcode: dto.barcode ?? null,
          isPrescription: dto.isPrescription ?? true,
          controlClass: dto.controlClass ?? 'ORDINARY',
          allergyClass: dto.allergyClass ?? null,
          namePy: pinyinInitials(name),
          genericPy: genericName ? pinyinInitials(genericName) : null,
          retiredAt: null,
          createdAt: now,
        });
        await this.recordPrice(m, actor, id, dto.priceFen, now);
      }),
    );
    return { id };
  }

  /** A price change starts a new history row; bill lines keep the price they were charged at. */
  async update(actor: Actor, id: string, dto: UpdateDrugDto): Promise<DrugReply> {
    await this.unique(() =>
      this.tx.run(async (m) => {
        const drug = await this.own(m, actor, id);
        // null clears an optional field; a required one (name, spec, unit, price…) given as null is left as it is.
        const changes: Partial<Drug> = {};
        if (dto.name != null) Object.assign(changes, { name: dto.name.trim(), namePy: pinyinInitials(dto.name.trim()) });
        if (dto.genericName !== undefined) {
          const generic = dto.genericName?.trim() || null;
          Object.assign(changes, { genericName: generic, genericPy: generic ? pinyinInitials(generic) : null });
        }
        if (dto.spec != null) changes.spec = dto.spec.trim();
        if (dto.unit != null) changes.unit = dto.unit.trim();
        if (dto.dosageForm !== undefined) changes.dosageForm = dto.dosageForm?.trim() || null;
        if (dto.category !== undefined) changes.category = dto.category?.trim() || null;
        if (dto.packSize !== undefined) changes.packSize = dto.packSize;
        if (dto.barcode !== undefined) changes.barcode = dto.barcode || null;
        if (dto.allergyClass !== undefined) changes.allergyClass = dto.allergyClass ?? null;
        if (dto.reorderLevel != null) changes.reorderLevel = dto.reorderLevel;
        if (dto.isPrescription != null) changes.isPrescription = dto.isPrescription;
        if (dto.controlClass != null) changes.controlClass = dto.controlClass;
        if (dto.active != null) changes.retiredAt = dto.active ? null : (drug.retiredAt ?? new Date());
        if (dto.priceFen != null && dto.priceFen !== drug.priceFen) {
          changes.priceFen = dto.priceFen;
          await this.recordPrice(m, actor, id, dto.priceFen, new Date());
        }
        if (Object.keys(changes).length) await m.update(Drug, { id }, changes);
      }),
    );
    return this.get(actor, id);
  }

  async get(actor: Actor, id: string): Promise<DrugReply> {
    const drug = await this.own(this.drugs.manager, actor, id);
    const [reply] = await this.withAvailable(actor, [drug]);
    return reply;
  }

  /** A barcode matches exactly; other text matches inside the trade or generic name, or the start of their pinyin initials. */
  async search(actor: Actor, q: DrugSearchQuery): Promise<Page<DrugReply>> {
    const { page, pageSize, skip } = paging(q);
    const qb = this.drugs.createQueryBuilder('d').where('d.clinicId = :clinicId', { clinicId: actor.clinicId });
    if (!q.includeInactive) qb.andWhere('d.retiredAt IS NULL');
    const text = q.query?.trim();
    if (text) {
      const initials = looksLikeInitials(text) ? ' OR d.namePy LIKE :py ESCAPE \'!\' OR d.genericPy LIKE :py ESCAPE \'!\'' : '';
      qb.andWhere(`(d.barcode = :text OR d.name LIKE :contains ESCAPE '!' OR d.genericName LIKE :contains ESCAPE '!'${initials})`, {
        text,
        contains: likeContains(text),
        py: likePrefix(text.toLowerCase()),
      });
    }
    const [rows, total] = await qb.orderBy('d.name', 'ASC').addOrderBy('d.id').skip(skip).take(pageSize).getManyAndCount();
    return { items: await this.withAvailable(actor, rows), total, page, pageSize };
  }

  async prices(actor: Actor, id: string): Promise<DrugPriceReply[]> {
    await this.own(this.drugs.manager, actor, id);
    const rows = await this.drugs.manager.find(DrugPrice, { where: { drugId: id }, order: { effectiveFrom: 'DESC' } });
    return rows.map((p) => ({ priceFen: p.priceFen, effectiveFrom: p.effectiveFrom.toISOString(), changedBy: p.changedBy }));
  }

  /** Available = on hand − reserved − what sits in batches past their date. */
  async stock(actor: Actor, id: string): Promise<StockReply> {
    await this.own(this.drugs.manager, actor, id);
    const today = this.today();
    const batches = await this.drugs.manager.find(Batch, { where: { drugId: id, clinicId: actor.clinicId }, order: { expiryDate: 'ASC', createdAt: 'ASC' } });
    let onHand = 0;
    let reserved = 0;
    let expired = 0;
    let available = 0;
    for (const b of batches) {
      onHand += b.quantity;
      reserved += b.reserved;
      if (b.status !== 'ACTIVE' || b.expiryDate < today) expired += b.quantity;
      else available += b.quantity - b.reserved;
    }
    return {
      drugId: id,
      onHand,
      reserved,
      expired,
      available,
      batches: batches
        .filter((b) => b.quantity > 0 || b.status === 'ACTIVE')
        .map((b) => ({ id: b.id, batchNo: b.batchNo, expiryDate: b.expiryDate, quantity: b.quantity, reserved: b.reserved, status: b.status, unitCostFen: b.unitCostFen })),
    };
  }

  /** Units that can be reserved today, per drug. */
  async availableOf(clinicId: string, drugIds: string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    if (!drugIds.length) return out;
    const rows: { drugId: string; available: string | number }[] = await this.drugs.manager
      .createQueryBuilder(Batch, 'b')
      .select('b.drugId', 'drugId')
      .addSelect('SUM(b.quantity - b.reserved)', 'available')
      .where({ clinicId, drugId: In(drugIds), status: 'ACTIVE' })
      .andWhere('b.expiryDate >= :today', { today: this.today() })
      .groupBy('b.drugId')
      .getRawMany();
    for (const r of rows) out.set(r.drugId, Number(r.available));
    return out;
  }

  today(): string {
    return clinicNow(this.config.env.CLINIC_TIMEZONE).date;
  }

  async own(m: EntityManager, actor: Actor, id: string): Promise<Drug> {
    const drug = isUuid(id) ? await m.findOne(Drug, { where: { id, clinicId: actor.clinicId } }) : null;
    if (!drug) throw notFound('Drug');
    return drug;
  }

  private async withAvailable(actor: Actor, rows: Drug[]): Promise<DrugReply[]> {
    const available = await this.availableOf(actor.clinicId, rows.map((d) => d.id));
    return rows.map((d) => toReply(d, available.get(d.id) ?? 0));
  }

  private recordPrice(m: EntityManager, actor: Actor, drugId: string, priceFen: number, at: Date) {
    return m.insert(DrugPrice, { id: randomUUID(), clinicId: actor.clinicId, drugId, priceFen, effectiveFrom: at, changedBy: actor.id });
  }

  private async unique<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      if (isUniqueViolation(err)) throw new DomainError('DRUG.DUPLICATE', 'A drug with this name and spec, or this barcode, already exists');
      throw err;
    }
  }
}

export function toReply(d: Drug, available: number): DrugReply {
  return {
    id: d.id,
    name: d.name,
    genericName: d.genericName,
    spec: d.spec,
    dosageForm: d.dosageForm,
    unit: d.unit,
    packSize: d.packSize ?? 1,
    priceFen: d.priceFen,
    category: d.category,
    reorderLevel: d.reorderLevel,
    barcode: d.barcode,
    isPrescription: Boolean(d.isPrescription),
    controlClass: d.controlClass ?? 'ORDINARY',
    allergyClass: d.allergyClass,
    active: d.retiredAt === null,
    available: Math.max(0, available),
    createdAt: d.createdAt.toISOString(),
  };
}
