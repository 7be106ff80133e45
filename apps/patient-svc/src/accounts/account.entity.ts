import { Check, Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

/** A WeChat user of the mini-program (患者账号); it manages up to 10 patients (本人 and family). */
@Entity('accounts')
@Unique('uq_account_openid', ['openid'])
@Check('chk_account_family_size', 'patient_count >= 0 AND patient_count <= 10')
export class Account {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'clinic_id', type: 'varchar', length: 36 })
  clinicId: string;

  /** Null once the account is closed, so the same WeChat user can start afresh. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  openid: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  unionid: string | null;

  /** WeChat's session key, encrypted; it never leaves this service. */
  @Column({ name: 'session_key_enc', type: 'varchar', length: 200, nullable: true })
  sessionKeyEnc: string | null;

  /** How many patients the account holds; a conditional update keeps it within 10. */
  @Column({ name: 'patient_count', type: 'integer' })
  patientCount: number;

  @Column({ name: 'privacy_version', type: 'varchar', length: 20, nullable: true })
  privacyVersion: string | null;

  @Column({ name: 'privacy_consented_at', type: 'datetime', precision: 3, nullable: true })
  privacyConsentedAt: Date | null;

  @Column({ type: 'varchar', length: 10 })
  status: 'ACTIVE' | 'CLOSED';

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'closed_at', type: 'datetime', precision: 3, nullable: true })
  closedAt: Date | null;
}

@Entity('account_patients')
@Index('idx_account_patients_patient', ['patientId'])
export class AccountPatient {
  @PrimaryColumn({ name: 'account_id', type: 'varchar', length: 36 })
  accountId: string;

  @PrimaryColumn({ name: 'patient_id', type: 'varchar', length: 36 })
  patientId: string;

  @Column({ type: 'varchar', length: 20 })
  relationship: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}
