import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One clinic day of the statistics summary (see DaySummary). `version` counts the writes to the day's rows after the
 * day was over; the summary rows are current while `builtVersion` equals it and they were bucketed in `zone`.
 */
@Entity('stats_days')
export class StatsDay {
  @PrimaryColumn({ name: 'clinic_id', type: 'varchar', length: 36 })
  clinicId: string;

  @PrimaryColumn({ type: 'date' })
  day: string;

  @Column({ type: 'integer' })
  version: number;

  @Column({ name: 'built_version', type: 'integer', nullable: true })
  builtVersion: number | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  zone: string | null;
}

/** A count (and a sum) of one figure for one clinic day, by up to two keys: what a period's statistics add up. */
@Entity('stats_day_counts')
export class StatsDayCount {
  @PrimaryColumn({ name: 'clinic_id', type: 'varchar', length: 36 })
  clinicId: string;

  @PrimaryColumn({ type: 'varchar', length: 12 })
  metric: string;

  @PrimaryColumn({ type: 'date' })
  day: string;

  @PrimaryColumn({ type: 'varchar', length: 40 })
  dim1: string;

  @PrimaryColumn({ type: 'varchar', length: 40 })
  dim2: string;

  @Column({ type: 'integer' })
  n: number;

  @Column({ type: 'integer' })
  amount: number;
}
