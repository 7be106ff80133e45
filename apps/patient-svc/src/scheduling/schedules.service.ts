import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  Events,
  type Actor,
  type AppointmentCancelledEvent,
  type CreateScheduleDto,
  type CreateTemplateDto,
  type GenerateShiftsReply,
  type IdReply,
  type ListSchedulesQuery,
  type ScheduleReply,
  type TemplateReply,
  type UpdateScheduleDto,
} from '@clinic/contracts';
import { addDays, clinicNow, Config, DomainError, isoWeekday, isUniqueViolation, isUuid, minutesOf, notFound, Outbox, slotTimes, Tx } from '@clinic/platform';
import { Between, In, IsNull, Not, Repository, type EntityManager } from 'typeorm';
import { StaffUser } from '../identity/staff-user.entity';
import { AccountPatient } from '../accounts/account.entity';
import { Appointment, Notification, PatientDayBookings, RegistrationFee, ScheduleTemplate, Shift, ShiftSlot } from './scheduling.entities';
import { StatsDays } from '../stats/stats-days';

const PERIOD_ORDER = { AM: 0, PM: 1, EVENING: 2 } as const;
const ACTIVE = ['PENDING_PAYMENT', 'BOOKED', 'CHECKED_IN', 'IN_PROGRESS'] as const;

/** Doctors' shifts (出诊) and the weekly templates they are generated from. */
@Injectable()
export class SchedulesService {
  constructor(
    private readonly tx: Tx,
    private readonly config: Config,
    private readonly outbox: Outbox,
    @InjectRepository(Shift) private readonly shifts: Repository<Shift>,
    @InjectRepository(ScheduleTemplate) private readonly templates: Repository<ScheduleTemplate>,
    @InjectRepository(StaffUser) private readonly staff: Repository<StaffUser>,
    private readonly statsDays: StatsDays,
  ) {}

  async create(actor: Actor, dto: CreateScheduleDto): Promise<IdReply> {
    checkTimes(dto.startTime, dto.endTime);
    checkSlots(dto);
    const doctor = await this.doctor(actor, dto.doctorId);
    const id = randomUUID();
    try {
      await this.tx.run(async (m) => {
        const fee = dto.registrationFeeFen ?? (await this.feeFor(m, doctor));
        await m.insert(Shift, this.newShift(actor, doctor, { ...dto, id, fee }));
        await this.addSlots(m, id, dto);
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new DomainError('SCHEDULE.EXISTS', `The doctor already works ${dto.date} ${dto.period}`);
      throw err;
    }
    return { id };
  }

  async list(actor: Actor, q: ListSchedulesQuery): Promise<ScheduleReply[]> {
    const today = clinicNow(this.config.env.CLINIC_TIMEZONE).date;
    const from = q.from ?? today;
    const to = q.to ?? addDays(from, this.config.env.BOOKING_WINDOW_DAYS);
    if (to < from) throw new DomainError('VALIDATION.FAILED', 'Invalid fields: to', [{ field: 'to', errors: ['to must not be before from'] }]);
    if (addDays(from, 92) < to) throw new DomainError('VALIDATION.FAILED', 'Invalid fields: to', [{ field: 'to', errors: ['at most 92 days at a time'] }]);
    const rows = await this.shifts.find({
      where: { clinicId: actor.clinicId, date: Between(from, to), ...(q.doctorId && { doctorId: q.doctorId }), ...(q.departmentId && { departmentId: q.departmentId }) },
    });
    rows.sort((a, b) => a.date.localeCompare(b.date) || PERIOD_ORDER[a.period] - PERIOD_ORDER[b.period] || a.startTime.localeCompare(b.startTime));
    return this.withSlots(rows);
  }

  async update(actor: Actor, id: string, dto: UpdateScheduleDto): Promise<ScheduleReply> {
    const shift = await this.find(actor, id);
    if (shift.status !== 'OPEN') throw new DomainError('SCHEDULE.CANCELLED', 'This shift was cancelled');
    checkTimes(dto.startTime ?? shift.startTime, dto.endTime ?? shift.endTime);
    await this.tx.run(async (m) => {
      const { capacity, ...rest } = dto;
      if (Object.keys(rest).length) await m.update(Shift, { id }, rest);
      if (capacity !== undefined) {
        // Conditional: a booking racing this change cannot leave more places taken than there are.
        const changed = await m.createQueryBuilder().update(Shift).set({ capacity }).where('id = :id AND booked - overbooked <= :capacity', { id, capacity }).execute();
        if (changed.affected !== 1) throw new DomainError('SCHEDULE.CAPACITY_BELOW_BOOKED', 'More places are already booked than the new capacity');
      }
    });
    return (await this.withSlots([await this.shifts.findOneByOrFail({ id })]))[0];
  }

  /**
   * Stops a shift (停诊): every appointment holding a place is cancelled with the reason, its place and the
   * patient's daily count are given back, and an event per appointment goes out for refunds and notices.
   */
  async cancel(actor: Actor, id: string, reason: string): Promise<ScheduleReply> {
    await this.find(actor, id);
    await this.tx.run(async (m) => {
      const stopped = await m.update(Shift, { id, status: 'OPEN' }, { status: 'CANCELLED', cancelReason: reason });
      if (stopped.affected !== 1) throw new DomainError('SCHEDULE.CANCELLED', 'This shift was already cancelled');
      const active = await m.find(Appointment, { where: { shiftId: id, status: In([...ACTIVE]) } });
      const now = new Date();
      const why = `医生停诊：${reason}`;
      const shift = await m.findOneByOrFail(Shift, { id });
      const doctor = await m.findOneBy(StaffUser, { id: shift.doctorId });
      const period = { AM: '上午', PM: '下午', EVENING: '晚上' }[shift.period];
      if (active.length) await this.statsDays.touch(m, shift.clinicId, shift.date);
      for (const a of active) {
        await m.update(Appointment, { id: a.id, activeKey: Not(IsNull()) }, { status: 'CANCELLED', activeKey: null, cancelReason: why, cancelledAt: now });
        // Every account that holds this patient hears of it (a parent and a spouse may both manage one child).
        for (const link of await m.findBy(AccountPatient, { patientId: a.patientId })) {
          await m.insert(Notification, {
            id: randomUUID(),
            clinicId: a.clinicId,
            accountId: link.accountId,
            patientId: a.patientId,
            kind: 'APPOINTMENT_CANCELLED',
            title: '预约已取消（医生停诊）',
            body: `您预约的 ${shift.date} ${period} ${doctor?.name ?? ''} 医生门诊因停诊取消：${reason}。${a.feeFen > 0 ? '已付挂号费将原路退回。' : ''}`,
            createdAt: now,
            readAt: null,
          });
        }
        await m.createQueryBuilder().update(PatientDayBookings).set({ active: () => 'active - 1' }).where('patient_id = :p AND day = :d', { p: a.patientId, d: a.day }).execute();
        await this.outbox.add<AppointmentCancelledEvent>(m, Events.appointmentCancelled, {
          clinicId: a.clinicId,
          appointmentId: a.id,
          patientId: a.patientId,
          shiftId: id,
          reason: why,
          by: 'shift-cancelled',
          feeFen: a.feeFen,
        });
      }
      await m.update(Shift, { id }, { booked: 0, overbooked: 0 });
      await m.update(ShiftSlot, { shiftId: id }, { booked: 0 });
    });
    return (await this.withSlots([await this.shifts.findOneByOrFail({ id })]))[0];
  }

  async createTemplate(actor: Actor, dto: CreateTemplateDto): Promise<IdReply> {
    checkTimes(dto.startTime, dto.endTime);
    checkSlots(dto);
    await this.doctor(actor, dto.doctorId);
    const id = randomUUID();
    try {
      await this.tx.run((m) =>
        m.insert(ScheduleTemplate, {
          id,
          clinicId: actor.clinicId,
          ...dto,
          registrationFeeFen: dto.registrationFeeFen ?? null,
          slotMinutes: dto.slotMinutes ?? null,
          slotCapacity: dto.slotCapacity ?? null,
          createdAt: new Date(),
        }),
      );
    } catch (err) {
      if (isUniqueViolation(err)) throw new DomainError('SCHEDULE.EXISTS', 'The doctor already has a template for this weekday and period');
      throw err;
    }
    return { id };
  }

  async listTemplates(actor: Actor, doctorId?: string): Promise<TemplateReply[]> {
    const rows = await this.templates.find({ where: { clinicId: actor.clinicId, ...(doctorId && { doctorId }) }, order: { doctorId: 'ASC', weekday: 'ASC' } });
    return rows.map(({ id, doctorId: d, weekday, period, startTime, endTime, capacity, registrationFeeFen, slotMinutes, slotCapacity }) => ({
      id,
      doctorId: d,
      weekday,
      period,
      startTime,
      endTime,
      capacity,
      registrationFeeFen,
      slotMinutes,
      slotCapacity,
    }));
  }

  /** Shifts for the next `weeks` weeks from tomorrow; a shift that already exists is left as it is. */
  async generate(actor: Actor, weeks: number, doctorId?: string): Promise<GenerateShiftsReply> {
    const templates = await this.templates.find({ where: { clinicId: actor.clinicId, ...(doctorId && { doctorId }) } });
    const start = addDays(clinicNow(this.config.env.CLINIC_TIMEZONE).date, 1);
    let created = 0;
    let skipped = 0;
    for (const t of templates) {
      const doctor = await this.staff.findOneBy({ id: t.doctorId, clinicId: actor.clinicId, status: 'ACTIVE' });
      if (!doctor) continue;
      for (let i = 0; i < weeks * 7; i++) {
        const date = addDays(start, i);
        if (isoWeekday(date) !== t.weekday) continue;
        try {
          await this.tx.run(async (m) => {
            const fee = t.registrationFeeFen ?? (await this.feeFor(m, doctor));
            const id = randomUUID();
            await m.insert(Shift, this.newShift(actor, doctor, { id, date, period: t.period, startTime: t.startTime, endTime: t.endTime, capacity: t.capacity, fee }));
            await this.addSlots(m, id, { startTime: t.startTime, endTime: t.endTime, slotMinutes: t.slotMinutes ?? undefined, slotCapacity: t.slotCapacity ?? undefined });
          });
          created++;
        } catch (err) {
          if (!isUniqueViolation(err)) throw err;
          skipped++;
        }
      }
    }
    return { created, skipped };
  }

  private newShift(actor: Actor, doctor: StaffUser, s: { id: string; date: string; period: Shift['period']; startTime: string; endTime: string; capacity: number; fee: number }): Shift {
    return {
      id: s.id,
      clinicId: actor.clinicId,
      doctorId: doctor.id,
      departmentId: doctor.departmentId,
      date: s.date,
      period: s.period,
      startTime: s.startTime,
      endTime: s.endTime,
      capacity: s.capacity,
      booked: 0,
      overbooked: 0,
      registrationFeeFen: s.fee,
      status: 'OPEN',
      cancelReason: null,
      numbersIssued: 0,
      rankSeq: 0,
      createdAt: new Date(),
    };
  }

  private async addSlots(m: EntityManager, shiftId: string, s: { startTime: string; endTime: string; slotMinutes?: number; slotCapacity?: number }) {
    if (!s.slotMinutes || !s.slotCapacity) return;
    for (const t of slotTimes(s.startTime, s.endTime, s.slotMinutes)) {
      await m.insert(ShiftSlot, { id: randomUUID(), shiftId, ...t, capacity: s.slotCapacity, booked: 0 });
    }
  }

  private async withSlots(rows: Shift[]): Promise<ScheduleReply[]> {
    const slots = rows.length ? await this.shifts.manager.find(ShiftSlot, { where: { shiftId: In(rows.map((r) => r.id)) }, order: { startTime: 'ASC' } }) : [];
    return rows.map((r) => toScheduleReply(r, slots.filter((s) => s.shiftId === r.id)));
  }

  /** The registration fee for the doctor's title (挂号费按职称), as the clinic has set it. */
  private async feeFor(m: EntityManager, doctor: StaffUser): Promise<number> {
    const row = (await m.findOneBy(RegistrationFee, { clinicId: doctor.clinicId, title: doctor.title ?? '' })) ?? (await m.findOneBy(RegistrationFee, { clinicId: doctor.clinicId, title: '' }));
    return row?.feeFen ?? 0;
  }

  private async doctor(actor: Actor, doctorId: string): Promise<StaffUser> {
    const doctor = await this.staff.findOneBy({ id: doctorId, clinicId: actor.clinicId, status: 'ACTIVE' });
    if (!doctor || !doctor.roles.includes('doctor')) throw new DomainError('VALIDATION.FAILED', 'Invalid fields: doctorId', [{ field: 'doctorId', errors: ['no such doctor'] }]);
    return doctor;
  }

  private async find(actor: Actor, id: string): Promise<Shift> {
    const shift = isUuid(id) ? await this.shifts.findOneBy({ id, clinicId: actor.clinicId }) : null;
    if (!shift) throw notFound('Schedule');
    return shift;
  }
}

function checkSlots(dto: { slotMinutes?: number; slotCapacity?: number }) {
  if ((dto.slotMinutes === undefined) !== (dto.slotCapacity === undefined)) {
    const field = dto.slotMinutes === undefined ? 'slotMinutes' : 'slotCapacity';
    throw new DomainError('VALIDATION.FAILED', `Invalid fields: ${field}`, [{ field, errors: ['slotMinutes and slotCapacity go together'] }]);
  }
}

function checkTimes(start: string, end: string) {
  if (minutesOf(end) <= minutesOf(start)) throw new DomainError('VALIDATION.FAILED', 'Invalid fields: endTime', [{ field: 'endTime', errors: ['endTime must be after startTime'] }]);
}

export function toScheduleReply(s: Shift, slots: ShiftSlot[] = []): ScheduleReply {
  return {
    id: s.id,
    doctorId: s.doctorId,
    departmentId: s.departmentId,
    date: s.date,
    period: s.period,
    startTime: s.startTime,
    endTime: s.endTime,
    capacity: s.capacity,
    booked: s.booked,
    remaining: s.status === 'OPEN' ? Math.max(0, s.capacity - s.booked) : 0,
    registrationFeeFen: s.registrationFeeFen,
    status: s.status,
    cancelReason: s.cancelReason,
    slots: slots.map((x) => ({ id: x.id, startTime: x.startTime, endTime: x.endTime, capacity: x.capacity, booked: x.booked, remaining: s.status === 'OPEN' ? Math.max(0, x.capacity - x.booked) : 0 })),
  };
}
