import { col } from '@clinic/platform';
import { Table, TableIndex, TableUnique, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Prescriptions and their lines (处方). */
export class Prescriptions1764547200000 implements MigrationInterface {
  name = 'Prescriptions1764547200000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.createTable(
      new Table({
        name: 'prescriptions',
        columns: [
          col.id(),
          col.clinicId(),
          col.ref('encounter_id'),
          col.ref('patient_id'),
          col.ref('doctor_id'),
          col.str('kind', 10),
          col.str('status', 10),
          col.str('over_limit_reason', 200, true),
          col.str('allergy_override_reason', 200, true),
          col.time('valid_until', true),
          col.time('signed_at', true),
          col.time('cancelled_at', true),
          col.int('total_fen', true),
          col.time('created_at'),
        ],
        indices: [
          new TableIndex({ name: 'idx_prescription_encounter', columnNames: ['encounter_id'] }),
          new TableIndex({ name: 'idx_prescription_patient', columnNames: ['clinic_id', 'patient_id', 'created_at'] }),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'prescription_lines',
        columns: [
          col.id(),
          col.ref('prescription_id'),
          col.int('line_no'),
          col.ref('drug_id'),
          col.str('drug_name', 100),
          col.str('spec', 100),
          col.str('unit', 10),
          col.str('control_class', 16),
          col.str('dosage', 30),
          col.str('frequency', 10),
          col.str('route', 20),
          col.int('days'),
          col.int('quantity'),
          col.int('unit_price_fen', true),
          col.int('amount_fen', true),
        ],
        uniques: [new TableUnique({ name: 'uq_prescription_line', columnNames: ['prescription_id', 'line_no'] })],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('prescription_lines');
    await qr.dropTable('prescriptions');
  }
}
