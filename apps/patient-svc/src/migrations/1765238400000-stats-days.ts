import { col } from '@clinic/platform';
import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Statistics summary by clinic day (issue 8): a year of the dashboard adds up a few thousand rows instead of every
 * visit. The rows are built from the visits when a period is first read (StatsDays), so nothing is backfilled here.
 */
export class StatsDays1765238400000 implements MigrationInterface {
  name = 'StatsDays1765238400000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.createTable(
      new Table({
        name: 'stats_days',
        columns: [{ ...col.clinicId(), isPrimary: true }, { ...col.date('day'), isPrimary: true }, col.int('version'), col.int('built_version', true), col.str('zone', 64, true)],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'stats_day_counts',
        columns: [
          { ...col.clinicId(), isPrimary: true },
          { ...col.str('metric', 12), isPrimary: true },
          { ...col.date('day'), isPrimary: true },
          { ...col.str('dim1', 40), isPrimary: true },
          { ...col.str('dim2', 40), isPrimary: true },
          col.int('n'),
          col.int('amount'),
        ],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('stats_day_counts');
    await qr.dropTable('stats_days');
  }
}
