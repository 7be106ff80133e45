import type { AuditAction, AuditOutcome } from '@clinic/contracts';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Append-only: database triggers refuse UPDATE and DELETE, and each row hashes the one before it. */
@Entity('audit_log')
@Index('idx_audit_patient', ['patientId', 'seq'])
@Index('idx_audit_actor', ['actorId', 'seq'])
@Index('idx_audit_at', ['at'])
export class AuditLog {
  @PrimaryColumn({ type: 'integer' })
  seq: number;

  @Column({ name: 'clinic_id', type: 'varchar', length: 36 })
  clinicId: string;

  @Column({ type: 'datetime', precision: 3 })
  at: Date;

  @Column({ name: 'actor_id', type: 'varchar', length: 64 })
  actorId: string;

  @Column({ name: 'actor_kind', type: 'varchar', length: 10 })
  actorKind: 'staff' | 'account' | 'system';

  @Column({ type: 'varchar', length: 200 })
  roles: string;

  @Column({ type: 'varchar', length: 30 })
  action: AuditAction;

  @Column({ name: 'patient_id', type: 'varchar', length: 36, nullable: true })
  patientId: string | null;

  @Column({ type: 'varchar', length: 10 })
  outcome: AuditOutcome;

  @Column({ name: 'request_id', type: 'varchar', length: 64 })
  requestId: string;

  @Column({ name: 'client_ip', type: 'varchar', length: 64, nullable: true })
  clientIp: string | null;

  @Column({ name: 'prev_hash', type: 'varchar', length: 64 })
  prevHash: string;

  @Column({ type: 'varchar', length: 64 })
  hash: string;
}

@Entity('audit_head')
export class AuditHead {
  @PrimaryColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer' })
  seq: number;

  @Column({ type: 'varchar', length: 64 })
  hash: string;
}
