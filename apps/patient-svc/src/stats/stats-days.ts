import { Injectable } from '@nestjs/common';
import { addDays, clinicDayStart, clinicNow, Config, sqlTime, Tx } from '@clinic/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { offsetPieces, whole } from './stats-math';

/**
 * The figures the statistics add up, each counted per clinic day by up to two keys (dim1, dim2):
 * - hour:    visits (encounters started) by hour of the day;
 * - doctor:  visits by department ('' for none) and doctor; amount = those opened without an appointment;
 * - consult: finished visits by whole minutes from start to finish;
 * - dx:      diagnoses of the visits started that day, by ICD-10 code;
 * - rx:      prescriptions signed that day (still SIGNED); amount = their value in fen;
 * - appt:    appointments of that day by status and channel (WALK_IN / DESK / WECHAT);
 * - wait:    appointments of that day called after check-in, by whole minutes waited.
 */
export const METRICS = ['hour', 'doctor', 'consult', 'dx', 'rx', 'appt', 'wait'] as const;
export type Metric = (typeof METRICS)[number];

/** One group of a figure: `day` is '' when the rows of a period were summed over its days. */
export interface DayRow {
  day: string;
  dim1: string;
  dim2: string;
  n: number;
  amount: number;
}

interface Range {
  clinicId: string;
  from: string;
  to: string;
}

/** Days built in one transaction: a quarter's visits is a few statements over one index range. */
const MAX_RUN = 92;

/**
 * The statistics summary (issue 8): a day's figures are computed from the visits once the day is over, kept in
 * stats_day_counts, and a period adds them up, so a year reads a few thousand rows instead of every visit.
 *
 * - Today and yesterday are always counted live from the visits (the same SQL that builds a day), so nothing on
 *   the busy path of the day writes to the summary.
 * - A day before yesterday is built when a period first needs it, and stays until a write changes it: every write
 *   to rows of a day before the writer's today calls `touch`, which counts up the day's version in the writer's
 *   transaction; a day whose built version differs (or was bucketed in another time zone) is built again.
 * - Building takes the days' registry rows FOR UPDATE and reads the visits READ COMMITTED: a writer touching one of
 *   those days waits and then makes it stale again, and a writer that touched it first has committed before the
 *   build reads. The one-day gap between "before the writer's today" and "before yesterday" covers a clock that
 *   turns midnight during a transaction.
 */
@Injectable()
export class StatsDays {
  private readonly building = new Map<string, Promise<unknown>>();

  constructor(
    private readonly ds: DataSource,
    private readonly tx: Tx,
    private readonly config: Config,
  ) {}

  /** Marks a clinic day's summary stale after a write to its visits, appointments, diagnoses or prescriptions. */
  async touch(m: EntityManager, clinicId: string, day: string | Date): Promise<void> {
    const date = typeof day === 'string' ? day : clinicNow(this.zone, day).date;
    if (date >= this.today()) return;
    await m.query(
      this.sqlite
        ? 'INSERT INTO stats_days (clinic_id, day, version) VALUES (?, ?, 1) ON CONFLICT (clinic_id, day) DO UPDATE SET version = version + 1'
        : 'INSERT INTO stats_days (clinic_id, day, version) VALUES (?, ?, 1) ON DUPLICATE KEY UPDATE version = version + 1',
      [clinicId, date],
    );
  }

  /**
   * The rows of each figure for the period [from, to] (clinic days): summed over the built days, plus the live
   * days counted from the visits. With `byDay`, the rows of those figures keep their day.
   */
  async read(clinicId: string, from: string, to: string, metrics: readonly Metric[], byDay: readonly Metric[] = []): Promise<Record<Metric, DayRow[]>> {
    const lastBuilt = addDays(this.today(), -2);
    const built = from <= lastBuilt ? { clinicId, from, to: to < lastBuilt ? to : lastBuilt } : null;
    const liveFrom = from > lastBuilt ? from : addDays(lastBuilt, 1);
    const live = liveFrom <= to ? { clinicId, from: liveFrom, to } : null;
    if (built) await this.ensure(built);

    const out = Object.fromEntries(METRICS.map((k) => [k, [] as DayRow[]])) as Record<Metric, DayRow[]>;
    await Promise.all(
      metrics.map(async (metric) => {
        const keepDay = byDay.includes(metric);
        const parts = await Promise.all([
          built ? this.summed(built, metric, keepDay) : [],
          live ? this.query(...this.source(metric, live)).then((rows) => (keepDay ? rows : rows.map((r) => ({ ...r, day: '' })))) : [],
        ]);
        out[metric] = parts.flat();
      }),
    );
    return out;
  }

  /** Builds the stale days of a range; one build at a time per clinic in this process, so parallel reads share it. */
  private async ensure(r: Range): Promise<void> {
    const previous = this.building.get(r.clinicId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.buildStale(r));
    this.building.set(r.clinicId, next);
    try {
      await next;
    } finally {
      if (this.building.get(r.clinicId) === next) this.building.delete(r.clinicId);
    }
  }

  private async buildStale(r: Range): Promise<void> {
    const fresh = new Set(
      (
        await this.ds.query('SELECT CAST(day AS CHAR) AS day FROM stats_days WHERE clinic_id = ? AND day >= ? AND day <= ? AND built_version = version AND zone = ?', [
          r.clinicId,
          r.from,
          r.to,
          this.zone,
        ])
      ).map((x: { day: string }) => x.day),
    );
    let run: string[] = [];
    for (let d = r.from; d <= r.to; d = addDays(d, 1)) {
      if (!fresh.has(d)) run.push(d);
      if (run.length && (fresh.has(d) || run.length === MAX_RUN || d === r.to)) {
        await this.build({ clinicId: r.clinicId, from: run[0], to: run[run.length - 1] });
        run = [];
      }
    }
  }

  /** Builds the summary of consecutive days in one transaction. */
  private async build(r: Range): Promise<void> {
    const days: string[] = [];
    for (let d = r.from; d <= r.to; d = addDays(d, 1)) days.push(d);
    await this.tx.run(async (m) => {
      await m.query(`INSERT ${this.sqlite ? 'OR IGNORE' : 'IGNORE'} INTO stats_days (clinic_id, day, version) VALUES ${days.map(() => '(?, ?, 0)').join(', ')}`, days.flatMap((d) => [r.clinicId, d]));
      if (!this.sqlite) await m.query('SELECT day FROM stats_days WHERE clinic_id = ? AND day >= ? AND day <= ? FOR UPDATE', [r.clinicId, r.from, r.to]);
      await m.query('DELETE FROM stats_day_counts WHERE clinic_id = ? AND day >= ? AND day <= ?', [r.clinicId, r.from, r.to]);
      for (const metric of METRICS) {
        const [sql, args] = this.source(metric, r);
        await m.query(`INSERT INTO stats_day_counts (clinic_id, metric, day, dim1, dim2, n, amount) SELECT ?, ?, s.day, s.dim1, s.dim2, s.n, s.amount FROM (${sql}) s`, [r.clinicId, metric, ...args]);
      }
      await m.query('UPDATE stats_days SET built_version = version, zone = ? WHERE clinic_id = ? AND day >= ? AND day <= ?', [this.zone, r.clinicId, r.from, r.to]);
    }, 'READ COMMITTED');
  }

  private async summed(r: Range, metric: Metric, keepDay: boolean): Promise<DayRow[]> {
    const day = keepDay ? 'CAST(day AS CHAR)' : "''";
    return this.query(
      `SELECT ${day} AS day, dim1, dim2, SUM(n) AS n, SUM(amount) AS amount FROM stats_day_counts WHERE clinic_id = ? AND metric = ? AND day >= ? AND day <= ? GROUP BY ${keepDay ? 'day, ' : ''}dim1, dim2`,
      [r.clinicId, metric, r.from, r.to],
    );
  }

  private async query(sql: string, args: unknown[]): Promise<DayRow[]> {
    const rows: { day: unknown; dim1: unknown; dim2: unknown; n: unknown; amount: unknown }[] = await this.ds.query(sql, args);
    return rows.map((x) => ({ day: String(x.day ?? ''), dim1: String(x.dim1 ?? ''), dim2: String(x.dim2 ?? ''), n: whole(x.n), amount: whole(x.amount) }));
  }

  /**
   * The SQL counting one figure per clinic day over a range of days, straight from the visits: it builds the summary
   * and counts the live days. Columns: day ('YYYY-MM-DD'), dim1, dim2, n, amount.
   */
  private source(metric: Metric, r: Range): [string, unknown[]] {
    const start = clinicDayStart(this.zone, r.from);
    const end = clinicDayStart(this.zone, addDays(r.to, 1));
    const span = [r.clinicId, sqlTime(this.ds, start), sqlTime(this.ds, end)];
    const days = [r.clinicId, r.from, r.to];
    const wall = (column: string) => this.wallHour(column, start, end);
    // MariaDB's planner may take idx_encounter_patient for its clinic_id prefix and read every encounter ever:
    // the range on the covering index is what we want.
    const enc = `encounters e${this.sqlite ? '' : ' FORCE INDEX (idx_encounter_stats)'} WHERE e.clinic_id = ? AND e.started_at >= ? AND e.started_at < ?`;
    const byDay = (inner: string, dims: string, amount = '0') =>
      `SELECT SUBSTR(t.w, 1, 10) AS day, ${dims}, COUNT(*) AS n, ${amount} AS amount FROM (${inner}) t GROUP BY SUBSTR(t.w, 1, 10), t.dim1, t.dim2`;
    switch (metric) {
      case 'hour':
        return [byDay(`SELECT ${wall('e.started_at')} AS w, SUBSTR(${wall('e.started_at')}, 12, 2) AS dim1, '' AS dim2 FROM ${enc}`, 't.dim1, t.dim2'), span];
      case 'doctor':
        return [
          byDay(
            `SELECT ${wall('e.started_at')} AS w, COALESCE(e.department_id, '') AS dim1, e.doctor_id AS dim2, CASE WHEN e.appointment_id IS NULL THEN 1 ELSE 0 END AS direct FROM ${enc}`,
            't.dim1, t.dim2',
            'SUM(t.direct)',
          ),
          span,
        ];
      case 'consult':
        return [byDay(`SELECT ${wall('e.started_at')} AS w, ${this.minutesBetween('e.started_at', 'e.finished_at')} AS dim1, '' AS dim2 FROM ${enc} AND e.finished_at >= e.started_at`, 't.dim1, t.dim2'), span];
      case 'dx':
        return [
          byDay(
            `SELECT ${wall('d.encounter_started_at')} AS w, d.code AS dim1, '' AS dim2 FROM encounter_diagnoses d WHERE d.clinic_id = ? AND d.encounter_started_at >= ? AND d.encounter_started_at < ?`,
            't.dim1, t.dim2',
          ),
          span,
        ];
      case 'rx':
        return [
          byDay(
            `SELECT ${wall('p.signed_at')} AS w, '' AS dim1, '' AS dim2, p.total_fen AS fen FROM prescriptions p WHERE p.clinic_id = ? AND p.signed_at >= ? AND p.signed_at < ? AND p.status = 'SIGNED'`,
            't.dim1, t.dim2',
            'SUM(t.fen)',
          ),
          span,
        ];
      case 'appt':
        return [
          `SELECT CAST(a.day AS CHAR) AS day, a.status AS dim1, CASE WHEN a.walk_in = 1 THEN 'WALK_IN' WHEN a.account_id IS NULL THEN 'DESK' ELSE 'WECHAT' END AS dim2, COUNT(*) AS n, 0 AS amount
           FROM appointments a WHERE a.clinic_id = ? AND a.day >= ? AND a.day <= ? GROUP BY a.day, dim1, dim2`,
          days,
        ];
      case 'wait':
        return [
          `SELECT CAST(a.day AS CHAR) AS day, ${this.minutesBetween('a.checked_in_at', 'a.called_at')} AS dim1, '' AS dim2, COUNT(*) AS n, 0 AS amount
           FROM appointments a WHERE a.clinic_id = ? AND a.day >= ? AND a.day <= ? AND a.checked_in_at IS NOT NULL AND a.called_at >= a.checked_in_at GROUP BY a.day, dim1`,
          days,
        ];
    }
  }

  /** 'YYYY-MM-DD HH' of an instant on the clinic's wall clock, computed by the database. */
  private wallHour(column: string, start: Date, end: Date): string {
    const pieces = offsetPieces(this.zone, start, end);
    const last = pieces[pieces.length - 1].minutes;
    // The instants are our own, formatted here: safe to write into the statement.
    const literal = (d: Date) => `'${d.toISOString().replace('T', ' ').replace('Z', '')}'`;
    const offset =
      pieces.length === 1
        ? String(last)
        : `CASE ${pieces
            .slice(0, -1)
            .map((p) => `WHEN ${column} < ${literal(p.until!)} THEN ${p.minutes}`)
            .join(' ')} ELSE ${last} END`;
    return this.sqlite ? `strftime('%Y-%m-%d %H', ${column}, (${offset}) || ' minutes')` : `DATE_FORMAT(DATE_ADD(${column}, INTERVAL (${offset}) MINUTE), '%Y-%m-%d %H')`;
  }

  /** Whole minutes from a to b, rounded down, computed by the database. */
  private minutesBetween(a: string, b: string): string {
    return this.sqlite ? `(CAST(ROUND((julianday(${b}) - julianday(${a})) * 86400000) AS INTEGER) / 60000)` : `TIMESTAMPDIFF(MINUTE, ${a}, ${b})`;
  }

  private today(): string {
    return clinicNow(this.zone).date;
  }

  private get zone(): string {
    return this.config.env.CLINIC_TIMEZONE;
  }

  private get sqlite(): boolean {
    return this.ds.options.type === 'better-sqlite3';
  }
}
