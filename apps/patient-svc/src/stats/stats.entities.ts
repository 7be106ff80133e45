import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * When each patient was first seen (their first encounter's start), kept when an encounter opens, in the same
 * transaction. "New patients of a period" is then a range count on one index instead of a NOT EXISTS over every
 * encounter ever.
 */
@Entity('patient_first_visits')
@Index('idx_first_visit_clinic', ['clinicId', 'firstStartedAt'])
export class PatientFirstVisit {
  @PrimaryColumn({ name: 'patient_id', type: 'varchar', length: 36 })
  patientId: string;

  @Column({ name: 'clinic_id', type: 'varchar', length: 36 })
  clinicId: string;

  @Column({ name: 'first_started_at', type: 'datetime', precision: 3 })
  firstStartedAt: Date;
}
