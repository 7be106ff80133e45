import { dropChecks, ensureChecks, type CheckSpec } from '@clinic/platform';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The CHECKs earlier migrations declared, which TypeORM left out on MySQL/MariaDB (SQLite has them already). */
const CHECKS: CheckSpec[] = [
  { table: 'accounts', name: 'chk_account_family_size', expression: 'patient_count >= 0 AND patient_count <= 10' },
  { table: 'registration_fees', name: 'chk_registration_fee', expression: 'fee_fen >= 0' },
  { table: 'shifts', name: 'chk_shift_counts', expression: 'booked >= 0 AND overbooked >= 0 AND capacity > 0' },
  { table: 'shift_slots', name: 'chk_slot_counts', expression: 'booked >= 0 AND capacity > 0' },
  { table: 'patient_day_bookings', name: 'chk_day_bookings', expression: 'active >= 0' },
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
