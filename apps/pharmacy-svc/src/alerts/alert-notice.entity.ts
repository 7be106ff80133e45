import type { PharmacyAlertType } from '@clinic/contracts';
import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';

/** An alert sent to the pharmacists: one per alert per day, held by the unique key. */
@Entity('alert_notices')
@Unique('uq_alert_notice', ['clinicId', 'type', 'subjectId', 'raisedOn'])
export class AlertNotice {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'clinic_id', type: 'varchar', length: 36 })
  clinicId: string;

  @Column({ type: 'varchar', length: 12 })
  type: PharmacyAlertType;

  /** The drug (LOW_STOCK) or the batch (NEAR_EXPIRY, EXPIRED). */
  @Column({ name: 'subject_id', type: 'varchar', length: 36 })
  subjectId: string;

  @Column({ name: 'raised_on', type: 'date' })
  raisedOn: string;

  @Column({ type: 'varchar', length: 100 })
  title: string;

  @Column({ type: 'varchar', length: 500 })
  body: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}
