import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { col } from '@clinic/platform';
import { Table, TableIndex, TableUnique, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Where the ICD-10 table ships: apps/patient-svc/assets, beside package.json (from src/ or dist/ alike). */
const ICD10_FILE = join(__dirname, '..', '..', 'assets', 'icd10-cn.tsv');

/**
 * Encounters, versioned medical records, their diagnoses, EMR templates, and the ICD-10 table
 * (疾病分类与代码 国家临床版 2.0, 35,587 codes; scripts/build-icd10.js made the file from shared/data/icd10-cn.csv).
 */
export class Visits1764460800000 implements MigrationInterface {
  name = 'Visits1764460800000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.createTable(
      new Table({
        name: 'icd10_codes',
        columns: [{ ...col.str('code', 16), isPrimary: true }, col.str('name', 200), col.str('category', 3), col.str('chapter', 8), col.str('py', 60)],
        indices: [new TableIndex({ name: 'idx_icd10_category', columnNames: ['category'] })],
      }),
    );
    const rows = readFileSync(ICD10_FILE, 'utf8').split('\n').slice(1).filter(Boolean).map((line) => line.split('\t'));
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows.slice(i, i + 500);
      await qr.query(`INSERT INTO icd10_codes (code, name, category, chapter, py) VALUES ${chunk.map(() => '(?, ?, ?, ?, ?)').join(', ')}`, chunk.flatMap(([code, name, chapter, py]) => [code, name, code.slice(0, 3), chapter, py]));
    }
    await qr.createTable(
      new Table({
        name: 'encounters',
        columns: [
          col.id(),
          col.clinicId(),
          col.ref('patient_id'),
          col.ref('doctor_id'),
          col.str('doctor_name', 50),
          col.ref('department_id', true),
          col.ref('appointment_id', true),
          col.str('status', 10),
          col.time('called_at', true),
          col.time('started_at'),
          col.time('finished_at', true),
        ],
        // One encounter per appointment: a second "open" of the same call finds the first.
        uniques: [new TableUnique({ name: 'uq_encounter_appointment', columnNames: ['appointment_id'] })],
        indices: [
          new TableIndex({ name: 'idx_encounter_patient', columnNames: ['clinic_id', 'patient_id', 'started_at'] }),
          new TableIndex({ name: 'idx_encounter_doctor', columnNames: ['doctor_id', 'status', 'started_at'] }),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'emr_versions',
        columns: [
          col.id(),
          col.ref('encounter_id'),
          col.int('version'),
          col.text('content'),
          col.str('status', 10),
          col.str('author_id', 36),
          col.str('signed_by', 36, true),
          col.str('signed_by_name', 50, true),
          col.time('signed_at', true),
          col.str('amendment_reason', 200, true),
          col.time('updated_at'),
        ],
        uniques: [new TableUnique({ name: 'uq_emr_version', columnNames: ['encounter_id', 'version'] })],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'encounter_diagnoses',
        columns: [col.id(), col.clinicId(), col.ref('encounter_id'), col.str('code', 16), col.str('name', 200), col.bool('is_primary'), col.time('diagnosed_at')],
        indices: [
          new TableIndex({ name: 'idx_diagnosis_code', columnNames: ['clinic_id', 'code', 'diagnosed_at'] }),
          new TableIndex({ name: 'idx_diagnosis_encounter', columnNames: ['encounter_id'] }),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'emr_templates',
        columns: [col.id(), col.clinicId(), col.str('name', 50), col.str('scope', 12), col.ref('department_id', true), col.str('owner_id', 36), col.text('content'), col.time('created_at')],
        indices: [new TableIndex({ name: 'idx_template_scope', columnNames: ['clinic_id', 'scope', 'department_id'] })],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const t of ['emr_templates', 'encounter_diagnoses', 'emr_versions', 'encounters', 'icd10_codes']) await qr.dropTable(t);
  }
}
