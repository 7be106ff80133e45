import { col, createMessagingTables, dropMessagingTables } from '@clinic/platform';
import { Table, TableUnique, type MigrationInterface, type QueryRunner } from 'typeorm';

export class Initial1764115200000 implements MigrationInterface {
  name = 'Initial1764115200000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.createTable(
      new Table({
        name: 'fee_items',
        columns: [col.id(), col.clinicId(), col.str('name', 50), col.int('price_fen'), col.str('category', 20), col.time('created_at')],
        uniques: [new TableUnique({ name: 'uq_fee_item_name', columnNames: ['clinic_id', 'name'] })],
        checks: [{ name: 'chk_fee_item_price', expression: 'price_fen >= 0' }],
      }),
    );
    await qr.createTable(new Table({ name: 'department_refs', columns: [col.id('department_id'), col.clinicId(), col.str('name', 50)] }));
    await createMessagingTables(qr);
  }

  async down(qr: QueryRunner): Promise<void> {
    await dropMessagingTables(qr);
    await qr.dropTable('department_refs');
    await qr.dropTable('fee_items');
  }
}
