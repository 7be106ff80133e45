import type { ReminderKind, ReminderStatus } from '@clinic/contracts';
import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

/** A reminder to one patient account: made when its cause happens, sent by the job when due, exactly once. */
@Entity('reminders')
@Unique('uq_reminder', ['accountId', 'kind', 'sourceId', 'dueAt'])
@Index('idx_reminder_due', ['status', 'dueAt'])
@Index('idx_reminder_account', ['accountId', 'dueAt'])
export class Reminder {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'clinic_id', type: 'varchar', length: 36 })
  clinicId: string;

  @Column({ name: 'account_id', type: 'varchar', length: 36 })
  accountId: string;

  @Column({ name: 'patient_id', type: 'varchar', length: 36 })
  patientId: string;

  @Column({ type: 'varchar', length: 12 })
  kind: ReminderKind;

  /** The encounter (follow-up), prescription (medication) or appointment it is about. */
  @Column({ name: 'source_id', type: 'varchar', length: 36 })
  sourceId: string;

  @Column({ type: 'varchar', length: 100 })
  title: string;

  @Column({ type: 'varchar', length: 500 })
  body: string;

  @Column({ name: 'due_at', type: 'datetime', precision: 3 })
  dueAt: Date;

  @Column({ type: 'varchar', length: 10 })
  status: ReminderStatus;

  /** Set when a copy of the job claims it for sending: a claim older than a few minutes was abandoned. */
  @Column({ name: 'claimed_at', type: 'datetime', precision: 3, nullable: true })
  claimedAt: Date | null;

  @Column({ name: 'sent_at', type: 'datetime', precision: 3, nullable: true })
  sentAt: Date | null;

  @Column({ type: 'integer' })
  attempts: number;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}

/** An account's opt-outs; no row means every kind is on. Nullable columns: null is on. */
@Entity('reminder_settings')
export class ReminderSetting {
  @PrimaryColumn({ name: 'account_id', type: 'varchar', length: 36 })
  accountId: string;

  @Column({ name: 'follow_up', type: 'boolean', width: 1, nullable: true })
  followUp: boolean | null;

  @Column({ type: 'boolean', width: 1, nullable: true })
  medication: boolean | null;

  @Column({ type: 'boolean', width: 1, nullable: true })
  appointment: boolean | null;
}
