import { createDaySummaryTables, dropDaySummaryTables } from '@clinic/platform';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Statistics summary by clinic day (issue 8): a year of the dashboard adds up a few thousand rows instead of every
 * visit. The rows are built from the visits when a period is first read (StatsDays), so nothing is backfilled here.
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
