import type { ControlClass, EncounterStatus, PrescriptionKind, PrescriptionStatus, TemplateScope } from '@clinic/contracts';
import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

/** One ICD-10 code of 国家临床版 2.0, loaded from assets/icd10-cn.csv by a migration. */
@Entity('icd10_codes')
@Index('idx_icd10_category', ['category'])
export class Icd10Code {
  @PrimaryColumn({ type: 'varchar', length: 16 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** The 3-character category (J06). */
  @Column({ type: 'varchar', length: 3 })
  category: string;

  /** The chapter's code range (J00-J99). */
  @Column({ type: 'varchar', length: 8 })
  chapter: string;

  /** Pinyin initials of the name, for "shxdgr". */
  @Column({ type: 'varchar', length: 60 })
  py: string;
}

/** 接诊: one doctor seeing one patient, from a called appointment or as a walk-in. */
@Entity('encounters')
@Unique('uq_encounter_appointment', ['appointmentId'])
@Index('idx_encounter_patient', ['clinicId', 'patientId', 'startedAt'])
@Index('idx_encounter_doctor', ['doctorId', 'status', 'startedAt'])
@Index('idx_encounter_stats', ['clinicId', 'startedAt', 'patientId', 'doctorId', 'departmentId', 'appointmentId', 'finishedAt'])
export class Encounter {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'clinic_id', type: 'varchar', length: 36 })
  clinicId: string;

  @Column({ name: 'patient_id', type: 'varchar', length: 36 })
  patientId: string;

  @Column({ name: 'doctor_id', type: 'varchar', length: 36 })
  doctorId: string;

  /** As signed on the record: the doctor's name at the time. */
  @Column({ name: 'doctor_name', type: 'varchar', length: 50 })
  doctorName: string;

  @Column({ name: 'department_id', type: 'varchar', length: 36, nullable: true })
  departmentId: string | null;

  @Column({ name: 'appointment_id', type: 'varchar', length: 36, nullable: true })
  appointmentId: string | null;

  @Column({ type: 'varchar', length: 10 })
  status: EncounterStatus;

  /** When the patient was called from the queue (null for a walk-in seen at once). */
  @Column({ name: 'called_at', type: 'datetime', precision: 3, nullable: true })
  calledAt: Date | null;

  @Column({ name: 'started_at', type: 'datetime', precision: 3 })
  startedAt: Date;

  @Column({ name: 'finished_at', type: 'datetime', precision: 3, nullable: true })
  finishedAt: Date | null;
}

/**
 * One version of an encounter's record. Version 1 is the draft until signed; a change after signing is a new
 * version (an amendment, signed by whoever made it, with a reason). Versions are never changed once signed.
 */
@Entity('emr_versions')
@Unique('uq_emr_version', ['encounterId', 'version'])
export class EmrVersion {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'encounter_id', type: 'varchar', length: 36 })
  encounterId: string;

  @Column({ type: 'integer' })
  version: number;

  /** EmrContentDto as JSON. */
  @Column({ type: 'text' })
  content: string;

  @Column({ type: 'varchar', length: 10 })
  status: 'DRAFT' | 'SIGNED';

  @Column({ name: 'author_id', type: 'varchar', length: 36 })
  authorId: string;

  @Column({ name: 'signed_by', type: 'varchar', length: 36, nullable: true })
  signedBy: string | null;

  @Column({ name: 'signed_by_name', type: 'varchar', length: 50, nullable: true })
  signedByName: string | null;

  @Column({ name: 'signed_at', type: 'datetime', precision: 3, nullable: true })
  signedAt: Date | null;

  @Column({ name: 'amendment_reason', type: 'varchar', length: 200, nullable: true })
  amendmentReason: string | null;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;
}

/** The diagnoses of an encounter's latest signed version, one row each, for statistics by code and chapter. */
@Entity('encounter_diagnoses')
@Index('idx_diagnosis_code', ['clinicId', 'code', 'diagnosedAt'])
@Index('idx_diagnosis_encounter', ['encounterId'])
@Index('idx_diagnosis_stats', ['clinicId', 'encounterStartedAt', 'code'])
export class EncounterDiagnosis {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'clinic_id', type: 'varchar', length: 36 })
  clinicId: string;

  @Column({ name: 'encounter_id', type: 'varchar', length: 36 })
  encounterId: string;

  @Column({ type: 'varchar', length: 16 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ name: 'is_primary', type: 'boolean', width: 1 })
  isPrimary: boolean;

  @Column({ name: 'diagnosed_at', type: 'datetime', precision: 3 })
  diagnosedAt: Date;

  /** The encounter's start, copied so statistics count diagnoses by visit day from one index (null only before backfill). */
  @Column({ name: 'encounter_started_at', type: 'datetime', precision: 3, nullable: true })
  encounterStartedAt: Date | null;
}

/** An EMR template: a department's (every doctor there) or a doctor's own. */
@Entity('emr_templates')
@Index('idx_template_scope', ['clinicId', 'scope', 'departmentId'])
export class EmrTemplate {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'clinic_id', type: 'varchar', length: 36 })
  clinicId: string;

  @Column({ type: 'varchar', length: 50 })
  name: string;

  @Column({ type: 'varchar', length: 12 })
  scope: TemplateScope;

  @Column({ name: 'department_id', type: 'varchar', length: 36, nullable: true })
  departmentId: string | null;

  @Column({ name: 'owner_id', type: 'varchar', length: 36 })
  ownerId: string;

  @Column({ type: 'text' })
  content: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}

/** A prescription of one encounter: a draft the doctor edits, then signed (stock reserved in pharmacy), or cancelled. */
@Entity('prescriptions')
@Index('idx_prescription_encounter', ['encounterId'])
@Index('idx_prescription_patient', ['clinicId', 'patientId', 'createdAt'])
@Index('idx_prescription_stats', ['clinicId', 'signedAt', 'status', 'totalFen'])
export class Prescription {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'clinic_id', type: 'varchar', length: 36 })
  clinicId: string;

  @Column({ name: 'encounter_id', type: 'varchar', length: 36 })
  encounterId: string;

  @Column({ name: 'patient_id', type: 'varchar', length: 36 })
  patientId: string;

  @Column({ name: 'doctor_id', type: 'varchar', length: 36 })
  doctorId: string;

  @Column({ type: 'varchar', length: 10 })
  kind: PrescriptionKind;

  @Column({ type: 'varchar', length: 10 })
  status: PrescriptionStatus;

  @Column({ name: 'over_limit_reason', type: 'varchar', length: 200, nullable: true })
  overLimitReason: string | null;

  @Column({ name: 'allergy_override_reason', type: 'varchar', length: 200, nullable: true })
  allergyOverrideReason: string | null;

  @Column({ name: 'valid_until', type: 'datetime', precision: 3, nullable: true })
  validUntil: Date | null;

  @Column({ name: 'signed_at', type: 'datetime', precision: 3, nullable: true })
  signedAt: Date | null;

  @Column({ name: 'cancelled_at', type: 'datetime', precision: 3, nullable: true })
  cancelledAt: Date | null;

  @Column({ name: 'total_fen', type: 'integer', nullable: true })
  totalFen: number | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}

@Entity('prescription_lines')
@Unique('uq_prescription_line', ['prescriptionId', 'lineNo'])
export class PrescriptionLine {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'prescription_id', type: 'varchar', length: 36 })
  prescriptionId: string;

  @Column({ name: 'line_no', type: 'integer' })
  lineNo: number;

  @Column({ name: 'drug_id', type: 'varchar', length: 36 })
  drugId: string;

  /** The drug as the catalogue described it when prescribed. */
  @Column({ name: 'drug_name', type: 'varchar', length: 100 })
  drugName: string;

  @Column({ type: 'varchar', length: 100 })
  spec: string;

  @Column({ type: 'varchar', length: 10 })
  unit: string;

  @Column({ name: 'control_class', type: 'varchar', length: 16 })
  controlClass: ControlClass;

  @Column({ type: 'varchar', length: 30 })
  dosage: string;

  @Column({ type: 'varchar', length: 10 })
  frequency: string;

  @Column({ type: 'varchar', length: 20 })
  route: string;

  @Column({ type: 'integer' })
  days: number;

  @Column({ type: 'integer' })
  quantity: number;

  /** Set at signing, from pharmacy's reservation: the price charged. */
  @Column({ name: 'unit_price_fen', type: 'integer', nullable: true })
  unitPriceFen: number | null;

  @Column({ name: 'amount_fen', type: 'integer', nullable: true })
  amountFen: number | null;
}
