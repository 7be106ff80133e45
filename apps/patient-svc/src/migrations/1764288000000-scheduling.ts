import { DEFAULT_CLINIC_ID } from '@clinic/contracts';
import { col } from '@clinic/platform';
import { Table, TableColumn, TableIndex, TableUnique, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Weekly templates, shifts (出诊), appointments, per-day booking counts and registration fees by title. */
export class Scheduling1764288000000 implements MigrationInterface {
  name = 'Scheduling1764288000000';

  async up(qr: QueryRunner): Promise<void> {
    // Nullable (null = no) so existing departments need no default, which SQLite and MySQL would spell differently.
    await qr.addColumn('departments', new TableColumn({ ...col.bool('prepaid_registration'), isNullable: true }));
    await qr.createTable(
      new Table({
        name: 'registration_fees',
        columns: [{ ...col.clinicId(), isPrimary: true }, { ...col.str('title', 20), isPrimary: true }, col.int('fee_fen')],
        checks: [{ name: 'chk_registration_fee', expression: 'fee_fen >= 0' }],
      }),
    );
    // Defaults a clinic can change: 主任医师 ¥50, 副主任医师 ¥30, 主治医师 ¥15, 住院医师 (and no title) ¥10.
    for (const [title, fee] of [['主任医师', 5000], ['副主任医师', 3000], ['主治医师', 1500], ['住院医师', 1000], ['', 1000]] as const) {
      await qr.query('INSERT INTO registration_fees (clinic_id, title, fee_fen) VALUES (?, ?, ?)', [DEFAULT_CLINIC_ID, title, fee]);
    }
    await qr.createTable(
      new Table({
        name: 'schedule_templates',
        columns: [
          col.id(),
          col.clinicId(),
          col.ref('doctor_id'),
          col.int('weekday'),
          col.str('period', 10),
          col.str('start_time', 5),
          col.str('end_time', 5),
          col.int('capacity'),
          col.int('registration_fee_fen', true),
          col.int('slot_minutes', true),
          col.int('slot_capacity', true),
          col.time('created_at'),
        ],
        uniques: [new TableUnique({ name: 'uq_template_doctor_slot', columnNames: ['doctor_id', 'weekday', 'period'] })],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'shifts',
        columns: [
          col.id(),
          col.clinicId(),
          col.ref('doctor_id'),
          col.ref('department_id', true),
          col.date('date'),
          col.str('period', 10),
          col.str('start_time', 5),
          col.str('end_time', 5),
          col.int('capacity'),
          col.int('booked'),
          col.int('overbooked'),
          col.int('registration_fee_fen'),
          col.str('status', 10),
          col.str('cancel_reason', 200, true),
          col.int('numbers_issued'),
          col.int('rank_seq'),
          col.time('created_at'),
        ],
        uniques: [new TableUnique({ name: 'uq_shift_doctor_period', columnNames: ['doctor_id', 'date', 'period'] })],
        checks: [{ name: 'chk_shift_counts', expression: 'booked >= 0 AND overbooked >= 0 AND capacity > 0' }],
      }),
    );
    await qr.createIndex('shifts', new TableIndex({ name: 'idx_shift_clinic_date', columnNames: ['clinic_id', 'date'] }));
    await qr.createTable(
      new Table({
        name: 'shift_slots',
        columns: [col.id(), col.ref('shift_id'), col.str('start_time', 5), col.str('end_time', 5), col.int('capacity'), col.int('booked')],
        uniques: [new TableUnique({ name: 'uq_slot_start', columnNames: ['shift_id', 'start_time'] })],
        checks: [{ name: 'chk_slot_counts', expression: 'booked >= 0 AND capacity > 0' }],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'appointments',
        columns: [
          col.id(),
          col.clinicId(),
          col.ref('shift_id'),
          col.ref('patient_id'),
          col.ref('account_id', true),
          col.ref('doctor_id'),
          col.ref('slot_id', true),
          col.date('day'),
          col.str('status', 20),
          // The shift id while the appointment holds a place, NULL after: unique with the patient, it allows
          // one active appointment per patient and shift, and any number of cancelled ones.
          col.ref('active_key', true),
          col.int('fee_fen'),
          col.bool('overbooked'),
          col.str('overbook_reason', 200, true),
          col.int('queue_no', true),
          col.int('queue_rank', true),
          col.bool('walk_in'),
          col.time('checked_in_at', true),
          col.time('called_at', true),
          col.time('completed_at', true),
          col.time('hold_until', true),
          col.str('cancel_reason', 200, true),
          col.str('created_by', 64),
          col.time('created_at'),
          col.time('cancelled_at', true),
        ],
        uniques: [
          new TableUnique({ name: 'uq_appointment_active', columnNames: ['patient_id', 'active_key'] }),
          new TableUnique({ name: 'uq_appointment_queue_no', columnNames: ['shift_id', 'queue_no'] }),
        ],
      }),
    );
    await qr.createIndex('appointments', new TableIndex({ name: 'idx_appointment_shift', columnNames: ['shift_id', 'status'] }));
    await qr.createIndex('appointments', new TableIndex({ name: 'idx_appointment_day', columnNames: ['clinic_id', 'day'] }));
    await qr.createTable(
      new Table({
        name: 'notifications',
        columns: [col.id(), col.clinicId(), col.ref('account_id'), col.ref('patient_id', true), col.str('kind', 40), col.str('title', 100), col.str('body', 500), col.time('created_at'), col.time('read_at', true)],
      }),
    );
    await qr.createIndex('notifications', new TableIndex({ name: 'idx_notifications_account', columnNames: ['account_id', 'created_at'] }));
    await qr.createTable(
      new Table({
        name: 'patient_day_bookings',
        columns: [{ ...col.ref('patient_id'), isPrimary: true }, { ...col.date('day'), isPrimary: true }, col.int('active')],
        checks: [{ name: 'chk_day_bookings', expression: 'active >= 0' }],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const t of ['notifications', 'patient_day_bookings', 'appointments', 'shift_slots', 'shifts', 'schedule_templates', 'registration_fees']) await qr.dropTable(t);
    await qr.dropColumn('departments', 'prepaid_registration');
  }
}
