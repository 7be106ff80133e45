import { col, createMessagingTables, dropMessagingTables } from '@clinic/platform';
import { Table, TableIndex, TableUnique, type MigrationInterface, type QueryRunner } from 'typeorm';

export class Initial1764115200000 implements MigrationInterface {
  name = 'Initial1764115200000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.createTable(
      new Table({
        name: 'drugs',
        columns: [
          col.id(),
          col.clinicId(),
          col.str('name', 100),
          col.str('generic_name', 100, true),
          col.str('spec', 100),
          col.str('unit', 10),
          col.int('price_fen'),
          col.int('reorder_level'),
          col.str('barcode', 32, true),
          col.bool('is_prescription'),
          col.time('created_at'),
        ],
        uniques: [
          new TableUnique({ name: 'uq_drug_name_spec', columnNames: ['clinic_id', 'name', 'spec'] }),
          new TableUnique({ name: 'uq_drug_barcode', columnNames: ['clinic_id', 'barcode'] }),
        ],
        checks: [{ name: 'chk_drug_price', expression: 'price_fen >= 0' }],
      }),
    );
    await qr.createIndex('drugs', new TableIndex({ name: 'idx_drug_generic', columnNames: ['clinic_id', 'generic_name'] }));
    await createMessagingTables(qr);
  }

  async down(qr: QueryRunner): Promise<void> {
    await dropMessagingTables(qr);
    await qr.dropTable('drugs');
  }
}
