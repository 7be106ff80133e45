import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Actor, AuditAction, AuditEntryReply, AuditOutcome, AuditQuery, MessageMeta, Page } from '@clinic/contracts';
import { isUuid, paging, Tx } from '@clinic/platform';
import { In, Repository, type EntityManager } from 'typeorm';
import { StaffUser } from '../identity/staff-user.entity';
import { Patient } from '../patients/patient.entity';
import { AuditHead, AuditLog } from './audit.entity';

export interface AuditEvent {
  action: AuditAction;
  patientId: string | null;
  outcome: AuditOutcome;
}


/** What a row's hash covers: the previous hash and every field, in a fixed order. */
export function chainHash(row: Omit<AuditLog, 'hash'>): string {
  const fields = [row.prevHash, row.seq, row.clinicId, row.at.toISOString(), row.actorId, row.actorKind, row.roles, row.action, row.patientId, row.outcome, row.requestId, row.clientIp];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

/**
 * The audit log of patient records: who, role, when, what, which patient, outcome, request id, client address.
 * Each row carries the hash of the one before, so an edited or deleted row breaks the chain (`verify`).
 */
@Injectable()
export class AuditService {
  constructor(
    private readonly tx: Tx,
    @InjectRepository(AuditLog) private readonly log: Repository<AuditLog>,
  ) {}

  /** Appends inside the caller's transaction: a change and its audit row commit together. */
  async append(m: EntityManager, actor: Actor, meta: MessageMeta, events: AuditEvent[]): Promise<void> {
    for (const e of events) {
      // Advancing the head first takes its row lock: writers of the chain take turns until commit.
      await m.createQueryBuilder().update(AuditHead).set({ seq: () => 'seq + 1' }).where('id = 1').execute();
      const head = await m.findOneByOrFail(AuditHead, { id: 1 });
      const row: Omit<AuditLog, 'hash'> = {
        seq: head.seq,
        clinicId: actor.clinicId,
        at: new Date(),
        actorId: actor.id.slice(0, 64),
        actorKind: actor.kind,
        roles: actor.roles.join(','),
        action: e.action,
        patientId: e.patientId && isUuid(e.patientId) ? e.patientId : null,
        outcome: e.outcome,
        requestId: (meta.requestId ?? 'unknown').slice(0, 64),
        clientIp: meta.clientIp?.slice(0, 64) ?? null,
        prevHash: head.hash,
      };
      const hash = chainHash(row);
      await m.insert(AuditLog, { ...row, hash });
      await m.update(AuditHead, { id: 1 }, { hash });
    }
  }

  /** For reads and refusals, which change nothing else: a transaction of their own. */
  record(actor: Actor, meta: MessageMeta, events: AuditEvent[]): Promise<void> {
    if (!events.length) return Promise.resolve();
    return this.tx.run((m) => this.append(m, actor, meta, events));
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

  /**
   * Walks the whole chain in order. Broken: a row whose hash does not match its fields, a row that does not
   * point at the one before, a gap in the sequence, or a head that does not match the last row.
   */
  async verify(): Promise<{ ok: boolean; checked: number; brokenAt?: number; reason?: string }> {
    let prev = '0'.repeat(64);
    let expected = 1;
    const batch = 1000;
    for (;;) {
      const rows = await this.log.createQueryBuilder('a').where('a.seq >= :from', { from: expected }).orderBy('a.seq', 'ASC').take(batch).getMany();
      for (const r of rows) {
        if (r.seq !== expected) return { ok: false, checked: expected - 1, brokenAt: expected, reason: `row ${expected} is missing` };
        if (r.prevHash !== prev) return { ok: false, checked: expected - 1, brokenAt: r.seq, reason: `row ${r.seq} does not follow row ${r.seq - 1}` };
        const { hash, ...fields } = r;
        if (chainHash(fields) !== hash) return { ok: false, checked: expected - 1, brokenAt: r.seq, reason: `row ${r.seq} was changed` };
        prev = hash;
        expected++;
      }
      if (rows.length < batch) break;
    }
    const head = await this.log.manager.findOneByOrFail(AuditHead, { id: 1 });
    if (head.seq !== expected - 1 || head.hash !== prev) {
      return { ok: false, checked: expected - 1, brokenAt: expected, reason: `the chain ends at row ${expected - 1} but the head says ${head.seq}` };
    }
    return { ok: true, checked: expected - 1 };
  }
}
