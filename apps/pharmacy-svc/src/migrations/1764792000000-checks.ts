import { dropChecks, ensureChecks, type CheckSpec } from '@clinic/platform';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The CHECKs earlier migrations declared, which TypeORM left out on MySQL/MariaDB (SQLite has them already). */
const CHECKS: CheckSpec[] = [
  { table: 'drugs', name: 'chk_drug_price', expression: 'price_fen >= 0' },
  { table: 'batches', name: 'chk_batch_quantity', expression: 'quantity >= 0' },
  { table: 'batches', name: 'chk_batch_reserved', expression: 'reserved >= 0 AND reserved <= quantity' },
  { table: 'stock_ledger', name: 'chk_ledger_balance', expression: 'balance_after >= 0 AND reserved_after >= 0' },
  { table: 'pharmacy_order_lines', name: 'chk_line_returned', expression: 'returned_quantity >= 0 AND returned_quantity <= quantity' },
  { table: 'line_allocations', name: 'chk_allocation', expression: 'reserved >= 0 AND dispensed >= 0 AND returned >= 0 AND returned <= dispensed' },
];

export class Checks1764792000000 implements MigrationInterface {
  name = 'Checks1764792000000';

  async up(qr: QueryRunner): Promise<void> {
    await ensureChecks(qr, CHECKS);
  }

  async down(qr: QueryRunner): Promise<void> {
    await dropChecks(qr, CHECKS);
  }
}
