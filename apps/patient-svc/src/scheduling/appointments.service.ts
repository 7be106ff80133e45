import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  Events,
  type Actor,
  type AppointmentAwaitingPaymentEvent,
  type AppointmentCancelledEvent,
  type AppointmentReply,
  type CreateAppointmentDto,
  type ListAppointmentsQuery,
  type MessageMeta,
  type Page,
} from '@clinic/contracts';
import { addDays, clinicNow, Config, DomainError, isUniqueViolation, isUuid, minutesOf, notFound, Outbox, paging, Tx } from '@clinic/platform';
import { In, Repository, type EntityManager } from 'typeorm';
import { AccountPatient } from '../accounts/account.entity';
import { AuditService } from '../audit/audit.service';
import { Department } from '../departments/department.entity';
import { Patient } from '../patients/patient.entity';
import { Appointment, PatientDayBookings, Shift, ShiftSlot } from './scheduling.entities';
import { StatsDays } from '../stats/stats-days';

const CANCELLABLE = ['PENDING_PAYMENT', 'BOOKED'] as const;

/**
 * Booking. Every rule that two requests could race on is held by the database inside one transaction:
 * the shift's place by a conditional update of `booked`, the patient's daily limit by a conditional update
 * of their day count, one active appointment per patient and shift by a unique key. No read-then-write.
 */
@Injectable()
export class AppointmentsService {
  constructor(
    private readonly tx: Tx,
    private readonly config: Config,
    private readonly outbox: Outbox,
    private readonly audit: AuditService,
    @InjectRepository(Appointment) private readonly appointments: Repository<Appointment>,
    @InjectRepository(Shift) private readonly shifts: Repository<Shift>,
    @InjectRepository(Patient) private readonly patients: Repository<Patient>,
    @InjectRepository(AccountPatient) private readonly links: Repository<AccountPatient>,
    private readonly statsDays: StatsDays,
  ) {}

  async book(actor: Actor, meta: MessageMeta, dto: CreateAppointmentDto, opts: { walkIn?: boolean } = {}): Promise<AppointmentReply> {
    const isAccount = actor.kind === 'account';
    if (isAccount && dto.overbookReason) throw new DomainError('AUTH.FORBIDDEN', 'Only staff may book beyond a shift\'s capacity');
    await this.requirePatient(actor, dto.patientId);
    if (isAccount) await this.requireNoBlock(dto.patientId);
    const shift = isUuid(dto.scheduleId) ? await this.shifts.findOneBy({ id: dto.scheduleId, clinicId: actor.clinicId }) : null;
    if (!shift) throw notFound('Schedule');
    if (shift.status !== 'OPEN') throw new DomainError('SCHEDULE.CANCELLED', `This shift was cancelled: ${shift.cancelReason ?? ''}`);
    this.requireBookable(shift);
    const slot = await this.chooseSlot(shift, dto.slotId, isAccount);
    // Online bookings in a department that charges in advance wait for the fee, holding their place meanwhile.
    const prepaid =
      isAccount && shift.registrationFeeFen > 0 && !!shift.departmentId && !!(await this.appointments.manager.findOneBy(Department, { id: shift.departmentId, prepaidRegistration: true }));

    const row: Appointment = {
      id: randomUUID(),
      clinicId: actor.clinicId,
      shiftId: shift.id,
      patientId: dto.patientId,
      accountId: isAccount ? actor.id : null,
      doctorId: shift.doctorId,
      slotId: slot?.id ?? null,
      day: shift.date,
      status: prepaid ? 'PENDING_PAYMENT' : 'BOOKED',
      activeKey: shift.id,
      feeFen: shift.registrationFeeFen,
      overbooked: false,
      overbookReason: null,
      queueNo: null,
      queueRank: null,
      walkIn: opts.walkIn ?? false,
      checkedInAt: null,
      calledAt: null,
      completedAt: null,
      holdUntil: prepaid ? new Date(Date.now() + this.config.env.REGISTRATION_HOLD_SECONDS * 1000) : null,
      cancelReason: null,
      createdBy: actor.id.slice(0, 64),
      createdAt: new Date(),
      cancelledAt: null,
    };
    try {
      await this.tx.run(async (m) => {
        const placed = await m
          .createQueryBuilder()
          .update(Shift)
          .set({ booked: () => 'booked + 1' })
          .where("id = :id AND status = 'OPEN' AND booked < capacity", { id: shift.id })
          .execute();
        if (placed.affected !== 1) {
          if (!dto.overbookReason) throw new DomainError('APPOINTMENT.SLOT_FULL', 'This shift is fully booked');
          const over = await m.createQueryBuilder().update(Shift).set({ booked: () => 'booked + 1', overbooked: () => 'overbooked + 1' }).where("id = :id AND status = 'OPEN'", { id: shift.id }).execute();
          if (over.affected !== 1) throw new DomainError('SCHEDULE.CANCELLED', 'This shift was cancelled');
          Object.assign(row, { overbooked: true, overbookReason: dto.overbookReason });
        }
        if (slot) {
          // The slot's own places, the same way: a full slot is full even when the shift is not.
          const inSlot = await m.createQueryBuilder().update(ShiftSlot).set({ booked: () => 'booked + 1' }).where('id = :id AND booked < capacity', { id: slot.id }).execute();
          if (inSlot.affected !== 1) {
            if (!dto.overbookReason) throw new DomainError('APPOINTMENT.SLOT_FULL', `The ${slot.startTime} slot is fully booked`);
            await m.createQueryBuilder().update(ShiftSlot).set({ booked: () => 'booked + 1' }).where('id = :id', { id: slot.id }).execute();
            Object.assign(row, { overbooked: true, overbookReason: dto.overbookReason });
          }
        }
        await this.countDay(m, row.patientId, row.day);
        await m.insert(Appointment, row);
        if (row.overbooked) await this.audit.append(m, actor, meta, [{ action: 'APPOINTMENT_OVERBOOK', patientId: row.patientId, outcome: 'OK' }]);
        if (row.holdUntil) {
          await this.outbox.add<AppointmentAwaitingPaymentEvent>(m, Events.appointmentAwaitingPayment, {
            clinicId: row.clinicId,
            appointmentId: row.id,
            patientId: row.patientId,
            doctorId: shift.doctorId,
            departmentId: shift.departmentId,
            feeFen: row.feeFen,
            holdUntil: row.holdUntil.toISOString(),
          });
        }
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new DomainError('APPOINTMENT.DUPLICATE', 'This patient already has an appointment on this shift');
      throw err;
    }
    return toReply(row, shift, slot ?? undefined);
  }

  async list(actor: Actor, q: ListAppointmentsQuery): Promise<Page<AppointmentReply>> {
    const { page, pageSize, skip } = paging(q);
    const qb = this.appointments.createQueryBuilder('a').where('a.clinicId = :clinicId', { clinicId: actor.clinicId });
    if (actor.kind === 'account') qb.innerJoin(AccountPatient, 'ap', 'ap.patientId = a.patientId AND ap.accountId = :accountId', { accountId: actor.id });
    if (q.patientId) qb.andWhere('a.patientId = :patientId', { patientId: q.patientId });
    if (q.doctorId) qb.andWhere('a.doctorId = :doctorId', { doctorId: q.doctorId });
    if (q.scheduleId) qb.andWhere('a.shiftId = :shiftId', { shiftId: q.scheduleId });
    if (q.date) qb.andWhere('a.day = :day', { day: q.date });
    if (q.status) qb.andWhere('a.status = :status', { status: q.status });
    const [rows, total] = await qb.orderBy('a.day', 'DESC').addOrderBy('a.createdAt', 'DESC').skip(skip).take(pageSize).getManyAndCount();
    const shifts = rows.length ? await this.shifts.findBy({ id: In([...new Set(rows.map((r) => r.shiftId))]) }) : [];
    const byId = new Map(shifts.map((s) => [s.id, s]));
    const slotIds = rows.map((r) => r.slotId).filter((id): id is string => !!id);
    const slots = new Map((slotIds.length ? await this.appointments.manager.findBy(ShiftSlot, { id: In(slotIds) }) : []).map((s) => [s.id, s]));
    return { items: rows.map((r) => toReply(r, byId.get(r.shiftId), r.slotId ? slots.get(r.slotId) : undefined)), total, page, pageSize };
  }

  /** Frees the place at once. A patient may cancel up to the same cut-off as booking; the desk while it is booked. */
  async cancel(actor: Actor, id: string, reason: string | undefined): Promise<AppointmentReply> {
    const appt = await this.visible(actor, id);
    const shift = await this.shifts.findOneByOrFail({ id: appt.shiftId });
    if (actor.kind === 'account' && this.pastCutoff(shift)) {
      throw new DomainError('APPOINTMENT.NOT_CANCELLABLE', 'Too close to the end of the shift: ask the front desk');
    }
    const why = reason ?? (actor.kind === 'account' ? '患者取消' : '前台取消');
    await this.tx.run(async (m) => {
      const cancelled = await m
        .createQueryBuilder()
        .update(Appointment)
        .set({ status: 'CANCELLED', activeKey: null, cancelReason: why, cancelledAt: new Date() })
        .where('id = :id AND status IN (:...statuses)', { id, statuses: CANCELLABLE })
        .execute();
      if (cancelled.affected !== 1) throw new DomainError('APPOINTMENT.NOT_CANCELLABLE', 'Only a booked appointment can be cancelled');
      await this.statsDays.touch(m, appt.clinicId, appt.day);
      await this.release(m, appt);
      await this.outbox.add<AppointmentCancelledEvent>(m, Events.appointmentCancelled, {
        clinicId: appt.clinicId,
        appointmentId: id,
        patientId: appt.patientId,
        shiftId: appt.shiftId,
        reason: why,
        by: actor.kind === 'account' ? 'patient' : 'staff',
        feeFen: appt.feeFen,
      });
    });
    const cancelledRow = await this.appointments.findOneByOrFail({ id });
    return toReply(cancelledRow, shift, cancelledRow.slotId ? ((await this.appointments.manager.findOneBy(ShiftSlot, { id: cancelledRow.slotId })) ?? undefined) : undefined);
  }

  /** The registration fee arrived (billing's event, or the development payment): the place is the patient's. */
  async confirmPayment(m: EntityManager, appointmentId: string): Promise<boolean> {
    const paid = await m.update(Appointment, { id: appointmentId, status: 'PENDING_PAYMENT' }, { status: 'BOOKED', holdUntil: null });
    if (paid.affected !== 1) return false;
    const appt = await m.findOneByOrFail(Appointment, { id: appointmentId });
    await this.statsDays.touch(m, appt.clinicId, appt.day);
    return true;
  }

  /** Development only, until billing exists: pays a pending fee on the spot. */
  async devPay(actor: Actor, id: string): Promise<AppointmentReply> {
    if (this.config.env.NODE_ENV === 'production') throw notFound('Appointment');
    const appt = await this.visible(actor, id);
    const paid = await this.tx.run((m) => this.confirmPayment(m, id));
    if (!paid) throw new DomainError('APPOINTMENT.NOT_CANCELLABLE', 'Only an appointment waiting for payment can be paid');
    return toReply(await this.appointments.findOneByOrFail({ id }), await this.shifts.findOneBy({ id: appt.shiftId }) ?? undefined);
  }

  /** Unpaid online bookings past their hold give the place back (支付超时). */
  async releaseExpiredHolds(): Promise<number> {
    const due = await this.appointments.createQueryBuilder('a').where("a.status = 'PENDING_PAYMENT' AND a.holdUntil < :now", { now: new Date() }).take(500).getMany();
    let released = 0;
    for (const appt of due) {
      await this.tx.run(async (m) => {
        const expired = await m.update(Appointment, { id: appt.id, status: 'PENDING_PAYMENT' }, { status: 'CANCELLED', activeKey: null, cancelReason: '支付超时', cancelledAt: new Date() });
        if (expired.affected !== 1) return; // paid in the meantime
        await this.statsDays.touch(m, appt.clinicId, appt.day);
        await this.release(m, appt);
        await this.outbox.add<AppointmentCancelledEvent>(m, Events.appointmentCancelled, {
          clinicId: appt.clinicId,
          appointmentId: appt.id,
          patientId: appt.patientId,
          shiftId: appt.shiftId,
          reason: '支付超时',
          by: 'patient',
          feeFen: appt.feeFen,
        });
        released++;
      });
    }
    return released;
  }

  /**
   * After a shift has ended, appointments nobody checked in for become NO_SHOW and give their place back.
   * Each is its own conditional update, so a check-in racing the sweep wins or loses whole.
   */
  async sweepNoShows(): Promise<number> {
    const now = clinicNow(this.config.env.CLINIC_TIMEZONE);
    const hhmm = `${String(Math.floor(now.minutes / 60)).padStart(2, '0')}:${String(now.minutes % 60).padStart(2, '0')}`;
    const due = await this.appointments
      .createQueryBuilder('a')
      .innerJoin(Shift, 's', 's.id = a.shiftId')
      .where("a.status = 'BOOKED' AND (s.date < :today OR (s.date = :today AND s.endTime <= :hhmm))", { today: now.date, hhmm })
      .take(500)
      .getMany();
    let swept = 0;
    for (const appt of due) {
      await this.tx.run(async (m) => {
        const missed = await m.update(Appointment, { id: appt.id, status: 'BOOKED' }, { status: 'NO_SHOW', activeKey: null });
        if (missed.affected !== 1) return;
        await this.statsDays.touch(m, appt.clinicId, appt.day);
        await this.release(m, appt);
        swept++;
      });
    }
    return swept;
  }

  /** Gives an appointment's place and the patient's daily count back (it was cancelled or missed). */
  private async release(m: EntityManager, appt: Appointment) {
    await m
      .createQueryBuilder()
      .update(Shift)
      .set({ booked: () => 'booked - 1', ...(appt.overbooked && { overbooked: () => 'overbooked - 1' }) })
      .where('id = :id', { id: appt.shiftId })
      .execute();
    await m.createQueryBuilder().update(PatientDayBookings).set({ active: () => 'active - 1' }).where('patient_id = :p AND day = :d', { p: appt.patientId, d: appt.day }).execute();
    if (appt.slotId) await m.createQueryBuilder().update(ShiftSlot).set({ booked: () => 'booked - 1' }).where('id = :id', { id: appt.slotId }).execute();
  }

  /** The appointment, if this caller may see it: staff of the clinic, or the account holding the patient. Else 404. */
  async visible(actor: Actor, id: string): Promise<Appointment> {
    const appt = isUuid(id) ? await this.appointments.findOneBy({ id, clinicId: actor.clinicId }) : null;
    if (!appt || (actor.kind === 'account' && !(await this.links.existsBy({ accountId: actor.id, patientId: appt.patientId })))) throw notFound('Appointment');
    return appt;
  }

  /** On a shift with time slots a patient chooses one; the desk may leave it open. */
  private async chooseSlot(shift: Shift, slotId: string | undefined, isAccount: boolean): Promise<ShiftSlot | null> {
    if (slotId) {
      const slot = await this.appointments.manager.findOneBy(ShiftSlot, { id: slotId, shiftId: shift.id });
      if (!slot) throw new DomainError('VALIDATION.FAILED', 'Invalid fields: slotId', [{ field: 'slotId', errors: ['no such slot on this shift'] }]);
      return slot;
    }
    if (isAccount && (await this.appointments.manager.existsBy(ShiftSlot, { shiftId: shift.id }))) {
      throw new DomainError('APPOINTMENT.SLOT_REQUIRED', 'Choose a time slot for this shift');
    }
    return null;
  }

  /** NO_SHOW_LIMIT no-shows within NO_SHOW_WINDOW_DAYS stop online booking for NO_SHOW_BLOCK_DAYS after the last. */
  private async requireNoBlock(patientId: string) {
    const { NO_SHOW_LIMIT, NO_SHOW_WINDOW_DAYS, NO_SHOW_BLOCK_DAYS, CLINIC_TIMEZONE } = this.config.env;
    const today = clinicNow(CLINIC_TIMEZONE).date;
    const missed = await this.appointments
      .createQueryBuilder('a')
      .where("a.patientId = :patientId AND a.status = 'NO_SHOW' AND a.day >= :since", { patientId, since: addDays(today, -NO_SHOW_WINDOW_DAYS) })
      .orderBy('a.day', 'DESC')
      .getMany();
    if (missed.length < NO_SHOW_LIMIT) return;
    const until = addDays(missed[0].day, NO_SHOW_BLOCK_DAYS);
    if (today < until) {
      throw new DomainError('APPOINTMENT.NO_SHOW_BLOCKED', `${missed.length} missed appointments in ${NO_SHOW_WINDOW_DAYS} days: online booking is paused until ${until}; the front desk can still book`, { until });
    }
  }

  /** Patients book from today to BOOKING_WINDOW_DAYS ahead; today's shift until BOOKING_CUTOFF_MINUTES before it ends. */
  private requireBookable(shift: Shift) {
    const now = clinicNow(this.config.env.CLINIC_TIMEZONE);
    const last = addDays(now.date, this.config.env.BOOKING_WINDOW_DAYS);
    if (shift.date > last || this.pastCutoff(shift)) throw new DomainError('APPOINTMENT.OUTSIDE_WINDOW', `Bookings are open from today to ${last}, and close ${this.config.env.BOOKING_CUTOFF_MINUTES} minutes before a shift ends`);
  }

  /** Past the same-day cut-off (BOOKING_CUTOFF_MINUTES before the shift ends), or a past day. */
  private pastCutoff(shift: Shift): boolean {
    const now = clinicNow(this.config.env.CLINIC_TIMEZONE);
    return shift.date < now.date || (shift.date === now.date && now.minutes > minutesOf(shift.endTime) - this.config.env.BOOKING_CUTOFF_MINUTES);
  }

  /** The day count row may not exist yet: make it (a racing twin may beat us to it), then take one under the limit. */
  private async countDay(m: EntityManager, patientId: string, day: string) {
    const max = this.config.env.MAX_APPOINTMENTS_PER_DAY;
    const take = async () =>
      (await m.createQueryBuilder().update(PatientDayBookings).set({ active: () => 'active + 1' }).where('patient_id = :p AND day = :d AND active < :max', { p: patientId, d: day, max }).execute()).affected === 1;
    if (await take()) return;
    try {
      await m.insert(PatientDayBookings, { patientId, day, active: 1 });
      return;
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
    }
    if (!(await take())) throw new DomainError('APPOINTMENT.DAILY_LIMIT', `A patient may hold at most ${max} appointments on one day`);
  }

  private async requirePatient(actor: Actor, patientId: string) {
    const visible =
      actor.kind === 'account'
        ? await this.links.existsBy({ accountId: actor.id, patientId })
        : isUuid(patientId) && (await this.patients.existsBy({ id: patientId, clinicId: actor.clinicId }));
    if (!visible) throw notFound('Patient');
  }
}

function toReply(a: Appointment, shift?: Shift, slot?: ShiftSlot): AppointmentReply {
  return {
    id: a.id,
    status: a.status,
    scheduleId: a.shiftId,
    patientId: a.patientId,
    doctorId: a.doctorId,
    date: a.day,
    period: shift?.period ?? '',
    slotId: a.slotId,
    slotStartTime: slot?.startTime ?? null,
    registrationFeeFen: a.feeFen,
    overbooked: Boolean(a.overbooked),
    overbookReason: a.overbookReason,
    queueNo: a.queueNo,
    cancelReason: a.cancelReason,
    createdAt: a.createdAt.toISOString(),
  };
}
