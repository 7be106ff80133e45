import type { DoctorTitle, StaffRole } from '@clinic/contracts';
import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

@Entity('staff_users')
@Unique('uq_staff_username', ['username'])
export class StaffUser {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'clinic_id', type: 'varchar', length: 36 })
  clinicId: string;

  @Column({ type: 'varchar', length: 64 })
  username: string;

  @Column({ name: 'password_hash', type: 'varchar', length: 200 })
  passwordHash: string;

  @Column({ type: 'varchar', length: 50 })
  name: string;

  @Column({ type: 'simple-array' })
  roles: StaffRole[];

  @Column({ name: 'department_id', type: 'varchar', length: 36, nullable: true })
  departmentId: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  title: DoctorTitle | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  specialty: string | null;

  @Column({ type: 'text', nullable: true })
  introduction: string | null;

  /** Set when too many logins failed; sign-in is refused until then. */
  @Column({ name: 'locked_until', type: 'datetime', precision: 3, nullable: true })
  lockedUntil: Date | null;

  @Column({ type: 'varchar', length: 10 })
  status: 'ACTIVE' | 'DISABLED';

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}

/** One failed sign-in; the count inside the window decides a lockout. */
@Entity('login_failures')
@Index('idx_login_failures_user', ['userId', 'at'])
export class LoginFailure {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId: string;

  @Column({ type: 'datetime', precision: 3 })
  at: Date;
}
