import { Injectable } from '@nestjs/common';
import { ICD10_CHAPTERS, type Actor, type ClinicalStats, type FlowStats, type Keyed, type StatsPeriodQuery } from '@clinic/contracts';
import { addDays, clinicDayStart, Config, rate, sqlTime, statsPeriod } from '@clinic/platform';
import { DataSource, In } from 'typeorm';
import { Department } from '../departments/department.entity';
import { StaffUser } from '../identity/staff-user.entity';
import { Icd10Code } from '../visits/visit.entities';
import { chapterOf, minutesOf, offsetPieces, whole } from './stats-math';

const TOP_DIAGNOSES = 10;
const NO_DEPARTMENT = '未指定科室';

interface Bounds {
  clinicId: string;
  start: Date;
  end: Date;
}

/**
 * Patient flow and clinical figures (issue 8), each an aggregate computed by the database on a covering index
 * (see migration Stats1764892800000): no row of a period is loaded into Node, only grouped counts.
 */
@Injectable()
export class StatsService {
  constructor(
    private readonly ds: DataSource,
    private readonly config: Config,
  ) {}

  async flow(actor: Actor, q: StatsPeriodQuery): Promise<FlowStats> {
    const period = statsPeriod(q.from, q.to);
    const b = this.bounds(actor.clinicId, q);
    const where = 'e.clinic_id = ? AND e.started_at >= ? AND e.started_at < ?';
    const args = [b.clinicId, sqlTime(this.ds, b.start), sqlTime(this.ds, b.end)];

    // MariaDB's planner may take idx_encounter_patient for its clinic_id prefix and read every encounter ever:
    // the period's range on the covering index is what we want. Independent queries run side by side.
    const enc = `encounters e${this.sqlite ? '' : ' FORCE INDEX (idx_encounter_stats)'}`;
    const dayWhere = 'a.clinic_id = ? AND a.day >= ? AND a.day <= ?';
    const dayArgs = [b.clinicId, q.from, q.to];
    const [hours, groups, [patients], [firsts], consult, appts, waits]: [
      { h: string; n: unknown }[],
      { dep: string | null; doc: string; n: unknown; direct: unknown }[],
      { n: unknown }[],
      { n: unknown }[],
      { m: unknown; n: unknown }[],
      { s: string; w: unknown; acc: unknown; n: unknown }[],
      { m: unknown; n: unknown }[],
    ] = await Promise.all([
      this.ds.query(`SELECT ${this.wallHour('e.started_at', b)} AS h, COUNT(*) AS n FROM ${enc} WHERE ${where} GROUP BY h`, args),
      this.ds.query(
        `SELECT e.department_id AS dep, e.doctor_id AS doc, COUNT(*) AS n, SUM(CASE WHEN e.appointment_id IS NULL THEN 1 ELSE 0 END) AS direct FROM ${enc} WHERE ${where} GROUP BY e.department_id, e.doctor_id`,
        args,
      ),
      this.ds.query(`SELECT COUNT(DISTINCT e.patient_id) AS n FROM ${enc} WHERE ${where}`, args),
      this.ds.query('SELECT COUNT(*) AS n FROM patient_first_visits f WHERE f.clinic_id = ? AND f.first_started_at >= ? AND f.first_started_at < ?', args),
      this.ds.query(`SELECT ${this.minutesBetween('e.started_at', 'e.finished_at')} AS m, COUNT(*) AS n FROM ${enc} WHERE ${where} AND e.finished_at >= e.started_at GROUP BY m`, args),
      this.ds.query(
        `SELECT a.status AS s, a.walk_in AS w, CASE WHEN a.account_id IS NULL THEN 0 ELSE 1 END AS acc, COUNT(*) AS n FROM appointments a WHERE ${dayWhere} GROUP BY a.status, a.walk_in, acc`,
        dayArgs,
      ),
      this.ds.query(
        `SELECT ${this.minutesBetween('a.checked_in_at', 'a.called_at')} AS m, COUNT(*) AS n FROM appointments a WHERE ${dayWhere} AND a.checked_in_at IS NOT NULL AND a.called_at >= a.checked_in_at GROUP BY m`,
        dayArgs,
      ),
    ]);

    // Per wall-clock hour, then summed into days and hours of the day.
    const byDay = new Map<string, number>();
    const byHour = new Array<number>(24).fill(0);
    for (const r of hours) {
      const [day, hour] = String(r.h).split(' ');
      byDay.set(day, (byDay.get(day) ?? 0) + whole(r.n));
      byHour[Number(hour)] += whole(r.n);
    }
    const visits = byHour.reduce((s, n) => s + n, 0);
    const visitsByDay: Keyed[] = [];
    for (let d = q.from, i = 0; i < period.days; d = addDays(d, 1), i++) visitsByDay.push({ key: d, label: d, value: byDay.get(d) ?? 0 });
    const visitsByHour: Keyed[] = byHour.map((value, h) => ({ key: String(h), label: `${String(h).padStart(2, '0')}:00`, value }));

    const depCounts = new Map<string | null, number>();
    const docCounts = new Map<string, number>();
    let direct = 0;
    for (const g of groups) {
      depCounts.set(g.dep, (depCounts.get(g.dep) ?? 0) + whole(g.n));
      docCounts.set(g.doc, (docCounts.get(g.doc) ?? 0) + whole(g.n));
      direct += whole(g.direct);
    }
    const depNames = await this.names(Department, [...depCounts.keys()].filter((k): k is string => k !== null));
    const docNames = await this.names(StaffUser, [...docCounts.keys()]);
    const byDepartment = sortKeyed([...depCounts].map(([key, value]) => ({ key, label: key === null ? NO_DEPARTMENT : (depNames.get(key) ?? key), value })));
    const byDoctor = sortKeyed([...docCounts].map(([key, value]) => ({ key, label: docNames.get(key) ?? key, value })));

    // Channels and no-shows count the appointments that were not cancelled; an encounter opened without an
    // appointment (a walk-in seen at once) is a walk-in too, though it has no appointment to miss.
    const channel = { wechat: 0, desk: 0, walkIn: direct };
    let noShows = 0;
    let held = 0;
    for (const a of appts) {
      if (a.s === 'CANCELLED') continue;
      const n = whole(a.n);
      held += n;
      if (a.s === 'NO_SHOW') noShows += n;
      if (whole(a.w)) channel.walkIn += n;
      else if (whole(a.acc)) channel.wechat += n;
      else channel.desk += n;
    }

    const distinctPatients = whole(patients?.n);
    const newPatients = Math.min(whole(firsts?.n), distinctPatients);
    return {
      from: q.from,
      to: q.to,
      visits,
      visitsByDay,
      visitsByHour,
      newPatients,
      returningPatients: distinctPatients - newPatients,
      byDepartment,
      byDoctor,
      bookingChannel: channel,
      noShowRate: rate(noShows, held),
      waitMinutes: minutesOf(histogram(waits)),
      consultationMinutes: minutesOf(histogram(consult)),
    };
  }

  async clinical(actor: Actor, q: StatsPeriodQuery): Promise<ClinicalStats> {
    const period = statsPeriod(q.from, q.to);
    const prev = { from: period.previousFrom, to: period.previousTo };
    const now = this.bounds(actor.clinicId, q);
    const args = [now.clinicId, sqlTime(this.ds, now.start), sqlTime(this.ds, now.end)];
    const [current, previous, [enc], [rx]]: [Map<string, number>, Map<string, number>, { n: unknown }[], { n: unknown; fen: unknown }[]] = await Promise.all([
      this.diagnosisCounts(now),
      this.diagnosisCounts(this.bounds(actor.clinicId, prev)),
      this.ds.query(`SELECT COUNT(*) AS n FROM encounters e${this.sqlite ? '' : ' FORCE INDEX (idx_encounter_stats)'} WHERE e.clinic_id = ? AND e.started_at >= ? AND e.started_at < ?`, args),
      this.ds.query("SELECT COUNT(*) AS n, SUM(p.total_fen) AS fen FROM prescriptions p WHERE p.clinic_id = ? AND p.signed_at >= ? AND p.signed_at < ? AND p.status = 'SIGNED'", args),
    ]);

    const top = [...current].sort(([ca, a], [cb, b]) => b - a || ca.localeCompare(cb)).slice(0, TOP_DIAGNOSES);
    const codeNames = new Map(
      top.length ? (await this.ds.getRepository(Icd10Code).find({ where: { code: In(top.map(([c]) => c)) }, select: { code: true, name: true } })).map((c) => [c.code, c.name]) : [],
    );
    const topDiagnoses = top.map(([code, count]) => ({ code, name: codeNames.get(code) ?? code, count, previousCount: previous.get(code) ?? 0 }));

    const chapters = (counts: Map<string, number>) => {
      const out = new Map<string, number>();
      for (const [code, n] of counts) {
        const ch = chapterOf(code);
        if (ch) out.set(ch, (out.get(ch) ?? 0) + n);
      }
      return out;
    };
    const nowChapters = chapters(current);
    const prevChapters = chapters(previous);
    const topChapters = [...nowChapters]
      .sort(([ca, a], [cb, b]) => b - a || ca.localeCompare(cb))
      .map(([chapter, count]) => ({ chapter, title: ICD10_CHAPTERS[chapter], count, previousCount: prevChapters.get(chapter) ?? 0 }));

    const encounters = whole(enc?.n);
    const prescriptions = whole(rx?.n);
    const fen = whole(rx?.fen);
    return {
      from: q.from,
      to: q.to,
      previousFrom: prev.from,
      previousTo: prev.to,
      topDiagnoses,
      topChapters,
      encounters,
      prescriptions,
      prescriptionsPerVisit: rate(prescriptions, encounters),
      // Rounded half up in integers: no float ever holds money.
      averagePrescriptionFen: prescriptions ? Math.floor((2 * fen + prescriptions) / (2 * prescriptions)) : 0,
    };
  }

  /** Diagnoses recorded on the encounters started in a period, by code. */
  private async diagnosisCounts(b: Bounds): Promise<Map<string, number>> {
    const rows: { code: string; n: unknown }[] = await this.ds.query(
      'SELECT d.code AS code, COUNT(*) AS n FROM encounter_diagnoses d WHERE d.clinic_id = ? AND d.encounter_started_at >= ? AND d.encounter_started_at < ? GROUP BY d.code',
      [b.clinicId, sqlTime(this.ds, b.start), sqlTime(this.ds, b.end)],
    );
    return new Map(rows.map((r) => [r.code, whole(r.n)]));
  }

  private bounds(clinicId: string, q: { from: string; to: string }): Bounds {
    const zone = this.config.env.CLINIC_TIMEZONE;
    return { clinicId, start: clinicDayStart(zone, q.from), end: clinicDayStart(zone, addDays(q.to, 1)) };
  }

  private get sqlite(): boolean {
    return this.ds.options.type === 'better-sqlite3';
  }

  /** 'YYYY-MM-DD HH' of an instant on the clinic's wall clock, computed by the database. */
  private wallHour(column: string, b: Bounds): string {
    const pieces = offsetPieces(this.config.env.CLINIC_TIMEZONE, b.start, b.end);
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

  private async names(entity: typeof Department | typeof StaffUser, ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows = await this.ds.getRepository<{ id: string; name: string }>(entity).find({ where: { id: In(ids) }, select: { id: true, name: true } });
    return new Map(rows.map((r) => [r.id, r.name]));
  }
}

function histogram(rows: { m: unknown; n: unknown }[]): { minutes: number; count: number }[] {
  return rows.map((r) => ({ minutes: whole(r.m), count: whole(r.n) })).filter((r) => r.minutes >= 0);
}

/** Largest first, ties by label; "no department" last. */
function sortKeyed(rows: Keyed[]): Keyed[] {
  return rows.sort((a, b) => Number(a.key === null) - Number(b.key === null) || b.value - a.value || a.label.localeCompare(b.label, 'zh'));
}
