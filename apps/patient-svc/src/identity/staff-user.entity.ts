import type { StaffRole } from '@clinic/contracts';
import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';

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
  title: string | null;

  @Column({ type: 'varchar', length: 10 })
  status: 'ACTIVE' | 'DISABLED';

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}
