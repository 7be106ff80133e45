import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Actor, CreateDrugDto, DrugReply, IdReply, Page, SearchQuery } from '@clinic/contracts';
import { DomainError, isUniqueViolation, likePrefix, Tx } from '@clinic/platform';
import { Repository } from 'typeorm';
import { Drug } from './drug.entity';

@Injectable()
export class DrugsService {
  constructor(
    @InjectRepository(Drug) private readonly drugs: Repository<Drug>,
    private readonly tx: Tx,
  ) {}

  async create(actor: Actor, dto: CreateDrugDto): Promise<IdReply> {
    const id = randomUUID();
    try {
      await this.tx.run((m) => m.insert(Drug, {
        id,
        clinicId: actor.clinicId,
        name: dto.name.trim(),
        genericName: dto.genericName?.trim() || null,
        spec: dto.spec.trim(),
        unit: dto.unit.trim(),
        priceFen: dto.priceFen,
        reorderLevel: dto.reorderLevel,
        barcode: dto.barcode ?? null,
        isPrescription: dto.isPrescription ?? true,
        createdAt: new Date(),
      }));
    } catch (err) {
      if (isUniqueViolation(err)) throw new DomainError('DRUG.DUPLICATE', 'A drug with this name and spec, or this barcode, already exists');
      throw err;
    }
    return { id };
  }

  /** A barcode matches exactly; other text matches the start of the trade or generic name. */
  async search(actor: Actor, q: SearchQuery): Promise<Page<DrugReply>> {
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 20;
    const qb = this.drugs.createQueryBuilder('d').where('d.clinicId = :clinicId', { clinicId: actor.clinicId });
    const text = q.query?.trim();
    if (text) {
      qb.andWhere("(d.barcode = :text OR d.name LIKE :prefix ESCAPE '!' OR d.genericName LIKE :prefix ESCAPE '!')", { text, prefix: likePrefix(text) });
    }
    const [rows, total] = await qb.orderBy('d.name', 'ASC').addOrderBy('d.id').skip((page - 1) * pageSize).take(pageSize).getManyAndCount();
    return { items: rows.map(toReply), total, page, pageSize };
  }
}

function toReply(d: Drug): DrugReply {
  return {
    id: d.id,
    name: d.name,
    genericName: d.genericName,
    spec: d.spec,
    unit: d.unit,
    priceFen: d.priceFen,
    reorderLevel: d.reorderLevel,
    barcode: d.barcode,
    isPrescription: Boolean(d.isPrescription),
    createdAt: d.createdAt.toISOString(),
  };
}
