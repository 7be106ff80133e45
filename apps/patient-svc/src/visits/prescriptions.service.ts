import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  Events,
  Patterns,
  type Actor,
  type AllergyWarning,
  type AuditAction,
  type CreatePrescriptionDto,
  type DrugReply,
  type EmrContentDto,
  type FieldError,
  type MessageMeta,
  type Page,
  type ListPrescriptionsQuery,
  type PrescriptionCancelledEvent,
  type PrescriptionReply,
  type PrescriptionSignedEvent,
  type ReservationReply,
} from '@clinic/contracts';
import { addDays, clinicDayStart, clinicNow, Config, DomainError, invalidFields, isUuid, notFound, Outbox, paging, ServiceClient, Tx } from '@clinic/platform';
import { DataSource, In } from 'typeorm';
import { AccountPatient } from '../accounts/account.entity';
import { AuditService } from '../audit/audit.service';
import { Patient } from '../patients/patient.entity';
import { EncountersService } from './encounters.service';
import { checkPrescriptionRules } from './prescription-rules';
import { EmrVersion, Encounter, Prescription, PrescriptionLine } from './visit.entities';
import { StatsDays } from '../stats/stats-days';

@Injectable()
export class PrescriptionsService {
  constructor(
    private readonly ds: DataSource,
    private readonly tx: Tx,
    private readonly audit: AuditService,
    private readonly encounters: EncountersService,
    private readonly services: ServiceClient,
    private readonly outbox: Outbox,
    private readonly config: Config,
    private readonly statsDays: StatsDays,
  ) {}

  /**
   * A draft prescription on the doctor's open encounter: the rules are checked against the pharmacy catalogue, and a
   * drug of a class the patient is allergic to is refused unless the doctor confirms with a reason (audited).
   */
  async create(actor: Actor, meta: MessageMeta, encounterId: string, dto: CreatePrescriptionDto): Promise<PrescriptionReply> {
    const encounter = await this.encounters.own(this.ds.manager, actor, encounterId);
    if (encounter.status !== 'OPEN') throw new DomainError('ENCOUNTER.FINISHED', 'This visit is finished');
    const drugs = await this.drugs(actor, dto);
    checkPrescriptionRules(dto, drugs);
    const patient = await this.ds.getRepository(Patient).findOneByOrFail({ id: encounter.patientId });
    const allergic = new Set(patient.allergyClasses ?? []);
    const warnings: AllergyWarning[] = drugs.flatMap((d) => (d.allergyClass && allergic.has(d.allergyClass) ? [{ drugId: d.id, name: d.name, allergyClass: d.allergyClass }] : []));
    const override = dto.allergyOverrideReason?.trim() || null;
    if (warnings.length && !override) {
      throw new DomainError('PRESCRIPTION.ALLERGY', `The patient is recorded as allergic to: ${warnings.map((w) => w.name).join(', ')}; confirm with a reason to prescribe anyway`, warnings);
    }
    const id = randomUUID();
    await this.tx.run(async (m) => {
      await m.insert(Prescription, {
        id,
        clinicId: actor.clinicId,
        encounterId,
        patientId: encounter.patientId,
        doctorId: actor.id,
        kind: dto.kind ?? 'NORMAL',
        status: 'DRAFT',
        overLimitReason: dto.overLimitReason?.trim() || null,
        allergyOverrideReason: warnings.length ? override : null,
        validUntil: null,
        signedAt: null,
        cancelledAt: null,
        totalFen: null,
        createdAt: new Date(),
      });
      await m.insert(
        PrescriptionLine,
        dto.items.map((item, i) => ({
          id: randomUUID(),
          prescriptionId: id,
          lineNo: i + 1,
          drugId: item.drugId,
          drugName: drugs[i].name,
          spec: drugs[i].spec,
          unit: drugs[i].unit,
          controlClass: drugs[i].controlClass,
          dosage: item.dosage.trim(),
          frequency: item.frequency,
          route: item.route.trim(),
          days: item.days,
          quantity: item.quantity,
          unitPriceFen: null,
          amountFen: null,
        })),
      );
      const actions: AuditAction[] = warnings.length ? ['PRESCRIPTION_WRITE', 'ALLERGY_OVERRIDE'] : ['PRESCRIPTION_WRITE'];
      await this.audit.append(m, actor, meta, actions.map((action) => ({ action, patientId: encounter.patientId, outcome: 'OK' })));
    });
    return this.get(actor, meta, id);
  }

  /**
   * Signing reserves the stock in pharmacy first (all or nothing, idempotent by prescription id): if a drug is
   * short, nothing is signed and the doctor is told which and how many are left. Then the prescription is signed
   * with the reserved prices and `prescription.signed` goes out through the outbox. A second signature finds it signed.
   */
  async sign(actor: Actor, meta: MessageMeta, id: string): Promise<PrescriptionReply> {
    const rx = await this.ownDraftOrSigned(actor, id);
    if (rx.status === 'SIGNED') return this.get(actor, meta, id);
    const lines = await this.ds.getRepository(PrescriptionLine).find({ where: { prescriptionId: id }, order: { lineNo: 'ASC' } });
    const encounter = await this.ds.getRepository(Encounter).findOneByOrFail({ id: rx.encounterId });
    const patient = await this.ds.getRepository(Patient).findOneByOrFail({ id: rx.patientId });
    const validUntil = this.validUntil();
    const reserved = await this.services.send<ReservationReply>(
      'pharmacy',
      Patterns.pharmacy.reserve,
      {
        prescriptionId: id,
        patientId: rx.patientId,
        patientName: patient.name,
        doctorName: encounter.doctorName,
        validUntil: validUntil.toISOString(),
        items: lines.map((l) => ({ drugId: l.drugId, quantity: l.quantity, dosage: l.dosage, frequency: l.frequency, route: l.route, days: l.days })),
      },
      actor,
    );
    const now = new Date();
    await this.tx.run(async (m) => {
      const signed = await m.update(Prescription, { id, status: 'DRAFT' }, { status: 'SIGNED', signedAt: now, validUntil, totalFen: reserved.totalFen });
      if (signed.affected !== 1) return; // signed by a twin call a moment ago, with the same reservation
      const priced = new Map(reserved.lines.map((l) => [l.drugId, l]));
      for (const l of lines) await m.update(PrescriptionLine, { id: l.id }, { unitPriceFen: priced.get(l.drugId)!.unitPriceFen, amountFen: priced.get(l.drugId)!.amountFen });
      await this.outbox.add<PrescriptionSignedEvent>(m, Events.prescriptionSigned, {
        clinicId: rx.clinicId,
        prescriptionId: id,
        encounterId: rx.encounterId,
        patientId: rx.patientId,
        doctorId: rx.doctorId,
        departmentId: encounter.departmentId,
        signedAt: now.toISOString(),
        lines: reserved.lines.map((l) => ({ drugId: l.drugId, name: l.name, spec: l.spec, unit: l.unit, quantity: l.quantity, unitPriceFen: l.unitPriceFen, amountFen: l.amountFen })),
        totalFen: reserved.totalFen,
      });
      await this.audit.append(m, actor, meta, [{ action: 'PRESCRIPTION_SIGN', patientId: rx.patientId, outcome: 'OK' }]);
    });
    return this.get(actor, meta, id);
  }

  /** A draft is simply cancelled; a signed one first gives its stock back (pharmacy refuses once it is paid). */
  async cancel(actor: Actor, meta: MessageMeta, id: string, reason: string): Promise<PrescriptionReply> {
    const rx = await this.ownDraftOrSigned(actor, id);
    if (rx.status === 'SIGNED') await this.services.send('pharmacy', Patterns.pharmacy.release, { prescriptionId: id }, actor);
    await this.tx.run(async (m) => {
      const cancelled = await m.update(Prescription, { id, status: rx.status }, { status: 'CANCELLED', cancelledAt: new Date() });
      if (cancelled.affected !== 1) return;
      if (rx.signedAt) await this.statsDays.touch(m, rx.clinicId, rx.signedAt);
      if (rx.status === 'SIGNED') await this.outbox.add<PrescriptionCancelledEvent>(m, Events.prescriptionCancelled, { clinicId: rx.clinicId, prescriptionId: id, patientId: rx.patientId, reason });
      await this.audit.append(m, actor, meta, [{ action: 'PRESCRIPTION_CANCEL', patientId: rx.patientId, outcome: 'OK' }]);
    });
    return this.get(actor, meta, id);
  }

  async get(actor: Actor, meta: MessageMeta, id: string): Promise<PrescriptionReply> {
    const rx = await this.visible(actor, meta, id);
    await this.audit.record(actor, meta, [{ action: 'PRESCRIPTION_READ', patientId: rx.patientId, outcome: 'OK' }]);
    return (await this.replies([rx]))[0];
  }

  /** An encounter's prescriptions, for its doctor and colleagues; a patient account's signed ones. */
  async list(actor: Actor, meta: MessageMeta, q: ListPrescriptionsQuery): Promise<Page<PrescriptionReply>> {
    const { page, pageSize, skip } = paging(q);
    const qb = this.ds.getRepository(Prescription).createQueryBuilder('p').where('p.clinicId = :clinicId', { clinicId: actor.clinicId });
    if (actor.kind === 'account') {
      qb.innerJoin(AccountPatient, 'ap', 'ap.patientId = p.patientId AND ap.accountId = :accountId', { accountId: actor.id }).andWhere("p.status = 'SIGNED'");
    }
    if (q.encounterId) qb.andWhere('p.encounterId = :encounterId', { encounterId: q.encounterId });
    if (q.patientId) qb.andWhere('p.patientId = :patientId', { patientId: q.patientId });
    const [rows, total] = await qb.orderBy('p.createdAt', 'DESC').addOrderBy('p.id').skip(skip).take(pageSize).getManyAndCount();
    await this.audit.record(actor, meta, [...new Set(rows.map((r) => r.patientId))].map((patientId) => ({ action: 'PRESCRIPTION_READ', patientId, outcome: 'OK' })));
    return { items: await this.replies(rows), total, page, pageSize };
  }

  /** What the prescription sheet (处方笺) prints: the reply and the diagnoses of the encounter's latest record. */
  async sheet(actor: Actor, meta: MessageMeta, id: string): Promise<{ rx: PrescriptionReply; patient: Patient; diagnoses: string[]; department: string | null }> {
    const rx = await this.get(actor, meta, id);
    const patient = await this.ds.getRepository(Patient).findOneByOrFail({ id: rx.patientId });
    const latest = await this.ds.getRepository(EmrVersion).findOne({ where: { encounterId: rx.encounterId }, order: { version: 'DESC' } });
    const content = latest ? (JSON.parse(latest.content) as EmrContentDto) : {};
    const encounter = await this.ds.getRepository(Encounter).findOneByOrFail({ id: rx.encounterId });
    const department = encounter.departmentId ? ((await this.ds.query('SELECT name FROM departments WHERE id = ?', [encounter.departmentId]))[0]?.name ?? null) : null;
    return { rx, patient, diagnoses: (content.diagnoses ?? []).map((d) => `${d.name}（${d.code}）`), department };
  }

  /** The end of the last day the prescription may be dispensed on, in the clinic's calendar. */
  private validUntil(): Date {
    const zone = this.config.env.CLINIC_TIMEZONE;
    const lastDay = addDays(clinicNow(zone).date, this.config.env.PRESCRIPTION_VALID_DAYS - 1);
    return new Date(clinicDayStart(zone, addDays(lastDay, 1)).getTime() - 1);
  }

  /** The drugs of the lines, from pharmacy's catalogue, in line order; unknown or retired ones are named. */
  private async drugs(actor: Actor, dto: CreatePrescriptionDto): Promise<DrugReply[]> {
    const found = await Promise.all(
      dto.items.map((item) =>
        this.services.send<DrugReply>('pharmacy', Patterns.pharmacy.getDrug, { id: item.drugId }, actor).catch((err: unknown) => {
          if (err instanceof DomainError && err.code === 'NOT_FOUND') return null;
          throw err;
        }),
      ),
    );
    const problems: FieldError[] = found.flatMap((d, i) => (!d ? [{ field: `items.${i}.drugId`, errors: ['unknown drug'] }] : !d.active ? [{ field: `items.${i}.drugId`, errors: [`${d.name} is no longer prescribed`] }] : []));
    if (problems.length) throw invalidFields(problems);
    return found as DrugReply[];
  }

  private async ownDraftOrSigned(actor: Actor, id: string): Promise<Prescription> {
    const rx = isUuid(id) ? await this.ds.getRepository(Prescription).findOneBy({ id, clinicId: actor.clinicId }) : null;
    if (!rx) throw notFound('Prescription');
    if (rx.doctorId !== actor.id) throw new DomainError('ENCOUNTER.NOT_OWN', 'Only the prescribing doctor may sign or cancel it');
    if (rx.status === 'CANCELLED') throw new DomainError('PRESCRIPTION.NOT_SIGNED', 'This prescription is cancelled');
    return rx;
  }

  /** Staff of the clinic, or the account holding the patient once the prescription is signed; else an audited 404. */
  private async visible(actor: Actor, meta: MessageMeta, id: string): Promise<Prescription> {
    let rx = isUuid(id) ? await this.ds.getRepository(Prescription).findOneBy({ id, clinicId: actor.clinicId }) : null;
    if (rx && actor.kind === 'account' && (rx.status !== 'SIGNED' || !(await this.ds.getRepository(AccountPatient).existsBy({ accountId: actor.id, patientId: rx.patientId })))) rx = null;
    if (!rx) {
      await this.audit.record(actor, meta, [{ action: 'PRESCRIPTION_READ', patientId: null, outcome: 'NOT_FOUND' }]);
      throw notFound('Prescription');
    }
    return rx;
  }

  private async replies(rows: Prescription[]): Promise<PrescriptionReply[]> {
    if (!rows.length) return [];
    const ids = rows.map((r) => r.id);
    const lines = await this.ds.getRepository(PrescriptionLine).find({ where: { prescriptionId: In(ids) }, order: { lineNo: 'ASC' } });
    const encounters = new Map((await this.ds.getRepository(Encounter).findBy({ id: In(rows.map((r) => r.encounterId)) })).map((e) => [e.id, e]));
    const patients = new Map((await this.ds.getRepository(Patient).find({ where: { id: In(rows.map((r) => r.patientId)) }, select: { id: true, name: true } })).map((p) => [p.id, p.name]));
    return rows.map((r) => ({
      id: r.id,
      encounterId: r.encounterId,
      patientId: r.patientId,
      patientName: patients.get(r.patientId) ?? '',
      doctorName: encounters.get(r.encounterId)?.doctorName ?? '',
      kind: r.kind,
      status: r.status,
      overLimitReason: r.overLimitReason,
      allergyOverrideReason: r.allergyOverrideReason,
      validUntil: r.validUntil?.toISOString() ?? null,
      signedAt: r.signedAt?.toISOString() ?? null,
      totalFen: r.totalFen,
      createdAt: r.createdAt.toISOString(),
      lines: lines
        .filter((l) => l.prescriptionId === r.id)
        .map((l) => ({ drugId: l.drugId, name: l.drugName, spec: l.spec, unit: l.unit, controlClass: l.controlClass, dosage: l.dosage, frequency: l.frequency, route: l.route, days: l.days, quantity: l.quantity, unitPriceFen: l.unitPriceFen, amountFen: l.amountFen })),
    }));
  }
}
