import { col } from '@clinic/platform';
import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Billing's refunds of undispensed units, one row each: a retried refund releases once. */
export class RefundReleases1764806400000 implements MigrationInterface {
  name = 'RefundReleases1764806400000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.createTable(new Table({ name: 'refund_releases', columns: [col.id('refund_id'), col.clinicId(), col.ref('prescription_id'), col.time('created_at')] }));
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('refund_releases');
  }
}
