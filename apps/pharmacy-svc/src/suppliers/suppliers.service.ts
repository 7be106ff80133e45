import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Actor, CreateSupplierDto, IdReply, Page, SearchQuery, SupplierReply } from '@clinic/contracts';
import { DomainError, isUniqueViolation, isUuid, likeContains, notFound, paging, Tx } from '@clinic/platform';
import { Repository } from 'typeorm';
import { Supplier } from '../stock/stock.entities';

@Injectable()
export class SuppliersService {
  constructor(
    @InjectRepository(Supplier) private readonly suppliers: Repository<Supplier>,
    private readonly tx: Tx,
  ) {}

  async create(actor: Actor, dto: CreateSupplierDto): Promise<IdReply> {
    const id = randomUUID();
    await this.nameTaken(() => this.tx.run((m) => m.insert(Supplier, { id, clinicId: actor.clinicId, name: dto.name.trim(), contact: dto.contact?.trim() || null, createdAt: new Date() })));
    return { id };
  }

  async update(actor: Actor, id: string, dto: Partial<CreateSupplierDto>): Promise<SupplierReply> {
    await this.own(actor, id);
    const changes: Partial<Supplier> = {};
    if (dto.name != null) changes.name = dto.name.trim();
    if (dto.contact !== undefined) changes.contact = dto.contact?.trim() || null;
    if (Object.keys(changes).length) await this.nameTaken(() => this.tx.run((m) => m.update(Supplier, { id }, changes)));
    return toReply(await this.own(actor, id));
  }

  async list(actor: Actor, q: SearchQuery): Promise<Page<SupplierReply>> {
    const { page, pageSize, skip } = paging(q);
    const qb = this.suppliers.createQueryBuilder('s').where('s.clinicId = :clinicId', { clinicId: actor.clinicId });
    if (q.query?.trim()) qb.andWhere("s.name LIKE :p ESCAPE '!'", { p: likeContains(q.query.trim()) });
    const [rows, total] = await qb.orderBy('s.name').addOrderBy('s.id').skip(skip).take(pageSize).getManyAndCount();
    return { items: rows.map(toReply), total, page, pageSize };
  }

  async own(actor: Actor, id: string): Promise<Supplier> {
    const s = isUuid(id) ? await this.suppliers.findOne({ where: { id, clinicId: actor.clinicId } }) : null;
    if (!s) throw notFound('Supplier');
    return s;
  }

  private async nameTaken<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      if (isUniqueViolation(err)) throw new DomainError('SUPPLIER.NAME_TAKEN', 'A supplier with this name already exists');
      throw err;
    }
  }
}

function toReply(s: Supplier): SupplierReply {
  return { id: s.id, name: s.name, contact: s.contact, createdAt: s.createdAt.toISOString() };
}
