import type { DrugAllergyClass, Gender } from '@clinic/contracts';
import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

/** Phone and ID card numbers are stored encrypted, with a keyed hash beside each for exact search. */
@Entity('patients')
@Unique('uq_patient_mrn', ['medicalRecordNo'])
@Unique('uq_patient_id_card', ['clinicId', 'idCardHash'])
@Index('idx_patient_phone', ['clinicId', 'phoneHash'])
@Index('idx_patient_name', ['clinicId', 'name'])
export class Patient {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'clinic_id', type: 'varchar', length: 36 })
  clinicId: string;

  @Column({ name: 'medical_record_no', type: 'varchar', length: 20 })
  medicalRecordNo: string;

  @Column({ type: 'varchar', length: 50 })
  name: string;

  @Column({ type: 'varchar', length: 1 })
  gender: Gender;

  @Column({ name: 'birth_date', type: 'date' })
  birthDate: string;

  @Column({ name: 'phone_enc', type: 'varchar', length: 200 })
  phoneEnc: string;

  @Column({ name: 'phone_hash', type: 'varchar', length: 64 })
  phoneHash: string;

  @Column({ name: 'id_card_enc', type: 'varchar', length: 200, nullable: true })
  idCardEnc: string | null;

  @Column({ name: 'id_card_hash', type: 'varchar', length: 64, nullable: true })
  idCardHash: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  relationship: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  address: string | null;

  @Column({ name: 'emergency_contact_name', type: 'varchar', length: 50, nullable: true })
  emergencyContactName: string | null;

  @Column({ name: 'emergency_contact_phone_enc', type: 'varchar', length: 200, nullable: true })
  emergencyContactPhoneEnc: string | null;

  @Column({ name: 'allergy_classes', type: 'simple-array', nullable: true })
  allergyClasses: DrugAllergyClass[] | null;

  @Column({ name: 'allergy_note', type: 'varchar', length: 500, nullable: true })
  allergyNote: string | null;

  @Column({ name: 'chronic_conditions', type: 'simple-json', nullable: true })
  chronicConditions: string[] | null;

  @Column({ name: 'created_by', type: 'varchar', length: 36 })
  createdBy: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3, nullable: true })
  updatedAt: Date | null;
}

/** Counters for human-readable numbers (medical record numbers), advanced by a locked update. */
@Entity('sequences')
export class Sequence {
  @PrimaryColumn({ type: 'varchar', length: 50 })
  name: string;

  @Column({ name: 'next_value', type: 'integer' })
  nextValue: number;
}
