import { col } from '@clinic/platform';
import { Table, TableColumn, TableIndex, TableUnique, type MigrationInterface, type QueryRunner } from 'typeorm';

const APPEND_ONLY = 'audit_log is append-only';

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

    await qr.createTable(
      new Table({
        name: 'audit_log',
        columns: [
          { ...col.int('seq'), isPrimary: true },
          col.clinicId(),
          col.time('at'),
          col.str('actor_id', 64),
          col.str('actor_kind', 10),
          col.str('roles', 200),
          col.str('action', 30),
          col.ref('patient_id', true),
          col.str('outcome', 10),
          col.str('request_id', 64),
          col.str('client_ip', 64, true),
          col.str('prev_hash', 64),
          col.str('hash', 64),
        ],
      }),
    );
    await qr.createIndex('audit_log', new TableIndex({ name: 'idx_audit_patient', columnNames: ['patient_id', 'seq'] }));
    await qr.createIndex('audit_log', new TableIndex({ name: 'idx_audit_actor', columnNames: ['actor_id', 'seq'] }));
    await qr.createIndex('audit_log', new TableIndex({ name: 'idx_audit_at', columnNames: ['at'] }));
    // One row: the end of the chain. Updating it first makes writers of the log take turns.
    await qr.createTable(new Table({ name: 'audit_head', columns: [{ ...col.int('id'), isPrimary: true }, col.int('seq'), col.str('hash', 64)] }));
    await qr.query(`INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '${'0'.repeat(64)}')`);

    // The database, not only the application, refuses to change or remove an audit row.
    if (qr.connection.options.type === 'better-sqlite3') {
      for (const op of ['UPDATE', 'DELETE']) {
        await qr.query(`CREATE TRIGGER audit_log_no_${op.toLowerCase()} BEFORE ${op} ON audit_log BEGIN SELECT RAISE(ABORT, '${APPEND_ONLY}'); END`);
      }
    } else {
      for (const op of ['UPDATE', 'DELETE']) {
        await qr.query(`CREATE TRIGGER audit_log_no_${op.toLowerCase()} BEFORE ${op} ON audit_log FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = '${APPEND_ONLY}'`);
      }
    }
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const op of ['update', 'delete']) await qr.query(`DROP TRIGGER IF EXISTS audit_log_no_${op}`);
    await qr.dropTable('audit_head');
    await qr.dropTable('audit_log');
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
