import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  FULL_IDENTIFIER_ROLES,
  type Actor,
  type CreatePatientDto,
  type CreatePatientReply,
  type LinkPatientDto,
  type MessageMeta,
  type Page,
  type PatientReply,
  type SearchQuery,
  type UpdatePatientDto,
} from '@clinic/contracts';
import { DomainError, isUniqueViolation, isUuid, likePrefix, maskIdCard, maskPhone, notFound, paging, PiiCipher, Tx } from '@clinic/platform';
import { Repository, type EntityManager } from 'typeorm';
import { Account, AccountPatient } from '../accounts/account.entity';
import { AuditService } from '../audit/audit.service';
import { Patient, Sequence } from './patient.entity';

const FAMILY_LIMIT = 10;

/**
 * Patient records. Staff reach the patients of their clinic; a patient account reaches only the patients
 * linked to it, and anything else answers 404 exactly as if it did not exist. Every read and write is audited.
 */
@Injectable()
export class PatientsService {
  constructor(
    private readonly tx: Tx,
    @InjectRepository(Patient) private readonly patients: Repository<Patient>,
    @InjectRepository(AccountPatient) private readonly links: Repository<AccountPatient>,
    @InjectRepository(Account) private readonly accounts: Repository<Account>,
    private readonly pii: PiiCipher,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Actor, meta: MessageMeta, dto: CreatePatientDto): Promise<CreatePatientReply> {
    const isAccount = actor.kind === 'account';
    if (isAccount) {
      await this.requireConsent(actor);
      if (!dto.relationship) throw new DomainError('VALIDATION.FAILED', 'Invalid fields: relationship', [{ field: 'relationship', errors: ['relationship is required when adding a family member'] }]);
    }
    const id = randomUUID();
    const now = new Date();
    try {
      return await this.tx.run(async (m) => {
        if (isAccount) await this.takeFamilyPlace(m, actor.id);
        const medicalRecordNo = await this.nextMedicalRecordNo(m);
        await m.insert(Patient, {
          id,
          clinicId: actor.clinicId,
          medicalRecordNo,
          name: dto.name.trim(),
          gender: dto.gender,
          birthDate: dto.birthDate,
          phoneEnc: this.pii.encrypt(dto.phone),
          phoneHash: this.pii.blindIndex(dto.phone),
          idCardEnc: dto.idCardNo ? this.pii.encrypt(dto.idCardNo) : null,
          idCardHash: dto.idCardNo ? this.pii.blindIndex(dto.idCardNo) : null,
          relationship: isAccount ? null : (dto.relationship ?? null),
          ...this.details(dto),
          createdBy: actor.id,
          createdAt: now,
          updatedAt: now,
        });
        if (isAccount) await m.insert(AccountPatient, { accountId: actor.id, patientId: id, relationship: dto.relationship!, createdAt: now });
        await this.audit.append(m, actor, meta, [{ action: 'PATIENT_CREATE', patientId: id, outcome: 'OK' }]);
        return { id, medicalRecordNo };
      });
    } catch (err) {
      if (isUniqueViolation(err)) {
        throw new DomainError('PATIENT.ID_CARD_TAKEN', isAccount ? 'This ID card number is already registered: link the existing record instead' : 'A patient with this ID card number is already registered');
      }
      throw err;
    }
  }

  /** Staff: a mobile number or record number matches exactly, other text is a name prefix. An account: its own. */
  async search(actor: Actor, meta: MessageMeta, q: SearchQuery): Promise<Page<PatientReply>> {
    const { page, pageSize, skip } = paging(q);
    const qb = this.patients.createQueryBuilder('p').where('p.clinicId = :clinicId', { clinicId: actor.clinicId });
    if (actor.kind === 'account') {
      qb.innerJoin(AccountPatient, 'ap', 'ap.patientId = p.id AND ap.accountId = :accountId', { accountId: actor.id });
    } else {
      const text = q.query?.trim();
      if (text && /^1[3-9]\d{9}$/.test(text)) qb.andWhere('p.phoneHash = :h', { h: this.pii.blindIndex(text) });
      else if (text && /^MR\d{1,12}$/i.test(text)) qb.andWhere('p.medicalRecordNo = :mrn', { mrn: text.toUpperCase() });
      else if (text) qb.andWhere("p.name LIKE :name ESCAPE '!'", { name: likePrefix(text) });
    }
    const [rows, total] = await qb.orderBy('p.createdAt', 'DESC').addOrderBy('p.id').skip(skip).take(pageSize).getManyAndCount();
    await this.audit.record(actor, meta, rows.map((p) => ({ action: 'PATIENT_READ', patientId: p.id, outcome: 'OK' })));
    const relations = await this.relationships(actor, rows.map((p) => p.id));
    return { items: rows.map((p) => this.toReply(p, actor, relations.get(p.id))), total, page, pageSize };
  }

  async get(actor: Actor, meta: MessageMeta, id: string): Promise<PatientReply> {
    const row = await this.visible(actor, meta, id, 'PATIENT_READ');
    await this.audit.record(actor, meta, [{ action: 'PATIENT_READ', patientId: id, outcome: 'OK' }]);
    return this.toReply(row, actor, (await this.relationships(actor, [id])).get(id));
  }

  async update(actor: Actor, meta: MessageMeta, id: string, dto: UpdatePatientDto): Promise<PatientReply> {
    await this.visible(actor, meta, id, 'PATIENT_UPDATE');
    await this.tx.run(async (m) => {
      const changes: Partial<Patient> = { ...this.details(dto), updatedAt: new Date() };
      if (dto.name !== undefined) changes.name = dto.name.trim();
      if (dto.phone !== undefined) Object.assign(changes, { phoneEnc: this.pii.encrypt(dto.phone), phoneHash: this.pii.blindIndex(dto.phone) });
      if (actor.kind === 'account') {
        if (dto.relationship !== undefined) await m.update(AccountPatient, { accountId: actor.id, patientId: id }, { relationship: dto.relationship });
      } else if (dto.relationship !== undefined) {
        changes.relationship = dto.relationship;
      }
      await m.update(Patient, { id, clinicId: actor.clinicId }, changes);
      await this.audit.append(m, actor, meta, [{ action: 'PATIENT_UPDATE', patientId: id, outcome: 'OK' }]);
    });
    const row = await this.patients.findOneByOrFail({ id });
    return this.toReply(row, actor, (await this.relationships(actor, [id])).get(id));
  }

  /** A patient account claims a record made at the desk by proving both its ID card and phone numbers. */
  async link(actor: Actor, meta: MessageMeta, dto: LinkPatientDto): Promise<CreatePatientReply> {
    await this.requireConsent(actor);
    const row = await this.patients.findOneBy({ clinicId: actor.clinicId, idCardHash: this.pii.blindIndex(dto.idCardNo), phoneHash: this.pii.blindIndex(dto.phone) });
    if (!row) {
      await this.audit.record(actor, meta, [{ action: 'PATIENT_LINK', patientId: null, outcome: 'NOT_FOUND' }]);
      throw notFound('Patient');
    }
    try {
      await this.tx.run(async (m) => {
        await this.takeFamilyPlace(m, actor.id);
        await m.insert(AccountPatient, { accountId: actor.id, patientId: row.id, relationship: dto.relationship, createdAt: new Date() });
        await this.audit.append(m, actor, meta, [{ action: 'PATIENT_LINK', patientId: row.id, outcome: 'OK' }]);
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new DomainError('PATIENT.ALREADY_LINKED', 'This patient is already in your family list');
      throw err;
    }
    return { id: row.id, medicalRecordNo: row.medicalRecordNo };
  }

  /** Removes a patient from the account's family; the clinic keeps the medical record. */
  async unlink(actor: Actor, meta: MessageMeta, id: string): Promise<void> {
    await this.visible(actor, meta, id, 'PATIENT_UNLINK');
    await this.tx.run(async (m) => {
      const removed = await m.delete(AccountPatient, { accountId: actor.id, patientId: id });
      if (removed.affected !== 1) throw notFound('Patient');
      await m.createQueryBuilder().update(Account).set({ patientCount: () => 'patient_count - 1' }).where('id = :id', { id: actor.id }).execute();
      await this.audit.append(m, actor, meta, [{ action: 'PATIENT_UNLINK', patientId: id, outcome: 'OK' }]);
    });
  }

  /** Everything about the account's patients, unmasked: the patient's own data, for them to take away. */
  async exportFor(actor: Actor, meta: MessageMeta): Promise<PatientReply[]> {
    const rows = await this.patients
      .createQueryBuilder('p')
      .innerJoin(AccountPatient, 'ap', 'ap.patientId = p.id AND ap.accountId = :accountId', { accountId: actor.id })
      .orderBy('p.createdAt', 'ASC')
      .getMany();
    await this.audit.record(actor, meta, rows.map((p) => ({ action: 'PATIENT_EXPORT', patientId: p.id, outcome: 'OK' })));
    const relations = await this.relationships(actor, rows.map((p) => p.id));
    return rows.map((p) => this.toReply(p, actor, relations.get(p.id), true));
  }

  /** The patient, if this caller may see it; otherwise an audited 404, the same whether it exists or not. */
  private async visible(actor: Actor, meta: MessageMeta, id: string, action: 'PATIENT_READ' | 'PATIENT_UPDATE' | 'PATIENT_UNLINK'): Promise<Patient> {
    let row: Patient | null = null;
    if (isUuid(id)) {
      row = await this.patients.findOneBy({ id, clinicId: actor.clinicId });
      if (row && actor.kind === 'account' && !(await this.links.existsBy({ accountId: actor.id, patientId: id }))) row = null;
    }
    if (!row) {
      await this.audit.record(actor, meta, [{ action, patientId: id, outcome: 'NOT_FOUND' }]);
      throw notFound('Patient');
    }
    return row;
  }

  private async requireConsent(actor: Actor) {
    const account = await this.accounts.findOneBy({ id: actor.id, status: 'ACTIVE' });
    if (!account) throw new DomainError('AUTH.UNAUTHENTICATED', 'This account is closed');
    if (!account.privacyConsentedAt) throw new DomainError('PRIVACY.CONSENT_REQUIRED', 'Agree to the privacy policy before adding personal data');
  }

  /** The conditional update is the limit: no read-then-write can let an eleventh patient in. */
  private async takeFamilyPlace(m: EntityManager, accountId: string) {
    const taken = await m
      .createQueryBuilder()
      .update(Account)
      .set({ patientCount: () => 'patient_count + 1' })
      .where('id = :id AND status = :status AND patient_count < :limit', { id: accountId, status: 'ACTIVE', limit: FAMILY_LIMIT })
      .execute();
    if (taken.affected !== 1) throw new DomainError('PATIENT.FAMILY_LIMIT', `An account holds at most ${FAMILY_LIMIT} patients`);
  }

  private details(dto: UpdatePatientDto): Partial<Patient> {
    const out: Partial<Patient> = {};
    if (dto.address !== undefined) out.address = dto.address;
    if (dto.emergencyContactName !== undefined) out.emergencyContactName = dto.emergencyContactName;
    if (dto.emergencyContactPhone !== undefined) out.emergencyContactPhoneEnc = dto.emergencyContactPhone === null ? null : this.pii.encrypt(dto.emergencyContactPhone);
    if (dto.allergies !== undefined) {
      out.allergyClasses = dto.allergies?.drugClasses ?? null;
      out.allergyNote = dto.allergies?.note ?? null;
    }
    if (dto.chronicConditions !== undefined) out.chronicConditions = dto.chronicConditions;
    return out;
  }

  private async relationships(actor: Actor, ids: string[]): Promise<Map<string, string>> {
    if (actor.kind !== 'account' || !ids.length) return new Map();
    const rows = await this.links.createQueryBuilder('ap').where('ap.accountId = :a AND ap.patientId IN (:...ids)', { a: actor.id, ids }).getMany();
    return new Map(rows.map((r) => [r.patientId, r.relationship]));
  }

  /** MR00000001, MR00000002, …: the update locks the counter row until the patient is committed. */
  private async nextMedicalRecordNo(m: EntityManager): Promise<string> {
    await m.createQueryBuilder().update(Sequence).set({ nextValue: () => 'next_value + 1' }).where('name = :name', { name: 'medical_record_no' }).execute();
    const seq = await m.findOneByOrFail(Sequence, { name: 'medical_record_no' });
    return `MR${String(seq.nextValue - 1).padStart(8, '0')}`;
  }

  private toReply(p: Patient, actor: Actor, relationship: string | undefined, unmasked = false): PatientReply {
    const full = unmasked || actor.roles.some((r) => FULL_IDENTIFIER_ROLES.includes(r));
    const phone = this.pii.decrypt(p.phoneEnc);
    const idCard = p.idCardEnc ? this.pii.decrypt(p.idCardEnc) : null;
    const emergency = p.emergencyContactPhoneEnc ? this.pii.decrypt(p.emergencyContactPhoneEnc) : null;
    return {
      id: p.id,
      medicalRecordNo: p.medicalRecordNo,
      name: p.name,
      gender: p.gender,
      birthDate: p.birthDate,
      phone: full ? phone : maskPhone(phone),
      idCardNo: idCard && (full ? idCard : maskIdCard(idCard)),
      address: p.address,
      emergencyContactName: p.emergencyContactName,
      emergencyContactPhone: emergency && (full ? emergency : maskPhone(emergency)),
      allergies: { drugClasses: p.allergyClasses ?? [], note: p.allergyNote },
      chronicConditions: p.chronicConditions ?? [],
      relationship: actor.kind === 'account' ? (relationship ?? null) : p.relationship,
      createdAt: p.createdAt.toISOString(),
      updatedAt: (p.updatedAt ?? p.createdAt).toISOString(),
    };
  }
}

