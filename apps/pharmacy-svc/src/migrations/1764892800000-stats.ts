import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Indexes for the owner's statistics over years of data (issue 8): the usage ranking reads dispensed orders by
 * dispensing time and return lines by time, both as GROUP BY on indexes that hold every column they need; the
 * stock value reads a clinic's active batches; reorder suggestions find each drug's last stock-in line.
 */
const INDEXES: [string, TableIndex][] = [
  ['pharmacy_orders', new TableIndex({ name: 'idx_order_dispensed', columnNames: ['clinic_id', 'status', 'dispensed_at'] })],
  ['pharmacy_order_lines', new TableIndex({ name: 'idx_order_line_use', columnNames: ['prescription_id', 'drug_id', 'quantity', 'amount_fen'] })],
  ['drug_return_lines', new TableIndex({ name: 'idx_return_line_use', columnNames: ['clinic_id', 'created_at', 'drug_id', 'quantity', 'amount_fen'] })],
  ['stock_in_lines', new TableIndex({ name: 'idx_stock_in_line_drug', columnNames: ['drug_id', 'stock_in_id'] })],
  ['batches', new TableIndex({ name: 'idx_batch_clinic', columnNames: ['clinic_id', 'status', 'expiry_date'] })],
];

export class Stats1764892800000 implements MigrationInterface {
  name = 'Stats1764892800000';

  async up(qr: QueryRunner): Promise<void> {
    for (const [table, index] of INDEXES) await qr.createIndex(table, index);
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const [table, index] of [...INDEXES].reverse()) await qr.dropIndex(table, index.name!);
  }
}
