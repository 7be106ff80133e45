import { Injectable } from '@nestjs/common';
import { ICD10_CHAPTERS, type Actor, type ClinicalStats, type FlowStats, type Keyed, type StatsPeriodQuery } from '@clinic/contracts';
import { addDays, clinicDayStart, Config, rate, sqlTime, statsPeriod, whole, type DayRow } from '@clinic/platform';
import { DataSource, In } from 'typeorm';
import { Department } from '../departments/department.entity';
import { StaffUser } from '../identity/staff-user.entity';
import { Icd10Code } from '../visits/visit.entities';
import { StatsDays, type Metric } from './stats-days';
import { minutesOf } from './stats-math';

const TOP_DIAGNOSES = 10;
const NO_DEPARTMENT = '未指定科室';

interface Bounds {
  clinicId: string;
  start: Date;
  end: Date;
}

/**
 * Patient flow and clinical figures (issue 8): the per-day summary of StatsDays added up over the period, and new
 * patients counted on patient_first_visits' index (see migration Stats1764892800000). No visit is loaded into Node.
 */
@Injectable()
export class StatsService {
  constructor(
    private readonly ds: DataSource,
    private readonly config: Config,
    private readonly days: StatsDays,
  ) {}

  async flow(actor: Actor, q: StatsPeriodQuery): Promise<FlowStats> {
    const period = statsPeriod(q.from, q.to);
    const b = this.bounds(actor.clinicId, q);
    // Each patient's first visit in the period is the one whose previous visit came before it (or never was).
    const [figures, distinctPatients, [firsts]]: [Record<Metric, DayRow[]>, number, { n: unknown }[]] = await Promise.all([
      this.days.read(b.clinicId, q.from, q.to, ['hour', 'doctor', 'consult', 'appt', 'wait'], ['hour']),
      this.days.countBelow(b.clinicId, q.from, q.to, 'patient', q.from),
      this.ds.query('SELECT COUNT(*) AS n FROM patient_first_visits f WHERE f.clinic_id = ? AND f.first_started_at >= ? AND f.first_started_at < ?', [
        b.clinicId,
        sqlTime(this.ds, b.start),
        sqlTime(this.ds, b.end),
      ]),
    ]);

    const byDay = new Map<string, number>();
    const byHour = new Array<number>(24).fill(0);
    for (const r of figures.hour) {
      byDay.set(r.day, (byDay.get(r.day) ?? 0) + r.n);
      byHour[Number(r.dim1)] += r.n;
    }
    const visits = byHour.reduce((s, n) => s + n, 0);
    const visitsByDay: Keyed[] = [];
    for (let d = q.from, i = 0; i < period.days; d = addDays(d, 1), i++) visitsByDay.push({ key: d, label: d, value: byDay.get(d) ?? 0 });
    const visitsByHour: Keyed[] = byHour.map((value, h) => ({ key: String(h), label: `${String(h).padStart(2, '0')}:00`, value }));

    const depCounts = new Map<string | null, number>();
    const docCounts = new Map<string, number>();
    let direct = 0;
    for (const g of figures.doctor) {
      const dep = g.dim1 || null;
      depCounts.set(dep, (depCounts.get(dep) ?? 0) + g.n);
      docCounts.set(g.dim2, (docCounts.get(g.dim2) ?? 0) + g.n);
      direct += g.amount;
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
    for (const a of figures.appt) {
      if (a.dim1 === 'CANCELLED') continue;
      held += a.n;
      if (a.dim1 === 'NO_SHOW') noShows += a.n;
      if (a.dim2 === 'WALK_IN') channel.walkIn += a.n;
      else if (a.dim2 === 'WECHAT') channel.wechat += a.n;
      else channel.desk += a.n;
    }

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
      waitMinutes: minutesOf(histogram(figures.wait)),
      consultationMinutes: minutesOf(histogram(figures.consult)),
    };
  }

  async clinical(actor: Actor, q: StatsPeriodQuery): Promise<ClinicalStats> {
    const period = statsPeriod(q.from, q.to);
    const prev = { from: period.previousFrom, to: period.previousTo };
    const [now, before] = await Promise.all([
      this.days.read(actor.clinicId, q.from, q.to, ['hour', 'dx', 'chapter', 'rx']),
      this.days.read(actor.clinicId, prev.from, prev.to, ['chapter']),
    ]);
    const top = [...counts(now.dx)].sort(([ca, a], [cb, b]) => b - a || ca.localeCompare(cb)).slice(0, TOP_DIAGNOSES);
    // The previous period is asked only for the top codes: a year holds tens of thousands of codes to group.
    const [previous, codeNames] = await Promise.all([
      this.days.read(actor.clinicId, prev.from, prev.to, ['dx'], [], top.map(([c]) => c)).then((r) => counts(r.dx)),
      top.length ? this.ds.getRepository(Icd10Code).find({ where: { code: In(top.map(([c]) => c)) }, select: { code: true, name: true } }).then((rows) => new Map(rows.map((c) => [c.code, c.name]))) : new Map<string, string>(),
    ]);
    const topDiagnoses = top.map(([code, count]) => ({ code, name: codeNames.get(code) ?? code, count, previousCount: previous.get(code) ?? 0 }));

    const nowChapters = counts(now.chapter);
    nowChapters.delete('');
    const prevChapters = counts(before.chapter);
    const topChapters = [...nowChapters]
      .sort(([ca, a], [cb, b]) => b - a || ca.localeCompare(cb))
      .map(([chapter, count]) => ({ chapter, title: ICD10_CHAPTERS[chapter], count, previousCount: prevChapters.get(chapter) ?? 0 }));

    const encounters = now.hour.reduce((s, r) => s + r.n, 0);
    const prescriptions = now.rx.reduce((s, r) => s + r.n, 0);
    const fen = now.rx.reduce((s, r) => s + r.amount, 0);
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

  private bounds(clinicId: string, q: { from: string; to: string }): Bounds {
    const zone = this.config.env.CLINIC_TIMEZONE;
    return { clinicId, start: clinicDayStart(zone, q.from), end: clinicDayStart(zone, addDays(q.to, 1)) };
  }

  private async names(entity: typeof Department | typeof StaffUser, ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows = await this.ds.getRepository<{ id: string; name: string }>(entity).find({ where: { id: In(ids) }, select: { id: true, name: true } });
    return new Map(rows.map((r) => [r.id, r.name]));
  }
}

function histogram(rows: DayRow[]): { minutes: number; count: number }[] {
  return rows.map((r) => ({ minutes: Number(r.dim1), count: r.n })).filter((r) => Number.isInteger(r.minutes) && r.minutes >= 0);
}

/** n by dim1. */
function counts(rows: DayRow[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rows) out.set(r.dim1, (out.get(r.dim1) ?? 0) + r.n);
  return out;
}

/** Largest first, ties by label; "no department" last. */
function sortKeyed(rows: Keyed[]): Keyed[] {
  return rows.sort((a, b) => Number(a.key === null) - Number(b.key === null) || b.value - a.value || a.label.localeCompare(b.label, 'zh'));
}
