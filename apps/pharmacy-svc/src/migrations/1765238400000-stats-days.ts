import { createDaySummaryTables, dropDaySummaryTables } from '@clinic/platform';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Statistics summary by clinic day (issue 8): a year's drug usage ranking adds up a few thousand rows instead of
 * every dispensed line. The rows are built from the orders and returns when a period is first read (UsageDays), so
 * nothing is backfilled here.
 */
export class StatsDays1765238400000 implements MigrationInterface {
  name = 'StatsDays1765238400000';

  async up(qr: QueryRunner): Promise<void> {
    await createDaySummaryTables(qr);
  }

  async down(qr: QueryRunner): Promise<void> {
    await dropDaySummaryTables(qr);
  }
}
