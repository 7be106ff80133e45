import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Actor, CreateEmrTemplateDto, EmrContentDto, EmrTemplateReply } from '@clinic/contracts';
import { DomainError, isUuid, notFound, Tx } from '@clinic/platform';
import { Brackets, DataSource } from 'typeorm';
import { StaffUser } from '../identity/staff-user.entity';
import { EmrTemplate } from './visit.entities';

/** 病历模板: a doctor's own, and those of the doctor's department. */
@Injectable()
export class EmrTemplatesService {
  constructor(
    private readonly ds: DataSource,
    private readonly tx: Tx,
  ) {}

  async list(actor: Actor): Promise<EmrTemplateReply[]> {
    const me = await this.ds.getRepository(StaffUser).findOneByOrFail({ id: actor.id });
    const rows = await this.ds
      .getRepository(EmrTemplate)
      .createQueryBuilder('t')
      .where('t.clinicId = :clinicId', { clinicId: actor.clinicId })
      .andWhere(
        new Brackets((w) => {
          w.where("t.scope = 'PERSONAL' AND t.ownerId = :me", { me: actor.id });
          if (me.departmentId) w.orWhere("t.scope = 'DEPARTMENT' AND t.departmentId = :dept", { dept: me.departmentId });
        }),
      )
      .orderBy('t.scope', 'ASC')
      .addOrderBy('t.name', 'ASC')
      .getMany();
    return rows.map(toReply);
  }

  async create(actor: Actor, dto: CreateEmrTemplateDto): Promise<EmrTemplateReply> {
    const me = await this.ds.getRepository(StaffUser).findOneByOrFail({ id: actor.id });
    if (dto.scope === 'DEPARTMENT' && !me.departmentId) {
      throw new DomainError('VALIDATION.FAILED', 'Invalid fields: scope', [{ field: 'scope', errors: ['a doctor without a department can keep personal templates only'] }]);
    }
    const row: EmrTemplate = {
      id: randomUUID(),
      clinicId: actor.clinicId,
      name: dto.name.trim(),
      scope: dto.scope,
      departmentId: dto.scope === 'DEPARTMENT' ? me.departmentId : null,
      ownerId: actor.id,
      content: JSON.stringify(dto.content),
      createdAt: new Date(),
    };
    await this.tx.run((m) => m.insert(EmrTemplate, row));
    return toReply(row);
  }

  /** Its author removes a template. */
  async remove(actor: Actor, id: string): Promise<void> {
    const removed = isUuid(id) ? await this.tx.run((m) => m.delete(EmrTemplate, { id, clinicId: actor.clinicId, ownerId: actor.id })) : { affected: 0 };
    if (removed.affected !== 1) throw notFound('Template');
  }
}

function toReply(t: EmrTemplate): EmrTemplateReply {
  return { id: t.id, name: t.name, scope: t.scope, departmentId: t.departmentId, ownerId: t.ownerId, content: JSON.parse(t.content) as EmrContentDto, createdAt: t.createdAt.toISOString() };
}
