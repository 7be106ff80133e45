import { col } from '@clinic/platform';
import { Table, TableIndex, TableUnique, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Reminders to patients (follow-up, medication, appointment) and each account's opt-outs. */
export class Reminders1764633600000 implements MigrationInterface {
  name = 'Reminders1764633600000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.createTable(
      new Table({
        name: 'reminders',
        columns: [
          col.id(),
          col.clinicId(),
          col.ref('account_id'),
          col.ref('patient_id'),
          col.str('kind', 12),
          col.ref('source_id'),
          col.str('title', 100),
          col.str('body', 500),
          col.time('due_at'),
          col.str('status', 10),
          col.time('claimed_at', true),
          col.time('sent_at', true),
          col.int('attempts'),
          col.time('created_at'),
        ],
        // The same reminder is made once, however often its cause is handled.
        uniques: [new TableUnique({ name: 'uq_reminder', columnNames: ['account_id', 'kind', 'source_id', 'due_at'] })],
        indices: [
          new TableIndex({ name: 'idx_reminder_due', columnNames: ['status', 'due_at'] }),
          new TableIndex({ name: 'idx_reminder_account', columnNames: ['account_id', 'due_at'] }),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'reminder_settings',
        columns: [{ ...col.ref('account_id'), isPrimary: true }, { ...col.bool('follow_up'), isNullable: true }, { ...col.bool('medication'), isNullable: true }, { ...col.bool('appointment'), isNullable: true }],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('reminder_settings');
    await qr.dropTable('reminders');
  }
}
