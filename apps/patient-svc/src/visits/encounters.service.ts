import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Actor, AmendEmrDto, CreateEncounterDto, EmrContentDto, EmrVersionReply, EncounterReply, FieldError, ListEncountersQuery, MessageMeta, Page } from '@clinic/contracts';
import { DomainError, forUpdate, invalidFields, isUniqueViolation, isUuid, notFound, paging, Tx } from '@clinic/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { AccountPatient } from '../accounts/account.entity';
import { AuditService } from '../audit/audit.service';
import { StaffUser } from '../identity/staff-user.entity';
import { Patient } from '../patients/patient.entity';
import { RemindersService } from '../reminders/reminders.service';
import { Appointment } from '../scheduling/scheduling.entities';
import { Icd10Service } from './icd10.service';
import { PatientFirstVisit } from '../stats/stats.entities';
import { EmrVersion, Encounter, EncounterDiagnosis } from './visit.entities';
import { StatsDays } from '../stats/stats-days';

/** The fields a record cannot be signed without (电子病历应用管理规范: 主诉, 现病史, 诊断). */
const REQUIRED: (keyof EmrContentDto)[] = ['chiefComplaint', 'presentIllness'];

@Injectable()
export class EncountersService {
  constructor(
    private readonly ds: DataSource,
    private readonly tx: Tx,
    private readonly audit: AuditService,
    private readonly icd10: Icd10Service,
    private readonly reminders: RemindersService,
    private readonly statsDays: StatsDays,
  ) {}

  /**
   * 接诊: from the appointment this doctor called, or for a walk-in patient. Opening the same appointment twice
   * answers the encounter already open (the appointment id is unique among encounters).
   */
  async open(actor: Actor, meta: MessageMeta, dto: CreateEncounterDto): Promise<EncounterReply> {
    if (!dto.appointmentId === !dto.patientId) {
      const errors = ['give appointmentId or patientId, not both'];
      throw new DomainError('VALIDATION.FAILED', 'Invalid fields: appointmentId, patientId', [{ field: 'appointmentId', errors }, { field: 'patientId', errors }]);
    }
    const doctor = await this.ds.getRepository(StaffUser).findOneByOrFail({ id: actor.id });
    let appointment: Appointment | null = null;
    if (dto.appointmentId) {
      appointment = await this.ds.getRepository(Appointment).findOneBy({ id: dto.appointmentId, clinicId: actor.clinicId });
      if (!appointment) throw notFound('Appointment');
      if (appointment.doctorId !== actor.id) throw new DomainError('ENCOUNTER.NOT_OWN', 'This appointment is another doctor\'s');
      const existing = await this.ds.getRepository(Encounter).findOneBy({ appointmentId: appointment.id });
      if (existing) return this.reply(actor, existing);
      if (appointment.status !== 'IN_PROGRESS') throw new DomainError('ENCOUNTER.NOT_CALLED', 'Call the patient from the queue first');
    } else if (!(isUuid(dto.patientId) && (await this.ds.getRepository(Patient).existsBy({ id: dto.patientId, clinicId: actor.clinicId })))) {
      throw notFound('Patient');
    }
    const now = new Date();
    const encounter: Encounter = {
      id: randomUUID(),
      clinicId: actor.clinicId,
      patientId: appointment?.patientId ?? dto.patientId!,
      doctorId: actor.id,
      doctorName: doctor.name,
      departmentId: doctor.departmentId,
      appointmentId: appointment?.id ?? null,
      status: 'OPEN',
      calledAt: appointment?.calledAt ?? null,
      startedAt: now,
      finishedAt: null,
    };
    try {
      await this.tx.run(async (m) => {
        await m.insert(Encounter, encounter);
        // A patient's first visit is remembered once; later encounters leave it as it is.
        await m.createQueryBuilder().insert().into(PatientFirstVisit).values({ patientId: encounter.patientId, clinicId: encounter.clinicId, firstStartedAt: now }).orIgnore().execute();
        await m.insert(EmrVersion, { id: randomUUID(), encounterId: encounter.id, version: 1, content: '{}', status: 'DRAFT', authorId: actor.id, signedBy: null, signedByName: null, signedAt: null, amendmentReason: null, updatedAt: now });
        await this.audit.append(m, actor, meta, [{ action: 'ENCOUNTER_CREATE', patientId: encounter.patientId, outcome: 'OK' }]);
      });
    } catch (err) {
      if (!(isUniqueViolation(err) && appointment)) throw err;
      return this.reply(actor, await this.ds.getRepository(Encounter).findOneByOrFail({ appointmentId: appointment.id }));
    }
    return this.reply(actor, encounter);
  }

  /** A doctor lists a patient's encounters (or their own); a patient account its own patients' signed ones. */
  async list(actor: Actor, meta: MessageMeta, q: ListEncountersQuery): Promise<Page<EncounterReply>> {
    const { page, pageSize, skip } = paging(q);
    const qb = this.ds.getRepository(Encounter).createQueryBuilder('e').where('e.clinicId = :clinicId', { clinicId: actor.clinicId });
    if (actor.kind === 'account') {
      qb.innerJoin(AccountPatient, 'ap', 'ap.patientId = e.patientId AND ap.accountId = :accountId', { accountId: actor.id });
      qb.andWhere("EXISTS (SELECT 1 FROM emr_versions v WHERE v.encounter_id = e.id AND v.status = 'SIGNED')");
    } else if (!q.patientId && !q.mine) {
      throw new DomainError('VALIDATION.FAILED', 'Invalid fields: patientId', [{ field: 'patientId', errors: ['give a patientId, or mine=true'] }]);
    }
    if (q.patientId) qb.andWhere('e.patientId = :patientId', { patientId: q.patientId });
    if (q.mine && actor.kind === 'staff') qb.andWhere('e.doctorId = :doctorId', { doctorId: actor.id });
    if (q.status) qb.andWhere('e.status = :status', { status: q.status });
    const [rows, total] = await qb.orderBy('e.startedAt', 'DESC').addOrderBy('e.id').skip(skip).take(pageSize).getManyAndCount();
    const patients = [...new Set(rows.map((r) => r.patientId))];
    await this.audit.record(actor, meta, patients.map((patientId) => ({ action: 'EMR_READ', patientId, outcome: 'OK' })));
    return { items: await Promise.all(rows.map((r) => this.reply(actor, r))), total, page, pageSize };
  }

  async get(actor: Actor, meta: MessageMeta, id: string): Promise<EncounterReply> {
    const encounter = await this.visible(actor, meta, id);
    await this.audit.record(actor, meta, [{ action: 'EMR_READ', patientId: encounter.patientId, outcome: 'OK' }]);
    return this.reply(actor, encounter);
  }

  /** Every version, oldest first (a patient account: the signed ones). */
  async versions(actor: Actor, meta: MessageMeta, id: string): Promise<EmrVersionReply[]> {
    const encounter = await this.visible(actor, meta, id);
    await this.audit.record(actor, meta, [{ action: 'EMR_READ', patientId: encounter.patientId, outcome: 'OK' }]);
    const rows = await this.ds.getRepository(EmrVersion).find({ where: { encounterId: id, ...(actor.kind === 'account' ? { status: 'SIGNED' as const } : {}) }, order: { version: 'ASC' } });
    return rows.map(versionReply);
  }

  /** Saves the draft; once signed, every write is refused with EMR.SIGNED (the conditional update decides). */
  async save(actor: Actor, meta: MessageMeta, id: string, content: EmrContentDto): Promise<EncounterReply> {
    await this.checkCodes(content);
    await this.tx.run(async (m) => {
      const encounter = await this.own(m, actor, id);
      const saved = await m.update(EmrVersion, { encounterId: id, version: 1, status: 'DRAFT' }, { content: JSON.stringify(content), authorId: actor.id, updatedAt: new Date() });
      if (saved.affected !== 1) throw new DomainError('EMR.SIGNED', 'This record is signed: change it by an amendment');
      await this.audit.append(m, actor, meta, [{ action: 'EMR_WRITE', patientId: encounter.patientId, outcome: 'OK' }]);
    });
    return this.get(actor, meta, id);
  }

  /** Signs the draft: read-only from now on, with the signer's name and time on it. */
  async sign(actor: Actor, meta: MessageMeta, id: string): Promise<EncounterReply> {
    await this.tx.run(async (m) => {
      const encounter = await this.own(m, actor, id);
      // Locked: a save racing the signature waits, then finds the record signed.
      const draft = await forUpdate(m.createQueryBuilder(EmrVersion, 'v').where('v.encounterId = :id AND v.version = 1', { id })).getOneOrFail();
      if (draft.status === 'SIGNED') throw new DomainError('EMR.SIGNED', 'This record is already signed');
      const content = JSON.parse(draft.content) as EmrContentDto;
      requireComplete(content);
      const now = new Date();
      const doctor = await m.findOneByOrFail(StaffUser, { id: actor.id });
      await m.update(EmrVersion, { id: draft.id }, { status: 'SIGNED', signedBy: actor.id, signedByName: doctor.name, signedAt: now, updatedAt: now });
      await this.recordDiagnoses(m, encounter, content, now);
      await this.reminders.scheduleFollowUp(m, encounter, content.followUpDate);
      await this.audit.append(m, actor, meta, [{ action: 'EMR_SIGN', patientId: encounter.patientId, outcome: 'OK' }]);
    });
    return this.get(actor, meta, id);
  }

  /** A change after signing: a new signed version carrying the reason; the earlier versions stay as they were. */
  async amend(actor: Actor, meta: MessageMeta, id: string, dto: AmendEmrDto): Promise<EncounterReply> {
    await this.checkCodes(dto.changes);
    try {
      await this.tx.run(async (m) => {
        const encounter = await this.own(m, actor, id);
        const latest = await m.findOneOrFail(EmrVersion, { where: { encounterId: id }, order: { version: 'DESC' } });
        if (latest.status !== 'SIGNED') throw new DomainError('EMR.NOT_SIGNED', 'This record is not signed yet: save the draft instead');
        const content: EmrContentDto = { ...(JSON.parse(latest.content) as EmrContentDto), ...dropUndefined(dto.changes) };
        requireComplete(content);
        const now = new Date();
        const doctor = await m.findOneByOrFail(StaffUser, { id: actor.id });
        await m.insert(EmrVersion, {
          id: randomUUID(),
          encounterId: id,
          version: latest.version + 1,
          content: JSON.stringify(content),
          status: 'SIGNED',
          authorId: actor.id,
          signedBy: actor.id,
          signedByName: doctor.name,
          signedAt: now,
          amendmentReason: dto.reason.trim(),
          updatedAt: now,
        });
        await this.recordDiagnoses(m, encounter, content, now);
        await this.reminders.scheduleFollowUp(m, encounter, content.followUpDate);
        await this.audit.append(m, actor, meta, [{ action: 'EMR_AMEND', patientId: encounter.patientId, outcome: 'OK' }]);
      });
    } catch (err) {
      // Two amendments at once: the version number's unique key lets one through.
      if (isUniqueViolation(err)) throw new DomainError('EMR.SIGNED', 'Another amendment was made at the same time: reload and try again');
      throw err;
    }
    return this.get(actor, meta, id);
  }

  /** Ends the visit: the record must be signed; a called appointment is completed with it. */
  async finish(actor: Actor, meta: MessageMeta, id: string): Promise<EncounterReply> {
    await this.tx.run(async (m) => {
      const encounter = await this.own(m, actor, id);
      if (await m.existsBy(EmrVersion, { encounterId: id, status: 'DRAFT' })) throw new DomainError('EMR.NOT_SIGNED', 'Sign the record before finishing the visit');
      const now = new Date();
      const done = await m.update(Encounter, { id, status: 'OPEN' }, { status: 'FINISHED', finishedAt: now });
      if (done.affected !== 1) throw new DomainError('ENCOUNTER.FINISHED', 'This visit is already finished');
      // A visit that ran past midnight changes the figures of the day it started on (and its appointment's day).
      await this.statsDays.touch(m, encounter.clinicId, encounter.startedAt);
      if (encounter.appointmentId) {
        const completed = await m.update(Appointment, { id: encounter.appointmentId, status: 'IN_PROGRESS' }, { status: 'COMPLETED', completedAt: now });
        if (completed.affected) await this.statsDays.touch(m, encounter.clinicId, (await m.findOneByOrFail(Appointment, { id: encounter.appointmentId })).day);
      }
      await this.audit.append(m, actor, meta, [{ action: 'ENCOUNTER_FINISH', patientId: encounter.patientId, outcome: 'OK' }]);
    });
    return this.get(actor, meta, id);
  }

  /** The encounter, if this caller may read it: a doctor of the clinic, or the account holding the patient once signed. Else an audited 404. */
  private async visible(actor: Actor, meta: MessageMeta, id: string): Promise<Encounter> {
    let encounter = isUuid(id) ? await this.ds.getRepository(Encounter).findOneBy({ id, clinicId: actor.clinicId }) : null;
    if (encounter && actor.kind === 'account') {
      const holds = await this.ds.getRepository(AccountPatient).existsBy({ accountId: actor.id, patientId: encounter.patientId });
      const signed = await this.ds.getRepository(EmrVersion).existsBy({ encounterId: id, status: 'SIGNED' });
      if (!holds || !signed) encounter = null;
    }
    if (!encounter) {
      await this.audit.record(actor, meta, [{ action: 'EMR_READ', patientId: null, outcome: 'NOT_FOUND' }]);
      throw notFound('Encounter');
    }
    return encounter;
  }

  /** The encounter, which must be this doctor's own. */
  async own(m: EntityManager, actor: Actor, id: string): Promise<Encounter> {
    const encounter = isUuid(id) ? await m.findOneBy(Encounter, { id, clinicId: actor.clinicId }) : null;
    if (!encounter) throw notFound('Encounter');
    if (encounter.doctorId !== actor.id) throw new DomainError('ENCOUNTER.NOT_OWN', 'Only the encounter\'s own doctor may write it');
    return encounter;
  }

  private async checkCodes(content: EmrContentDto) {
    const codes = (content.diagnoses ?? []).map((d) => d.code);
    const known = await this.icd10.known(codes);
    const unknown: FieldError[] = codes.flatMap((code, i) => (known.has(code) ? [] : [{ field: `diagnoses.${i}.code`, errors: [`${code} is not an ICD-10 code (GET /icd10)`] }]));
    if (unknown.length) throw invalidFields(unknown);
  }

  /** The diagnoses of the signed record, replaced on every signature: what statistics count. */
  private async recordDiagnoses(m: EntityManager, encounter: Encounter, content: EmrContentDto, at: Date) {
    await this.statsDays.touch(m, encounter.clinicId, encounter.startedAt);
    await m.delete(EncounterDiagnosis, { encounterId: encounter.id });
    const rows = (content.diagnoses ?? []).map((d) => ({ id: randomUUID(), clinicId: encounter.clinicId, encounterId: encounter.id, code: d.code, name: d.name.trim(), isPrimary: Boolean(d.primary), diagnosedAt: at, encounterStartedAt: encounter.startedAt }));
    if (rows.length) await m.insert(EncounterDiagnosis, rows);
  }

  private async reply(actor: Actor, e: Encounter): Promise<EncounterReply> {
    const repo = this.ds.getRepository(EmrVersion);
    const latest = await repo.findOne({ where: { encounterId: e.id, ...(actor.kind === 'account' ? { status: 'SIGNED' as const } : {}) }, order: { version: 'DESC' } });
    const patient = await this.ds.getRepository(Patient).findOne({ where: { id: e.patientId }, select: { id: true, name: true } });
    return {
      id: e.id,
      patientId: e.patientId,
      patientName: patient?.name ?? '',
      doctorId: e.doctorId,
      doctorName: e.doctorName,
      departmentId: e.departmentId,
      appointmentId: e.appointmentId,
      status: e.status,
      calledAt: e.calledAt?.toISOString() ?? null,
      startedAt: e.startedAt.toISOString(),
      finishedAt: e.finishedAt?.toISOString() ?? null,
      emr: latest ? versionReply(latest) : null,
    };
  }
}

/** Refuses to sign while a required field is empty, naming each. */
function requireComplete(c: EmrContentDto) {
  const missing: FieldError[] = REQUIRED.filter((f) => !String(c[f] ?? '').trim()).map((field) => ({ field, errors: [`${field} is required to sign`] }));
  const diagnoses = c.diagnoses ?? [];
  if (!diagnoses.length) missing.push({ field: 'diagnoses', errors: ['at least one diagnosis is required to sign'] });
  else if (diagnoses.filter((d) => d.primary).length !== 1) missing.push({ field: 'diagnoses', errors: ['exactly one diagnosis must be primary'] });
  if (missing.length) throw new DomainError('EMR.INCOMPLETE', `Not signed: ${missing.map((m) => m.field).join(', ')}`, missing);
}

function dropUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function versionReply(v: EmrVersion): EmrVersionReply {
  return {
    version: v.version,
    status: v.status,
    content: JSON.parse(v.content) as EmrContentDto,
    signedBy: v.signedBy,
    signedByName: v.signedByName,
    signedAt: v.signedAt?.toISOString() ?? null,
    amendmentReason: v.amendmentReason,
    updatedAt: v.updatedAt.toISOString(),
  };
}
