import { randomUUID } from 'node:crypto';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DEFAULT_CLINIC_ID, type Actor } from '@clinic/contracts';
import { Config, isUniqueViolation, JsonLogger, Tx } from '@clinic/platform';
import { DepartmentsService } from '../departments/departments.service';
import { AuthService } from '../identity/auth.service';
import { StaffUser } from '../identity/staff-user.entity';
import { PatientsService } from '../patients/patients.service';

const DEPARTMENTS = [
  { name: '全科', description: '常见病、多发病的诊疗与慢病管理' },
  { name: '内科', description: '呼吸、消化、心血管等内科疾病' },
  { name: '儿科', description: '0-14 岁儿童常见病' },
  { name: '中医科', description: '中医内科、针灸推拿' },
];

const STAFF = [
  { username: 'reception', name: '王晓丽', roles: ['receptionist'], department: null, title: null, specialty: null },
  { username: 'doctor.li', name: '李建国', roles: ['doctor'], department: '内科', title: '主任医师', specialty: '高血压、糖尿病等慢病管理' },
  { username: 'doctor.zhang', name: '张敏', roles: ['doctor'], department: '儿科', title: '主治医师', specialty: '小儿呼吸道感染' },
  { username: 'doctor.chen', name: '陈志远', roles: ['doctor'], department: '中医科', title: '副主任医师', specialty: '针灸、脾胃病' },
  { username: 'pharmacy', name: '刘芳', roles: ['pharmacist'], department: null, title: null, specialty: null },
  { username: 'cashier', name: '赵静', roles: ['cashier'], department: null, title: null, specialty: null },
  { username: 'auditor', name: '孙审', roles: ['auditor'], department: null, title: null, specialty: null },
] as const;

/** Fictitious people; the ID numbers carry valid check characters so they pass GB 11643 validation. */
const PATIENTS = [
  { name: '周明', gender: 'M', birthDate: '1985-03-12', phone: '13800000001', idCardNo: '110101198503120017' },
  { name: '吴丽华', gender: 'F', birthDate: '1992-07-08', phone: '13800000002', idCardNo: '310104199207080023' },
  { name: '孙小宝', gender: 'M', birthDate: '2019-11-30', phone: '13800000003', relationship: '子女' },
] as const;

/**
 * CLINIC_DEMO_DATA=1 seeds a small clinic once, when it has no departments. Demo staff sign in with the
 * bootstrap admin's password (CLINIC_ADMIN_PASSWORD); without it they get none and cannot sign in.
 */
@Injectable()
export class DemoSeed implements OnApplicationBootstrap {
  constructor(
    private readonly config: Config,
    private readonly tx: Tx,
    private readonly auth: AuthService,
    private readonly departments: DepartmentsService,
    private readonly patients: PatientsService,
    private readonly logger: JsonLogger,
  ) {}

  async onApplicationBootstrap() {
    if (!this.config.env.CLINIC_DEMO_DATA) return;
    const system: Actor = { kind: 'staff', id: 'demo-seed', roles: ['admin'], clinicId: DEFAULT_CLINIC_ID };
    if ((await this.departments.list(system)).length > 0) return;
    try {
      const ids = new Map<string, string>();
      for (const d of DEPARTMENTS) ids.set(d.name, (await this.departments.create(system, d)).id);
      const password = this.config.env.CLINIC_ADMIN_PASSWORD;
      const passwordHash = password ? await this.auth.hashPassword(password) : '!';
      for (const s of STAFF) {
        await this.tx.run((m) => m.insert(StaffUser, {
          id: randomUUID(),
          clinicId: DEFAULT_CLINIC_ID,
          username: s.username,
          passwordHash,
          name: s.name,
          roles: [...s.roles],
          departmentId: s.department ? ids.get(s.department)! : null,
          title: s.title,
          specialty: s.specialty,
          status: 'ACTIVE',
          createdAt: new Date(),
        }));
      }
      for (const p of PATIENTS) await this.patients.create(system, { requestId: 'demo-seed' }, { ...p });
      this.logger.event('info', 'DemoSeed', 'demo clinic seeded', { departments: DEPARTMENTS.length, staff: STAFF.length, patients: PATIENTS.length });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err; // another copy is seeding
    }
  }
}
