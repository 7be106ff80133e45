import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Actor, CreateStaffDto, DoctorReply, IdReply, ListDoctorsQuery, ListStaffQuery, Page, StaffReply, UpdateStaffDto } from '@clinic/contracts';
import { addDays, clinicNow, Config, DomainError, isUniqueViolation, isUuid, likePrefix, notFound, paging, Tx } from '@clinic/platform';
import { Between, In, Repository, type EntityManager } from 'typeorm';
import { Department } from '../departments/department.entity';
import { AuthService } from '../identity/auth.service';
import { StaffUser } from '../identity/staff-user.entity';
import { Shift } from '../scheduling/scheduling.entities';


/** Staff accounts, managed by an admin; doctors are staff with the `doctor` role. */
@Injectable()
export class StaffService {
  constructor(
    private readonly tx: Tx,
    @InjectRepository(StaffUser) private readonly users: Repository<StaffUser>,
    @InjectRepository(Department) private readonly departments: Repository<Department>,
    private readonly auth: AuthService,
    private readonly config: Config,
    @InjectRepository(Shift) private readonly shifts: Repository<Shift>,
  ) {}

  async create(actor: Actor, dto: CreateStaffDto): Promise<IdReply> {
    await this.checkDepartment(actor, dto.departmentId);
    const id = randomUUID();
    const passwordHash = await this.auth.hashPassword(dto.password);
    try {
      await this.tx.run((m) =>
        m.insert(StaffUser, {
          id,
          clinicId: actor.clinicId,
          username: dto.username,
          passwordHash,
          name: dto.name.trim(),
          roles: dto.roles,
          departmentId: dto.departmentId ?? null,
          title: dto.title ?? null,
          specialty: dto.specialty ?? null,
          introduction: dto.introduction ?? null,
          lockedUntil: null,
          status: 'ACTIVE',
          createdAt: new Date(),
        }),
      );
    } catch (err) {
      if (isUniqueViolation(err)) throw new DomainError('STAFF.USERNAME_TAKEN', `Username ${dto.username} is taken`);
      throw err;
    }
    return { id };
  }

  async list(actor: Actor, q: ListStaffQuery): Promise<Page<StaffReply>> {
    const { page, pageSize, skip } = paging(q);
    const qb = this.users.createQueryBuilder('u').where('u.clinicId = :clinicId', { clinicId: actor.clinicId });
    const text = q.query?.trim();
    if (text) qb.andWhere("(u.name LIKE :p ESCAPE '!' OR u.username LIKE :p ESCAPE '!')", { p: likePrefix(text) });
    // Role names never contain one another, so a substring match on the stored list is exact.
    if (q.role) qb.andWhere('u.roles LIKE :role', { role: `%${q.role}%` });
    const [rows, total] = await qb.orderBy('u.username', 'ASC').skip(skip).take(pageSize).getManyAndCount();
    return { items: rows.map(toStaffReply), total, page, pageSize };
  }

  async get(actor: Actor, id: string): Promise<StaffReply> {
    return toStaffReply(await this.find(actor, id));
  }

  async update(actor: Actor, id: string, dto: UpdateStaffDto): Promise<StaffReply> {
    const user = await this.find(actor, id);
    if (dto.departmentId) await this.checkDepartment(actor, dto.departmentId);
    const changes: Partial<StaffUser> = {};
    for (const key of ['name', 'roles', 'departmentId', 'title', 'specialty', 'introduction'] as const) {
      if (dto[key] !== undefined) Object.assign(changes, { [key]: dto[key] });
    }
    if (dto.password !== undefined) changes.passwordHash = await this.auth.hashPassword(dto.password);
    await this.tx.run(async (m) => {
      if (dto.roles && !dto.roles.includes('admin') && user.roles.includes('admin')) await this.keepAnAdmin(m, actor, id);
      await m.update(StaffUser, { id, clinicId: actor.clinicId }, changes);
      if (dto.password !== undefined || dto.roles !== undefined) await this.auth.revokeAll(m, id); // sign in again with the new rights
    });
    return this.get(actor, id);
  }

  /** Disabling ends the user's refresh tokens now; an access token already out lives at most its short TTL. */
  async setStatus(actor: Actor, id: string, status: 'ACTIVE' | 'DISABLED'): Promise<StaffReply> {
    await this.find(actor, id);
    await this.tx.run(async (m) => {
      if (status === 'DISABLED') {
        await this.keepAnAdmin(m, actor, id);
        await this.auth.revokeAll(m, id);
        await m.update(StaffUser, { id, clinicId: actor.clinicId }, { status });
      } else {
        await m.update(StaffUser, { id, clinicId: actor.clinicId }, { status, lockedUntil: null });
      }
    });
    return this.get(actor, id);
  }

  async doctors(actor: Actor, q: ListDoctorsQuery): Promise<DoctorReply[]> {
    const qb = this.users
      .createQueryBuilder('u')
      .where('u.clinicId = :clinicId AND u.status = :status AND u.roles LIKE :role', { clinicId: actor.clinicId, status: 'ACTIVE', role: '%doctor%' });
    if (q.departmentId) qb.andWhere('u.departmentId = :d', { d: q.departmentId });
    const rows = await qb.orderBy('u.name', 'ASC').getMany();
    const today = clinicNow(this.config.env.CLINIC_TIMEZONE).date;
    const open = rows.length
      ? await this.shifts.find({ where: { doctorId: In(rows.map((u) => u.id)), status: 'OPEN', date: Between(today, addDays(today, this.config.env.BOOKING_WINDOW_DAYS)) } })
      : [];
    const order = { AM: 0, PM: 1, EVENING: 2 } as const;
    const next = new Map<string, Shift>();
    for (const s of open.filter((s) => s.booked < s.capacity).sort((a, b) => a.date.localeCompare(b.date) || order[a.period] - order[b.period])) {
      if (!next.has(s.doctorId)) next.set(s.doctorId, s);
    }
    return rows.map((u) => {
      const s = next.get(u.id);
      return {
        id: u.id,
        name: u.name,
        title: u.title,
        departmentId: u.departmentId,
        specialty: u.specialty,
        introduction: u.introduction,
        nextFreeShift: s ? { id: s.id, date: s.date, period: s.period, remaining: s.capacity - s.booked } : null,
      };
    });
  }

  /**
   * The clinic must keep an active admin. On MySQL the admins' rows are locked first, so two admins
   * disabling each other at once cannot both succeed; on SQLite transactions already run one at a time.
   */
  private async keepAnAdmin(m: EntityManager, actor: Actor, leaving: string) {
    const qb = m.createQueryBuilder(StaffUser, 'u').where('u.clinicId = :clinicId AND u.status = :status AND u.roles LIKE :role', { clinicId: actor.clinicId, status: 'ACTIVE', role: '%admin%' });
    if (m.connection.options.type !== 'better-sqlite3') qb.setLock('pessimistic_write');
    const admins = await qb.getMany();
    if (!admins.some((a) => a.id !== leaving)) throw new DomainError('STAFF.LAST_ADMIN', 'The clinic must keep at least one active admin');
  }

  private async find(actor: Actor, id: string): Promise<StaffUser> {
    const user = isUuid(id) ? await this.users.findOneBy({ id, clinicId: actor.clinicId }) : null;
    if (!user) throw notFound('Staff user');
    return user;
  }

  private async checkDepartment(actor: Actor, departmentId: string | null | undefined) {
    if (departmentId && !(await this.departments.existsBy({ id: departmentId, clinicId: actor.clinicId }))) {
      throw new DomainError('VALIDATION.FAILED', 'Invalid fields: departmentId', [{ field: 'departmentId', errors: ['no such department'] }]);
    }
  }
}

function toStaffReply(u: StaffUser): StaffReply {
  return {
    id: u.id,
    username: u.username,
    name: u.name,
    roles: u.roles,
    departmentId: u.departmentId,
    title: u.title,
    specialty: u.specialty,
    introduction: u.introduction,
    status: u.status,
    lockedUntil: u.lockedUntil && u.lockedUntil > new Date() ? u.lockedUntil.toISOString() : null,
    createdAt: u.createdAt.toISOString(),
  };
}
