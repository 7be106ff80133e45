import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { type Actor, type PrescriptionDispensedEvent, type ReminderKind, type ReminderReply, type ReminderSettingsDto } from '@clinic/contracts';
import { addDays, clinicDayStart, clinicNow, Config, DomainError, hhmm, isUniqueViolation, isUuid, JsonLogger, minutesOf, notFound, Tx } from '@clinic/platform';
import { DataSource, In, LessThan, LessThanOrEqual, type EntityManager } from 'typeorm';
import { Account, AccountPatient } from '../accounts/account.entity';
import { StaffUser } from '../identity/staff-user.entity';
import { Patient } from '../patients/patient.entity';
import { Appointment, Shift } from '../scheduling/scheduling.entities';
import { PrescriptionLine } from '../visits/visit.entities';
import { ReminderSender } from './reminder-sender';
import { Reminder, ReminderSetting } from './reminder.entities';

/** Clinic wall-clock times of the doses of each frequency; every other day for qod, weekly for qw, none for prn/st. */
const DOSE_TIMES: Record<string, { times: string[]; everyDays: number }> = {
  qd: { times: ['08:00'], everyDays: 1 },
  bid: { times: ['08:00', '20:00'], everyDays: 1 },
  tid: { times: ['08:00', '13:00', '19:00'], everyDays: 1 },
  qid: { times: ['08:00', '12:00', '17:00', '21:00'], everyDays: 1 },
  qn: { times: ['21:00'], everyDays: 1 },
  q8h: { times: ['06:00', '14:00', '22:00'], everyDays: 1 },
  q12h: { times: ['08:00', '20:00'], everyDays: 1 },
  qod: { times: ['08:00'], everyDays: 2 },
  qw: { times: ['08:00'], everyDays: 7 },
};
const FOLLOW_UP_TIME = '08:00';
/** Appointment reminders go out at this time the evening before. */
const EVE_TIME = '18:00';
/** A claim this old was abandoned (the copy that made it died): another copy may send. */
const STALE_CLAIM_MS = 5 * 60_000;
const MAX_ATTEMPTS = 5;
const ACTIVE_APPOINTMENT = ['PENDING_PAYMENT', 'BOOKED', 'CHECKED_IN'] as const;
const SETTING_OF: Record<ReminderKind, keyof Omit<ReminderSetting, 'accountId'>> = { FOLLOW_UP: 'followUp', MEDICATION: 'medication', APPOINTMENT: 'appointment' };

type NewReminder = Pick<Reminder, 'clinicId' | 'patientId' | 'kind' | 'sourceId' | 'title' | 'body' | 'dueAt'>;

@Injectable()
export class RemindersService {
  constructor(
    private readonly ds: DataSource,
    private readonly tx: Tx,
    private readonly sender: ReminderSender,
    private readonly config: Config,
    private readonly logger: JsonLogger,
  ) {}

  /** 复诊: the morning of the follow-up date, to every account holding the patient; a new date replaces the old. */
  async scheduleFollowUp(m: EntityManager, encounter: { id: string; clinicId: string; patientId: string }, date: string | undefined): Promise<void> {
    await m.delete(Reminder, { kind: 'FOLLOW_UP', sourceId: encounter.id, status: 'PENDING' });
    if (!date) return;
    const dueAt = this.at(date, FOLLOW_UP_TIME);
    if (dueAt < new Date()) return;
    const name = await this.patientName(m, encounter.patientId);
    await this.add(m, { clinicId: encounter.clinicId, patientId: encounter.patientId, kind: 'FOLLOW_UP', sourceId: encounter.id, title: '复诊提醒', body: `${name}：今天（${date}）是复诊日，请按时到诊所复诊`, dueAt });
  }

  /** 用药: from a dispensed prescription, one reminder per dose time over its days, naming the drugs due then. */
  async scheduleMedication(m: EntityManager, event: PrescriptionDispensedEvent): Promise<number> {
    const lines = await m.find(PrescriptionLine, { where: { prescriptionId: event.prescriptionId } });
    const dispensedAt = new Date(event.dispensedAt);
    const firstDay = clinicNow(this.config.env.CLINIC_TIMEZONE, dispensedAt).date;
    const doses = new Map<number, string[]>();
    for (const line of lines) {
      const plan = DOSE_TIMES[line.frequency];
      if (!plan) continue;
      for (let day = 0; day < line.days; day += plan.everyDays) {
        for (const time of plan.times) {
          const at = this.at(addDays(firstDay, day), time);
          if (at <= dispensedAt) continue;
          doses.set(at.getTime(), [...(doses.get(at.getTime()) ?? []), `${line.drugName} ${line.dosage}`]);
        }
      }
    }
    const name = await this.patientName(m, event.patientId);
    for (const [time, drugs] of doses) {
      await this.add(m, { clinicId: event.clinicId, patientId: event.patientId, kind: 'MEDICATION', sourceId: event.prescriptionId, title: '用药提醒', body: `${name}：请按时服用 ${drugs.join('、')}`.slice(0, 500), dueAt: new Date(time) });
    }
    return doses.size;
  }

  /** The evening before: a reminder for each of tomorrow's appointments booked by an account. Made once each. */
  async scheduleAppointments(): Promise<number> {
    const zone = this.config.env.CLINIC_TIMEZONE;
    const today = clinicNow(zone).date;
    const tomorrow = addDays(today, 1);
    const appointments = await this.ds.getRepository(Appointment).find({ where: { day: tomorrow, status: In([...ACTIVE_APPOINTMENT]) } });
    const booked = appointments.filter((a) => a.accountId);
    if (!booked.length) return 0;
    const made = new Set((await this.ds.getRepository(Reminder).find({ where: { kind: 'APPOINTMENT', sourceId: In(booked.map((a) => a.id)) }, select: { sourceId: true } })).map((r) => r.sourceId));
    let count = 0;
    for (const a of booked.filter((b) => !made.has(b.id))) {
      const shift = await this.ds.getRepository(Shift).findOneBy({ id: a.shiftId });
      const doctor = await this.ds.getRepository(StaffUser).findOneBy({ id: a.doctorId });
      const name = await this.patientName(this.ds.manager, a.patientId);
      const reminder: Reminder = {
        ...this.row({ clinicId: a.clinicId, patientId: a.patientId, kind: 'APPOINTMENT', sourceId: a.id, title: '就诊提醒', body: `${name}：您预约了明天（${tomorrow}）${shift?.startTime ?? ''} ${doctor?.name ?? ''}医生的门诊，请按时到诊并签到`, dueAt: this.at(today, EVE_TIME) }),
        accountId: a.accountId!,
      };
      try {
        await this.tx.run((mm) => mm.insert(Reminder, reminder));
        count++;
      } catch (err) {
        if (!isUniqueViolation(err)) throw err; // another copy made it first
      }
    }
    return count;
  }

  /**
   * Sends what is due. Each reminder is claimed by a conditional update before it is sent, so with two copies of
   * the service running, one of them sends it; a claim abandoned by a crashed copy is taken over after a while.
   */
  async sendDue(now = new Date()): Promise<number> {
    const repo = this.ds.getRepository(Reminder);
    const due = [
      ...(await repo.find({ where: { status: 'PENDING', dueAt: LessThanOrEqual(now) }, order: { dueAt: 'ASC' }, take: 100 })),
      ...(await repo.find({ where: { status: 'SENDING', claimedAt: LessThan(new Date(now.getTime() - STALE_CLAIM_MS)) }, take: 20 })),
    ];
    let sent = 0;
    for (const r of due) {
      const claimed = await this.tx.run((m) => {
        const claim = m.createQueryBuilder().update(Reminder).set({ status: 'SENDING', claimedAt: now, attempts: () => 'attempts + 1' }).where('id = :id AND status = :status', { id: r.id, status: r.status });
        if (r.status === 'SENDING') claim.andWhere('claimed_at < :stale', { stale: new Date(now.getTime() - STALE_CLAIM_MS) });
        return claim.execute();
      });
      if (claimed.affected !== 1) continue; // another copy has it
      const outcome = await this.deliver(r).catch((err: Error) => {
        this.logger.event('warn', 'Reminders', 'sending failed; will retry', { reminderId: r.id, kind: r.kind, error: err.message });
        return r.attempts + 1 >= MAX_ATTEMPTS ? ('SKIPPED' as const) : ('PENDING' as const);
      });
      await this.tx.run((m) => m.update(Reminder, { id: r.id, status: 'SENDING' }, { status: outcome, sentAt: outcome === 'SENT' ? new Date() : null, claimedAt: null }));
      if (outcome === 'SENT') sent++;
    }
    return sent;
  }

  async list(actor: Actor): Promise<ReminderReply[]> {
    const rows = await this.ds.getRepository(Reminder).find({ where: { accountId: actor.id }, order: { dueAt: 'DESC' }, take: 100 });
    return rows.map((r) => ({ id: r.id, kind: r.kind, patientId: r.patientId, title: r.title, body: r.body, dueAt: r.dueAt.toISOString(), status: r.status, sentAt: r.sentAt?.toISOString() ?? null }));
  }

  /** The patient ticks a reminder off; a pending one will not be sent. */
  async done(actor: Actor, id: string): Promise<{ id: string; status: 'DONE' }> {
    const own = isUuid(id) && (await this.ds.getRepository(Reminder).existsBy({ id, accountId: actor.id }));
    if (!own) throw notFound('Reminder');
    const changed = await this.tx.run((m) => m.update(Reminder, { id, accountId: actor.id, status: In(['PENDING', 'SENT', 'DONE']) }, { status: 'DONE' }));
    if (changed.affected !== 1) throw new DomainError('REMINDER.STATE', 'This reminder is being sent or was skipped');
    return { id, status: 'DONE' };
  }

  async settings(actor: Actor): Promise<ReminderSettingsDto> {
    const row = await this.ds.getRepository(ReminderSetting).findOneBy({ accountId: actor.id });
    return { FOLLOW_UP: row?.followUp !== false, MEDICATION: row?.medication !== false, APPOINTMENT: row?.appointment !== false };
  }

  async updateSettings(actor: Actor, dto: ReminderSettingsDto): Promise<ReminderSettingsDto> {
    await this.tx.run((m) => m.upsert(ReminderSetting, { accountId: actor.id, followUp: dto.FOLLOW_UP, medication: dto.MEDICATION, appointment: dto.APPOINTMENT }, ['accountId']));
    return this.settings(actor);
  }

  /** SENT or SKIPPED (opted out, account closed, appointment no longer on, or WeChat says the person did not agree). */
  private async deliver(r: Reminder): Promise<'SENT' | 'SKIPPED'> {
    const setting = await this.ds.getRepository(ReminderSetting).findOneBy({ accountId: r.accountId });
    if (setting?.[SETTING_OF[r.kind]] === false) return 'SKIPPED';
    if (r.kind === 'APPOINTMENT' && !(await this.ds.getRepository(Appointment).existsBy({ id: r.sourceId, status: In([...ACTIVE_APPOINTMENT]) }))) return 'SKIPPED';
    const account = await this.ds.getRepository(Account).findOneBy({ id: r.accountId, status: 'ACTIVE' });
    if (!account) return 'SKIPPED';
    const local = clinicNow(this.config.env.CLINIC_TIMEZONE, r.dueAt);
    const outcome = await this.sender.send({ clinicId: r.clinicId, accountId: r.accountId, openid: account.openid, patientId: r.patientId, kind: r.kind, title: r.title, body: r.body, when: `${local.date} ${hhmm(local.minutes)}` });
    return outcome === 'SENT' ? 'SENT' : 'SKIPPED';
  }

  /** One reminder for each account holding the patient; a repeat (the same cause handled twice) is ignored. */
  private async add(m: EntityManager, r: NewReminder) {
    const holders = await m.find(AccountPatient, { where: { patientId: r.patientId } });
    for (const h of holders) {
      const exists = await m.existsBy(Reminder, { accountId: h.accountId, kind: r.kind, sourceId: r.sourceId, dueAt: r.dueAt });
      if (!exists) await m.insert(Reminder, { ...this.row(r), accountId: h.accountId });
    }
  }

  private row(r: NewReminder): Omit<Reminder, 'accountId'> {
    return { id: randomUUID(), ...r, status: 'PENDING', claimedAt: null, sentAt: null, attempts: 0, createdAt: new Date() };
  }

  /** The instant of a wall-clock time on a clinic date. */
  private at(date: string, time: string): Date {
    return new Date(clinicDayStart(this.config.env.CLINIC_TIMEZONE, date).getTime() + minutesOf(time) * 60_000);
  }

  private async patientName(m: EntityManager, patientId: string): Promise<string> {
    return (await m.findOne(Patient, { where: { id: patientId }, select: { id: true, name: true } }))?.name ?? '';
  }
}
