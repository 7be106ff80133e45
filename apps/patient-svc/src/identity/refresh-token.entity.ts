import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

/** One refresh token of a rotation family; only its SHA-256 is stored. */
@Entity('refresh_tokens')
@Index('idx_refresh_family', ['familyId'])
@Unique('uq_refresh_token_hash', ['tokenHash'])
export class RefreshToken {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'family_id', type: 'varchar', length: 36 })
  familyId: string;

  /** A staff user's id, or a patient account's. */
  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId: string;

  @Column({ name: 'subject_kind', type: 'varchar', length: 10, default: 'staff' })
  subjectKind: 'staff' | 'account';

  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash: string;

  @Column({ name: 'expires_at', type: 'datetime', precision: 3 })
  expiresAt: Date;

  @Column({ name: 'used_at', type: 'datetime', precision: 3, nullable: true })
  usedAt: Date | null;

  @Column({ name: 'revoked_at', type: 'datetime', precision: 3, nullable: true })
  revokedAt: Date | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}
