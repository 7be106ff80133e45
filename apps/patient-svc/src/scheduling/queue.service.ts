import { createHmac } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Actor, CheckInCodeReply, CheckInReply, MessageMeta, QueueEntryReply, QueuePositionReply, QueueReply, WalkInDto } from '@clinic/contracts';
import { clinicNow, Config, DomainError, isUuid, minutesOf, notFound, Tx } from '@clinic/platform';
import { In, Repository, type EntityManager } from 'typeorm';
import { Patient } from '../patients/patient.entity';
import { AppointmentsService } from './appointments.service';
import { Appointment, Shift } from './scheduling.entities';
import { StatsDays } from '../stats/stats-days';

/** Check-in opens this long before a shift starts. */
const CHECK_IN_EARLY_MINUTES = 60;
/** Minutes a consultation takes when the doctor has finished none today. */
const DEFAULT_PACE_MINUTES = 10;

/** 张*三: enough for a patient to recognise their own name on the waiting-room screen. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return name;
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/**
 * The waiting room. Check-in hands out a queue number (and an order key) from counters on the shift, advanced
 * by conditional updates; calling the next patient claims them with `WHERE status = 'CHECKED_IN'`, so two
 * calls can never take the same patient. Booked patients go before walk-ins unless QUEUE_BOOKED_FIRST is off.
 */
@Injectable()
export class QueueService {
  constructor(
    private readonly tx: Tx,
    private readonly config: Config,
    private readonly appointmentsService: AppointmentsService,
    @InjectRepository(Appointment) private readonly appointments: Repository<Appointment>,
    @InjectRepository(Shift) private readonly shifts: Repository<Shift>,
    @InjectRepository(Patient) private readonly patients: Repository<Patient>,
    private readonly statsDays: StatsDays,
  ) {}

  /** Today's check-in code, shown at the desk as a QR code; it changes every day. */
  checkInCode(actor: Actor): CheckInCodeReply {
    const today = clinicNow(this.config.env.CLINIC_TIMEZONE).date;
    return { code: this.codeFor(actor.clinicId, today), validFor: today };
  }

  async checkIn(actor: Actor, id: string, code: string | undefined): Promise<CheckInReply> {
    const appt = await this.appointmentsService.visible(actor, id);
    const now = clinicNow(this.config.env.CLINIC_TIMEZONE);
    if (actor.kind === 'account' && code !== this.codeFor(actor.clinicId, now.date)) {
      throw new DomainError('APPOINTMENT.CHECK_IN_CODE', 'Scan the check-in code shown at the clinic today');
    }
    this.requireCheckInOpen(await this.shifts.findOneByOrFail({ id: appt.shiftId }));
    await this.tx.run((m) => this.enqueue(m, appt));
    return this.checkInReply(id);
  }

  /** A walk-in at the desk: booked on the shift (overbooked with a reason when full) and queued at once. */
  async walkIn(actor: Actor, meta: MessageMeta, dto: WalkInDto): Promise<CheckInReply> {
    const shift = isUuid(dto.scheduleId) ? await this.shifts.findOneBy({ id: dto.scheduleId, clinicId: actor.clinicId }) : null;
    if (!shift) throw notFound('Schedule');
    this.requireCheckInOpen(shift); // before booking, so a walk-in is never left booked but not queued
    const booked = await this.appointmentsService.book(actor, meta, dto, { walkIn: true });
    const appt = await this.appointments.findOneByOrFail({ id: booked.id });
    await this.tx.run((m) => this.enqueue(m, appt));
    return this.checkInReply(appt.id);
  }

  async queue(actor: Actor, q: { scheduleId?: string; doctorId?: string }, masked: boolean): Promise<QueueReply> {
    const shift = await this.shiftFor(actor, q);
    const rows = await this.appointments.find({ where: { shiftId: shift.id, status: In(['CHECKED_IN', 'IN_PROGRESS']) } });
    const names = new Map((rows.length ? await this.patients.find({ where: { id: In(rows.map((r) => r.patientId)) }, select: { id: true, name: true } }) : []).map((p) => [p.id, p.name]));
    const entry = (a: Appointment): QueueEntryReply => {
      const name = names.get(a.patientId) ?? '';
      return { appointmentId: a.id, queueNo: a.queueNo!, name: masked ? maskName(name) : name, walkIn: Boolean(a.walkIn), status: a.status as QueueEntryReply['status'] };
    };
    const current = rows.filter((a) => a.status === 'IN_PROGRESS').sort((a, b) => +(b.calledAt ?? 0) - +(a.calledAt ?? 0))[0];
    const waiting = this.inOrder(rows.filter((a) => a.status === 'CHECKED_IN'));
    return { scheduleId: shift.id, doctorId: shift.doctorId, date: shift.date, period: shift.period, current: current ? entry(current) : null, waiting: waiting.map(entry) };
  }

  /** Finishes whoever is with the doctor and claims the first in line. */
  async callNext(actor: Actor, doctorId: string, scheduleId?: string): Promise<QueueEntryReply> {
    if (actor.id !== doctorId) throw new DomainError('AUTH.FORBIDDEN', 'A doctor calls from their own queue');
    const shift = await this.shiftFor(actor, { doctorId, scheduleId }, true);
    for (let attempt = 0; attempt < 5; attempt++) {
      const claimed = await this.tx.run(async (m) => {
        await this.statsDays.touch(m, shift.clinicId, shift.date);
        await m.update(Appointment, { shiftId: shift.id, status: 'IN_PROGRESS' }, { status: 'COMPLETED', completedAt: new Date() });
        const next = this.inOrder(await m.find(Appointment, { where: { shiftId: shift.id, status: 'CHECKED_IN' } }))[0];
        if (!next) return 'empty' as const;
        const taken = await m.update(Appointment, { id: next.id, status: 'CHECKED_IN' }, { status: 'IN_PROGRESS', calledAt: new Date() });
        return taken.affected === 1 ? next.id : null; // null: another call took them first; look again
      });
      if (claimed === 'empty') throw new DomainError('QUEUE.EMPTY', 'Nobody is waiting');
      if (claimed) return this.entry(claimed);
    }
    throw new DomainError('QUEUE.STATE', 'The queue is changing too fast; try again');
  }

  /** skip: back to the end of the line; recall: call this patient (again); complete: done. */
  async act(actor: Actor, id: string, action: 'skip' | 'recall' | 'complete'): Promise<QueueEntryReply> {
    const appt = await this.appointmentsService.visible(actor, id);
    if (actor.id !== appt.doctorId) throw new DomainError('AUTH.FORBIDDEN', 'A doctor acts on their own queue');
    await this.tx.run(async (m) => {
      let changed;
      if (action === 'skip') {
        const rank = await this.nextNumbers(m, appt.shiftId, false);
        changed = await m.update(Appointment, { id, status: In(['CHECKED_IN', 'IN_PROGRESS']) }, { status: 'CHECKED_IN', queueRank: rank.rank, calledAt: null });
      } else if (action === 'recall') {
        const busy = await m.count(Appointment, { where: { shiftId: appt.shiftId, status: 'IN_PROGRESS' } });
        if (busy > 0 && appt.status !== 'IN_PROGRESS') throw new DomainError('QUEUE.STATE', 'Finish the current patient first');
        changed = await m.update(Appointment, { id, status: In(['CHECKED_IN', 'IN_PROGRESS']) }, { status: 'IN_PROGRESS', calledAt: new Date() });
      } else {
        changed = await m.update(Appointment, { id, status: 'IN_PROGRESS' }, { status: 'COMPLETED', completedAt: new Date() });
      }
      if (changed.affected !== 1) throw new DomainError('QUEUE.STATE', `Cannot ${action} a patient who is ${appt.status.toLowerCase()}`);
      await this.statsDays.touch(m, appt.clinicId, appt.day);
    });
    return this.entry(id);
  }

  /** Where a patient stands: how many are ahead, and a wait estimated from the doctor's pace today. */
  async position(actor: Actor, id: string): Promise<QueuePositionReply> {
    const appt = await this.appointmentsService.visible(actor, id);
    const base = { appointmentId: id, status: appt.status, queueNo: appt.queueNo };
    if (appt.status !== 'CHECKED_IN' && appt.status !== 'IN_PROGRESS') return { ...base, ahead: null, estimatedWaitMinutes: null, currentQueueNo: null };
    const rows = await this.appointments.find({ where: { shiftId: appt.shiftId, status: In(['CHECKED_IN', 'IN_PROGRESS', 'COMPLETED']) } });
    const current = rows.find((a) => a.status === 'IN_PROGRESS');
    if (appt.status === 'IN_PROGRESS') return { ...base, ahead: 0, estimatedWaitMinutes: 0, currentQueueNo: appt.queueNo };
    const ahead = this.inOrder(rows.filter((a) => a.status === 'CHECKED_IN')).findIndex((a) => a.id === id);
    const done = rows.filter((a) => a.status === 'COMPLETED' && a.calledAt && a.completedAt).sort((a, b) => +b.completedAt! - +a.completedAt!).slice(0, 5);
    const pace = done.length ? done.reduce((s, a) => s + (+a.completedAt! - +a.calledAt!), 0) / done.length / 60_000 : DEFAULT_PACE_MINUTES;
    return { ...base, ahead, estimatedWaitMinutes: Math.ceil((ahead + (current ? 1 : 0)) * pace), currentQueueNo: current?.queueNo ?? null };
  }

  private requireCheckInOpen(shift: Shift) {
    const now = clinicNow(this.config.env.CLINIC_TIMEZONE);
    const open = shift.status === 'OPEN' && shift.date === now.date && now.minutes >= minutesOf(shift.startTime) - CHECK_IN_EARLY_MINUTES && now.minutes <= minutesOf(shift.endTime);
    if (!open) throw new DomainError('APPOINTMENT.NOT_CHECKABLE', `Check-in opens ${CHECK_IN_EARLY_MINUTES} minutes before the shift and closes when it ends`);
  }

  private async enqueue(m: EntityManager, appt: Appointment) {
    const numbers = await this.nextNumbers(m, appt.shiftId, true);
    const done = await m.update(Appointment, { id: appt.id, status: 'BOOKED' }, { status: 'CHECKED_IN', queueNo: numbers.queueNo, queueRank: numbers.rank, checkedInAt: new Date() });
    if (done.affected !== 1) throw new DomainError('APPOINTMENT.NOT_CHECKABLE', 'Only a booked appointment can check in');
    await this.statsDays.touch(m, appt.clinicId, appt.day);
  }

  /** Advances the shift's counters under its row lock; the numbers are ours until commit. */
  private async nextNumbers(m: EntityManager, shiftId: string, withNumber: boolean): Promise<{ queueNo: number; rank: number }> {
    await m
      .createQueryBuilder()
      .update(Shift)
      .set({ rankSeq: () => 'rank_seq + 1', ...(withNumber && { numbersIssued: () => 'numbers_issued + 1' }) })
      .where('id = :id', { id: shiftId })
      .execute();
    const s = await m.findOneOrFail(Shift, { where: { id: shiftId }, select: { id: true, numbersIssued: true, rankSeq: true } });
    return { queueNo: s.numbersIssued, rank: s.rankSeq };
  }

  private inOrder(rows: Appointment[]): Appointment[] {
    const bookedFirst = this.config.env.QUEUE_BOOKED_FIRST;
    return [...rows].sort((a, b) => (bookedFirst ? Number(Boolean(a.walkIn)) - Number(Boolean(b.walkIn)) : 0) || (a.queueRank ?? 0) - (b.queueRank ?? 0));
  }

  private async shiftFor(actor: Actor, q: { scheduleId?: string; doctorId?: string }, withWaiting = false): Promise<Shift> {
    if (q.scheduleId) {
      const s = isUuid(q.scheduleId) ? await this.shifts.findOneBy({ id: q.scheduleId, clinicId: actor.clinicId, ...(q.doctorId && { doctorId: q.doctorId }) }) : null;
      if (!s) throw notFound('Schedule');
      return s;
    }
    if (!q.doctorId) throw new DomainError('VALIDATION.FAILED', 'Invalid fields: scheduleId', [{ field: 'scheduleId', errors: ['give scheduleId or doctorId'] }]);
    const today = clinicNow(this.config.env.CLINIC_TIMEZONE).date;
    const shifts = (await this.shifts.find({ where: { clinicId: actor.clinicId, doctorId: q.doctorId, date: today, status: 'OPEN' } })).sort((a, b) => a.startTime.localeCompare(b.startTime));
    if (!shifts.length) throw new DomainError('QUEUE.EMPTY', 'The doctor has no shift today');
    if (!withWaiting) return shifts.find((s) => minutesOf(s.endTime) >= clinicNow(this.config.env.CLINIC_TIMEZONE).minutes) ?? shifts[shifts.length - 1];
    for (const s of shifts) if (await this.appointments.existsBy({ shiftId: s.id, status: In(['CHECKED_IN', 'IN_PROGRESS']) })) return s;
    return shifts[0];
  }

  private async entry(id: string): Promise<QueueEntryReply> {
    const a = await this.appointments.findOneByOrFail({ id });
    const p = await this.patients.findOne({ where: { id: a.patientId }, select: { id: true, name: true } });
    return { appointmentId: a.id, queueNo: a.queueNo!, name: p?.name ?? '', walkIn: Boolean(a.walkIn), status: a.status as QueueEntryReply['status'] };
  }

  private async checkInReply(id: string): Promise<CheckInReply> {
    const a = await this.appointments.findOneByOrFail({ id });
    const waiting = this.inOrder(await this.appointments.find({ where: { shiftId: a.shiftId, status: 'CHECKED_IN' } }));
    return { appointmentId: id, queueNo: a.queueNo!, position: waiting.findIndex((w) => w.id === id) + 1 };
  }

  private codeFor(clinicId: string, date: string): string {
    const mac = createHmac('sha256', this.config.env.JWT_SECRET!).update(`check-in:${clinicId}:${date}`).digest('base64url').slice(0, 10);
    return `CHK-${date.replace(/-/g, '')}-${mac}`;
  }
}
