import { Injectable } from '@nestjs/common';
import { Config, DaySummary, Tx, type DaySpan } from '@clinic/platform';
import { DataSource, type EntityManager } from 'typeorm';

/**
 * The money figures the revenue report and the statistics add up, each counted per clinic day:
 * - method:     journal rows by kind (dim1: PAYMENT / REFUND / REVERSAL) and payment method (dim2);
 * - department: journal rows by kind and department ('' for none);
 * - doctor:     journal rows by kind and doctor ('' for none);
 * - paid:       bills that became paid that day (paid_at on the clinic's clock); amount = their totals.
 * Journal rows count n = rows and amount = their signed sum in fen, on their business day (already a clinic date).
 */
export const MONEY_METRICS = ['method', 'department', 'doctor', 'paid'] as const;
export type MoneyMetric = (typeof MONEY_METRICS)[number];

/** The journal metric that answers each way of grouping it; by day is the method figure kept by day. */
export const JOURNAL_METRIC = { day: 'method', method: 'method', department: 'department', doctor: 'doctor' } as const satisfies Record<string, MoneyMetric>;

/**
 * Billing's day summary (see DaySummary in libs/platform). Every journal row is written by BusinessDays.record,
 * which touches its business day; every change of a bill's paid_at or total touches the days it is counted on.
 */
@Injectable()
export class MoneyDays extends DaySummary<MoneyMetric> {
  constructor(ds: DataSource, tx: Tx, config: Config) {
    super(ds, tx, config, MONEY_METRICS);
  }

  protected readonly clinicsSql = 'SELECT DISTINCT clinic_id FROM bills';

  /**
   * A bill's paid_at or total changed: the clinic days it was counted on (`before`) and is counted on now (`after`)
   * among the bills paid are stale. Nothing for a bill never paid, nor for today.
   */
  async billMoved(m: EntityManager, clinicId: string, before: Date | null, after: Date | null): Promise<void> {
    if (before) await this.touch(m, clinicId, before);
    if (after && after.getTime() !== before?.getTime()) await this.touch(m, clinicId, after);
  }

  protected source(metric: MoneyMetric, r: DaySpan): [string, unknown[]] {
    if (metric === 'paid') {
      const wall = this.wallHour('b.paid_at', r);
      return [
        `SELECT SUBSTR(t.w, 1, 10) AS day, '' AS dim1, '' AS dim2, COUNT(*) AS n, SUM(t.fen) AS amount
         FROM (SELECT ${wall} AS w, b.total_fen AS fen FROM bills b WHERE b.clinic_id = ? AND b.paid_at >= ? AND b.paid_at < ?) t GROUP BY SUBSTR(t.w, 1, 10)`,
        this.instants(r),
      ];
    }
    const key = { method: 'e.method', department: "COALESCE(e.department_id, '')", doctor: "COALESCE(e.doctor_id, '')" }[metric];
    // business_date is the clinic day the money was booked to: no time-zone arithmetic, and idx_money_entry_stats covers it.
    return [
      `SELECT e.business_date AS day, e.kind AS dim1, ${key} AS dim2, COUNT(*) AS n, SUM(e.amount_fen) AS amount
       FROM money_entries e WHERE e.clinic_id = ? AND e.business_date >= ? AND e.business_date <= ? GROUP BY e.business_date, e.kind, ${key}`,
      [r.clinicId, r.from, r.to],
    ];
  }
}
