import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Actor, CreatePatientDto, CreatePatientReply, Page, PatientReply, SearchQuery } from '@clinic/contracts';
import { DomainError, isUniqueViolation, likePrefix, maskIdCard, maskPhone, notFound, PiiCipher, Tx } from '@clinic/platform';
import { Repository, type EntityManager } from 'typeorm';
import { Patient, Sequence } from './patient.entity';

/** Roles that see a patient's full phone and ID card number; everyone else sees them masked. */
const FULL_IDENTIFIER_ROLES = new Set(['receptionist']);

@Injectable()
export class PatientsService {
  constructor(
    private readonly tx: Tx,
    @InjectRepository(Patient) private readonly patients: Repository<Patient>,
    private readonly pii: PiiCipher,
  ) {}

  async create(actor: Actor, dto: CreatePatientDto): Promise<CreatePatientReply> {
    const id = randomUUID();
    try {
      return await this.tx.run(async (m) => {
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
          relationship: dto.relationship ?? null,
          createdBy: actor.id,
          createdAt: new Date(),
        });
        return { id, medicalRecordNo };
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new DomainError('PATIENT.ID_CARD_TAKEN', 'A patient with this ID card number is already registered');
      throw err;
    }
  }

  /** Staff search: a mobile number or record number matches exactly, anything else is a name prefix. */
  async search(actor: Actor, q: SearchQuery): Promise<Page<PatientReply>> {
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 20;
    const qb = this.patients.createQueryBuilder('p').where('p.clinicId = :clinicId', { clinicId: actor.clinicId });
    const text = q.query?.trim();
    if (text && /^1[3-9]\d{9}$/.test(text)) qb.andWhere('p.phoneHash = :h', { h: this.pii.blindIndex(text) });
    else if (text && /^MR\d{1,12}$/i.test(text)) qb.andWhere('p.medicalRecordNo = :mrn', { mrn: text.toUpperCase() });
    else if (text) qb.andWhere("p.name LIKE :name ESCAPE '!'", { name: likePrefix(text) });
    const [rows, total] = await qb.orderBy('p.createdAt', 'DESC').addOrderBy('p.id').skip((page - 1) * pageSize).take(pageSize).getManyAndCount();
    return { items: rows.map((p) => this.toReply(p, false)), total, page, pageSize };
  }

  async get(actor: Actor, id: string): Promise<PatientReply> {
    const row = await this.patients.findOneBy({ id, clinicId: actor.clinicId });
    if (!row) throw notFound('Patient');
    return this.toReply(row, actor.roles.some((r) => FULL_IDENTIFIER_ROLES.has(r)));
  }

  /** MR00000001, MR00000002, …: the update locks the counter row until the patient is committed. */
  private async nextMedicalRecordNo(m: EntityManager): Promise<string> {
    await m.createQueryBuilder().update(Sequence).set({ nextValue: () => 'next_value + 1' }).where('name = :name', { name: 'medical_record_no' }).execute();
    const seq = await m.findOneByOrFail(Sequence, { name: 'medical_record_no' });
    return `MR${String(seq.nextValue - 1).padStart(8, '0')}`;
  }

  private toReply(p: Patient, full: boolean): PatientReply {
    const phone = this.pii.decrypt(p.phoneEnc);
    const idCard = p.idCardEnc ? this.pii.decrypt(p.idCardEnc) : null;
    return {
      id: p.id,
      medicalRecordNo: p.medicalRecordNo,
      name: p.name,
      gender: p.gender,
      birthDate: p.birthDate,
      phone: full ? phone : maskPhone(phone),
      idCardNo: idCard && (full ? idCard : maskIdCard(idCard)),
      relationship: p.relationship,
      createdAt: p.createdAt.toISOString(),
    };
  }
}
