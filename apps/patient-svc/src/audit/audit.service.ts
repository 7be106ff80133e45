import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Actor, AuditEntryReply, AuditQuery, MessageMeta, Page } from '@clinic/contracts';
import { AuditLog, AuditTrail, paging, type AuditEvent } from '@clinic/platform';
import { In, Repository, type EntityManager } from 'typeorm';
import { StaffUser } from '../identity/staff-user.entity';
import { Patient } from '../patients/patient.entity';

/**
 * patient-svc's audit log of patient records (the chain itself is the platform's AuditTrail, which billing keeps
 * for money too); this adds the staff-facing listing with names.
 */
@Injectable()
export class AuditService {
  constructor(
    private readonly trail: AuditTrail,
    @InjectRepository(AuditLog) private readonly log: Repository<AuditLog>,
  ) {}

  /** Appends inside the caller's transaction: a change and its audit row commit together. */
  append(m: EntityManager, actor: Actor, meta: MessageMeta, events: AuditEvent[]): Promise<void> {
    return this.trail.append(m, actor, meta, events);
  }

  /** For reads and refusals, which change nothing else: a transaction of their own. */
  record(actor: Actor, meta: MessageMeta, events: AuditEvent[]): Promise<void> {
    return this.trail.record(actor, meta, events);
  }

  async list(actor: Actor, q: AuditQuery): Promise<Page<AuditEntryReply>> {
    const { page, pageSize, skip } = paging(q);
    const qb = this.log.createQueryBuilder('a').where('a.clinicId = :clinicId', { clinicId: actor.clinicId });
    if (q.patientId) qb.andWhere('a.patientId = :patientId', { patientId: q.patientId });
    if (q.medicalRecordNo) {
      const patient = await this.log.manager.findOne(Patient, { where: { medicalRecordNo: q.medicalRecordNo.toUpperCase(), clinicId: actor.clinicId }, select: { id: true } });
      qb.andWhere('a.patientId = :byRecordNo', { byRecordNo: patient?.id ?? 'none' });
    }
    if (q.actorId) qb.andWhere('a.actorId = :actorId', { actorId: q.actorId });
    if (q.action) qb.andWhere('a.action = :action', { action: q.action });
    if (q.outcome) qb.andWhere('a.outcome = :outcome', { outcome: q.outcome });
    if (q.from) qb.andWhere('a.at >= :from', { from: new Date(q.from) });
    if (q.to) qb.andWhere('a.at < :to', { to: new Date(q.to) });
    const [rows, total] = await qb.orderBy('a.seq', 'DESC').skip(skip).take(pageSize).getManyAndCount();
    // Names are looked up, not stored: the hashed row keeps only the id, which never changes.
    const staffIds = [...new Set(rows.filter((r) => r.actorKind === 'staff').map((r) => r.actorId))];
    const staff = staffIds.length ? await this.log.manager.find(StaffUser, { where: { id: In(staffIds) }, select: { id: true, name: true } }) : [];
    const names = new Map(staff.map((s) => [s.id, s.name]));
    return {
      items: rows.map((r) => ({
        seq: r.seq,
        at: r.at.toISOString(),
        actorId: r.actorId,
        actorName: names.get(r.actorId) ?? null,
        actorKind: r.actorKind,
        roles: r.roles ? r.roles.split(',') : [],
        action: r.action,
        patientId: r.patientId,
        outcome: r.outcome,
        requestId: r.requestId,
        clientIp: r.clientIp,
      })),
      total,
      page,
      pageSize,
    };
  }
}
