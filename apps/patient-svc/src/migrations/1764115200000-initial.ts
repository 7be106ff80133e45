import { col, createMessagingTables, dropMessagingTables } from '@clinic/platform';
import { Table, TableIndex, TableUnique, type MigrationInterface, type QueryRunner } from 'typeorm';

export class Initial1764115200000 implements MigrationInterface {
  name = 'Initial1764115200000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.createTable(
      new Table({
        name: 'staff_users',
        columns: [
          col.id(),
          col.clinicId(),
          col.str('username', 64),
          col.str('password_hash', 200),
          col.str('name', 50),
          col.text('roles'),
          col.ref('department_id', true),
          col.str('title', 20, true),
          col.str('status', 10),
          col.time('created_at'),
        ],
        uniques: [new TableUnique({ name: 'uq_staff_username', columnNames: ['username'] })],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'refresh_tokens',
        columns: [
          col.id(),
          col.ref('family_id'),
          col.ref('user_id'),
          col.str('token_hash', 64),
          col.time('expires_at'),
          col.time('used_at', true),
          col.time('revoked_at', true),
          col.time('created_at'),
        ],
        uniques: [new TableUnique({ name: 'uq_refresh_token_hash', columnNames: ['token_hash'] })],
      }),
    );
    await qr.createIndex('refresh_tokens', new TableIndex({ name: 'idx_refresh_family', columnNames: ['family_id'] }));
    await qr.createTable(
      new Table({
        name: 'departments',
        columns: [col.id(), col.clinicId(), col.str('name', 50), col.str('description', 500, true), col.time('created_at')],
        uniques: [new TableUnique({ name: 'uq_department_name', columnNames: ['clinic_id', 'name'] })],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'patients',
        columns: [
          col.id(),
          col.clinicId(),
          col.str('medical_record_no', 20),
          col.str('name', 50),
          col.str('gender', 1),
          col.date('birth_date'),
          col.str('phone_enc', 200),
          col.str('phone_hash', 64),
          col.str('id_card_enc', 200, true),
          col.str('id_card_hash', 64, true),
          col.str('relationship', 20, true),
          col.ref('created_by'),
          col.time('created_at'),
        ],
        uniques: [
          new TableUnique({ name: 'uq_patient_mrn', columnNames: ['medical_record_no'] }),
          new TableUnique({ name: 'uq_patient_id_card', columnNames: ['clinic_id', 'id_card_hash'] }),
        ],
      }),
    );
    await qr.createIndex('patients', new TableIndex({ name: 'idx_patient_phone', columnNames: ['clinic_id', 'phone_hash'] }));
    await qr.createIndex('patients', new TableIndex({ name: 'idx_patient_name', columnNames: ['clinic_id', 'name'] }));
    await qr.createTable(new Table({ name: 'sequences', columns: [{ ...col.str('name', 50), isPrimary: true }, col.int('next_value')] }));
    await qr.query(`INSERT INTO sequences (name, next_value) VALUES ('medical_record_no', 1)`);
    await createMessagingTables(qr);
  }

  async down(qr: QueryRunner): Promise<void> {
    await dropMessagingTables(qr);
    for (const table of ['sequences', 'patients', 'departments', 'refresh_tokens', 'staff_users']) await qr.dropTable(table);
  }
}
