import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Events, type Actor, type CreateDepartmentDto, type DepartmentCreatedEvent, type DepartmentReply, type IdReply } from '@clinic/contracts';
import { DomainError, isUniqueViolation, Outbox, Tx } from '@clinic/platform';
import { Repository } from 'typeorm';
import { Department } from './department.entity';

@Injectable()
export class DepartmentsService {
  constructor(
    private readonly tx: Tx,
    @InjectRepository(Department) private readonly departments: Repository<Department>,
    private readonly outbox: Outbox,
  ) {}

  /** The department and its event are one transaction: billing learns of exactly the departments that exist. */
  async create(actor: Actor, dto: CreateDepartmentDto): Promise<IdReply> {
    const row: Department = { id: randomUUID(), clinicId: actor.clinicId, name: dto.name.trim(), description: dto.description ?? null, prepaidRegistration: dto.prepaidRegistration ?? false, createdAt: new Date() };
    try {
      await this.tx.run(async (m) => {
        await m.insert(Department, row);
        await this.outbox.add<DepartmentCreatedEvent>(m, Events.departmentCreated, { clinicId: row.clinicId, departmentId: row.id, name: row.name });
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new DomainError('DEPARTMENT.NAME_TAKEN', `Department ${row.name} already exists`);
      throw err;
    }
    return { id: row.id };
  }

  async list(actor: Actor): Promise<DepartmentReply[]> {
    const rows = await this.departments.find({ where: { clinicId: actor.clinicId }, order: { name: 'ASC' } });
    return rows.map((d) => ({ id: d.id, name: d.name, description: d.description, prepaidRegistration: Boolean(d.prepaidRegistration), createdAt: d.createdAt.toISOString() }));
  }
}
