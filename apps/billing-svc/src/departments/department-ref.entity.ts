import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Billing's own copy of a department's name, learned from patient-svc's events, for revenue by department. */
@Entity('department_refs')
export class DepartmentRef {
  @PrimaryColumn({ name: 'department_id', type: 'varchar', length: 36 })
  departmentId: string;

  @Column({ name: 'clinic_id', type: 'varchar', length: 36 })
  clinicId: string;

  @Column({ type: 'varchar', length: 50 })
  name: string;
}
