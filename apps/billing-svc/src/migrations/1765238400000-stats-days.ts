import { createDaySummaryTables, dropDaySummaryTables } from '@clinic/platform';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Money statistics by clinic day (issue 8): a year of revenue adds up a few thousand rows instead of every journal
 * row and bill. The rows are built from the journal and the bills when a period is first read (MoneyDays), so
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
