import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Actor, CreateFeeItemDto, FeeItemReply, IdReply } from '@clinic/contracts';
import { DomainError, isUniqueViolation, Tx } from '@clinic/platform';
import { Repository } from 'typeorm';
import { FeeItem } from './fee-item.entity';

@Injectable()
export class FeeItemsService {
  constructor(
    @InjectRepository(FeeItem) private readonly items: Repository<FeeItem>,
    private readonly tx: Tx,
  ) {}

  async create(actor: Actor, dto: CreateFeeItemDto): Promise<IdReply> {
    const id = randomUUID();
    try {
      const row = { id, clinicId: actor.clinicId, name: dto.name.trim(), priceFen: dto.priceFen, category: dto.category, createdAt: new Date() };
      await this.tx.run((m) => m.insert(FeeItem, row));
    } catch (err) {
      if (isUniqueViolation(err)) throw new DomainError('FEE_ITEM.NAME_TAKEN', `Fee item ${dto.name} already exists`);
      throw err;
    }
    return { id };
  }

  async list(actor: Actor): Promise<FeeItemReply[]> {
    const rows = await this.items.find({ where: { clinicId: actor.clinicId }, order: { category: 'ASC', name: 'ASC' } });
    return rows.map((f) => ({ id: f.id, name: f.name, priceFen: f.priceFen, category: f.category, createdAt: f.createdAt.toISOString() }));
  }
}
