import { col, createAuditTables, dropAuditTables } from '@clinic/platform';
import { Table, TableColumn, TableIndex, TableUnique, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Staff details and lockout, WeChat accounts and their families, richer patient records, the audit chain. */
export class Identity1764201600000 implements MigrationInterface {
  name = 'Identity1764201600000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.addColumns('staff_users', [
      new TableColumn(col.str('specialty', 100, true)),
      new TableColumn(col.text('introduction', true)),
      new TableColumn(col.time('locked_until', true)),
    ]);
    await qr.createTable(new Table({ name: 'login_failures', columns: [col.id(), col.ref('user_id'), col.time('at')] }));
    await qr.createIndex('login_failures', new TableIndex({ name: 'idx_login_failures_user', columnNames: ['user_id', 'at'] }));
    await qr.addColumn('refresh_tokens', new TableColumn({ ...col.str('subject_kind', 10), default: "'staff'" }));

    await qr.createTable(
      new Table({
        name: 'accounts',
        columns: [
          col.id(),
          col.clinicId(),
          col.str('openid', 64, true),
          col.str('unionid', 64, true),
          col.str('session_key_enc', 200, true),
          col.int('patient_count'),
          col.str('privacy_version', 20, true),
          col.time('privacy_consented_at', true),
          col.str('status', 10),
          col.time('created_at'),
          col.time('closed_at', true),
        ],
        uniques: [new TableUnique({ name: 'uq_account_openid', columnNames: ['openid'] })],
        checks: [{ name: 'chk_account_family_size', expression: 'patient_count >= 0 AND patient_count <= 10' }],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'account_patients',
        columns: [{ ...col.ref('account_id'), isPrimary: true }, { ...col.ref('patient_id'), isPrimary: true }, col.str('relationship', 20), col.time('created_at')],
      }),
    );
    await qr.createIndex('account_patients', new TableIndex({ name: 'idx_account_patients_patient', columnNames: ['patient_id'] }));

    await qr.addColumns('patients', [
      new TableColumn(col.str('address', 200, true)),
      new TableColumn(col.str('emergency_contact_name', 50, true)),
      new TableColumn(col.str('emergency_contact_phone_enc', 200, true)),
      new TableColumn(col.text('allergy_classes', true)),
      new TableColumn(col.str('allergy_note', 500, true)),
      new TableColumn(col.text('chronic_conditions', true)),
      new TableColumn(col.time('updated_at', true)),
    ]);

    await createAuditTables(qr);
  }

  async down(qr: QueryRunner): Promise<void> {
    await dropAuditTables(qr);
    for (const c of ['updated_at', 'chronic_conditions', 'allergy_note', 'allergy_classes', 'emergency_contact_phone_enc', 'emergency_contact_name', 'address']) {
      await qr.dropColumn('patients', c);
    }
    await qr.dropTable('account_patients');
    await qr.dropTable('accounts');
    await qr.dropColumn('refresh_tokens', 'subject_kind');
    await qr.dropTable('login_failures');
    for (const c of ['locked_until', 'introduction', 'specialty']) await qr.dropColumn('staff_users', c);
  }
}
