import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';

@Entity('departments')
@Unique('uq_department_name', ['clinicId', 'name'])
export class Department {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'clinic_id', type: 'varchar', length: 36 })
  clinicId: string;

  @Column({ type: 'varchar', length: 50 })
  name: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  description: string | null;

  @Column({ name: 'prepaid_registration', type: 'boolean', width: 1, nullable: true })
  prepaidRegistration: boolean | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}
