import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Indexes for the owner's statistics over years of data (issue 8). The journal's figures by day, method,
 * department and doctor are GROUP BYs over a range of business days: this index holds every column they read, so
 * a year of a chain's entries is summed from the index alone. The average bill reads bills paid in the period.
 */
const INDEXES: [string, TableIndex][] = [
  ['money_entries', new TableIndex({ name: 'idx_money_entry_stats', columnNames: ['clinic_id', 'business_date', 'kind', 'method', 'amount_fen', 'department_id', 'doctor_id'] })],
  ['bills', new TableIndex({ name: 'idx_bill_paid_total', columnNames: ['clinic_id', 'paid_at', 'total_fen'] })],
];

export class Stats1765065600000 implements MigrationInterface {
  name = 'Stats1765065600000';

  async up(qr: QueryRunner): Promise<void> {
    for (const [table, index] of INDEXES) await qr.createIndex(table, index);
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const [table, index] of [...INDEXES].reverse()) await qr.dropIndex(table, index.name!);
  }
}
