import { Injectable } from '@nestjs/common';
import { Config, DaySummary, MAX_STATS_DAYS, Tx, type DaySpan } from '@clinic/platform';
import { DataSource } from 'typeorm';
import { chapterSql } from './stats-math';

/**
 * The figures the statistics add up, each counted per clinic day by up to two keys (dim1, dim2):
 * - hour:    visits (encounters started) by hour of the day;
 * - doctor:  visits by department ('' for none) and doctor; amount = those opened without an appointment;
 * - consult: finished visits by whole minutes from start to finish;
 * - dx:      diagnoses of the visits started that day, by ICD-10 code;
 * - chapter: the same diagnoses by ICD-10 chapter ('' for a code outside every chapter);
 * - rx:      prescriptions signed that day (still SIGNED); amount = their value in fen;
 * - appt:    appointments of that day by status and channel (WALK_IN / DESK / WECHAT);
 * - wait:    appointments of that day called after check-in, by whole minutes waited.
 * - patient: visits by the clinic day of the same patient's previous visit here ('' for a first visit). A period's
 *            distinct patients are its visits whose previous visit came before the period: each patient's first
 *            visit in it. (Distinct counts do not add up over days; this does.)
 */
export const METRICS = ['hour', 'doctor', 'consult', 'dx', 'chapter', 'rx', 'appt', 'wait', 'patient'] as const;
export type Metric = (typeof METRICS)[number];

/**
 * Patient-svc's day summary (see DaySummary in libs/platform): the flow and clinical figures of each clinic day.
 * Every write to a day's visits, appointments, diagnoses or prescriptions after that day calls `touch`.
 */
@Injectable()
export class StatsDays extends DaySummary<Metric> {
  constructor(ds: DataSource, tx: Tx, config: Config) {
    super(ds, tx, config, METRICS);
  }

  protected readonly clinicsSql = 'SELECT DISTINCT clinic_id FROM encounters';

  protected source(metric: Metric, r: DaySpan): [string, unknown[]] {
    const span = this.instants(r);
    const days = [r.clinicId, r.from, r.to];
    const wall = (column: string) => this.wallHour(column, r);
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
      case 'chapter':
        return [
          byDay(
            `SELECT ${wall('d.encounter_started_at')} AS w, ${metric === 'dx' ? 'd.code' : chapterSql('d.code')} AS dim1, '' AS dim2
             FROM encounter_diagnoses d WHERE d.clinic_id = ? AND d.encounter_started_at >= ? AND d.encounter_started_at < ?`,
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
      case 'patient': {
        // A previous visit may be years before the span: its wall day is computed over the longest period before it
        // (older ones are before any period that ends in the span, so their exact day does not matter).
        const wide = { ...r, start: new Date(r.start.getTime() - (MAX_STATS_DAYS + 2) * 86_400_000) };
        const previous = 'SELECT MAX(x.started_at) FROM encounters x WHERE x.clinic_id = e.clinic_id AND x.patient_id = e.patient_id AND x.started_at < e.started_at';
        return [
          `SELECT SUBSTR(t.w, 1, 10) AS day, COALESCE(SUBSTR(t.pw, 1, 10), '') AS dim1, '' AS dim2, COUNT(*) AS n, 0 AS amount
           FROM (SELECT ${wall('p.started_at')} AS w, ${this.wallHour('p.prev', wide)} AS pw FROM (SELECT e.started_at, (${previous}) AS prev FROM ${enc}) p) t
           GROUP BY SUBSTR(t.w, 1, 10), COALESCE(SUBSTR(t.pw, 1, 10), '')`,
          span,
        ];
      }
      case 'wait':
        return [
          `SELECT CAST(a.day AS CHAR) AS day, ${this.minutesBetween('a.checked_in_at', 'a.called_at')} AS dim1, '' AS dim2, COUNT(*) AS n, 0 AS amount
           FROM appointments a WHERE a.clinic_id = ? AND a.day >= ? AND a.day <= ? AND a.checked_in_at IS NOT NULL AND a.called_at >= a.checked_in_at GROUP BY a.day, dim1`,
          days,
        ];
    }
  }
}
