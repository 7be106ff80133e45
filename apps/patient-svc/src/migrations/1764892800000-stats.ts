import { col } from '@clinic/platform';
import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Statistics (issue 8): covering indexes for the owner's figures, each encounter's first-visit date per patient, and
 * the encounter's start copied onto its diagnoses, so that a year of figures is read from indexes alone.
 */
export class Stats1764892800000 implements MigrationInterface {
  name = 'Stats1764892800000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.createTable(
      new Table({
        name: 'patient_first_visits',
        columns: [{ ...col.ref('patient_id'), isPrimary: true }, col.clinicId(), col.time('first_started_at')],
        indices: [new TableIndex({ name: 'idx_first_visit_clinic', columnNames: ['clinic_id', 'first_started_at'] })],
      }),
    );
    await qr.query('INSERT INTO patient_first_visits (patient_id, clinic_id, first_started_at) SELECT patient_id, MIN(clinic_id), MIN(started_at) FROM encounters GROUP BY patient_id');

    // Diagnoses are counted by their visit's start, not by when the record was (re)signed.
    await qr.addColumn('encounter_diagnoses', new TableColumn(col.time('encounter_started_at', true)));
    await qr.query('UPDATE encounter_diagnoses SET encounter_started_at = (SELECT e.started_at FROM encounters e WHERE e.id = encounter_diagnoses.encounter_id)');

    await qr.createIndex('encounter_diagnoses', new TableIndex({ name: 'idx_diagnosis_stats', columnNames: ['clinic_id', 'encounter_started_at', 'code'] }));
    // Covering: visits by hour, department, doctor, patient, walk-in and consultation length come from the index alone.
    await qr.createIndex(
      'encounters',
      new TableIndex({ name: 'idx_encounter_stats', columnNames: ['clinic_id', 'started_at', 'patient_id', 'doctor_id', 'department_id', 'appointment_id', 'finished_at'] }),
    );
    await qr.createIndex('appointments', new TableIndex({ name: 'idx_appointment_stats', columnNames: ['clinic_id', 'day', 'status', 'walk_in', 'account_id', 'checked_in_at', 'called_at'] }));
    await qr.createIndex('prescriptions', new TableIndex({ name: 'idx_prescription_stats', columnNames: ['clinic_id', 'signed_at', 'status', 'total_fen'] }));
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropIndex('prescriptions', 'idx_prescription_stats');
    await qr.dropIndex('appointments', 'idx_appointment_stats');
    await qr.dropIndex('encounters', 'idx_encounter_stats');
    await qr.dropIndex('encounter_diagnoses', 'idx_diagnosis_stats');
    await qr.dropColumn('encounter_diagnoses', 'encounter_started_at');
    await qr.dropTable('patient_first_visits');
  }
}
