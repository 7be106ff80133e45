import { dropChecks, ensureChecks, type CheckSpec } from '@clinic/platform';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The CHECKs earlier migrations declared, which TypeORM left out on MySQL/MariaDB (SQLite has them already). */
const CHECKS: CheckSpec[] = [
  { table: 'fee_items', name: 'chk_fee_item_price', expression: 'price_fen >= 0' },
  { table: 'bills', name: 'chk_bill_amounts', expression: 'total_fen >= 0 AND paid_fen >= 0 AND paid_fen <= total_fen' },
  { table: 'bill_lines', name: 'chk_bill_line', expression: 'quantity > 0 AND amount_fen = unit_price_fen * quantity' },
  { table: 'payments', name: 'chk_payment_amount', expression: 'amount_fen > 0' },
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
