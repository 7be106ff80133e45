import { createAuditTables, dropAuditTables } from '@clinic/platform';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Billing's own audit chain: every read and write of a bill, payment or refund (ARCHITECTURE, Security). */
export class Audit1765152000000 implements MigrationInterface {
  name = 'Audit1765152000000';

  async up(qr: QueryRunner): Promise<void> {
    await createAuditTables(qr);
  }

  async down(qr: QueryRunner): Promise<void> {
    await dropAuditTables(qr);
  }
}
