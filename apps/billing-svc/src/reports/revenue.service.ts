import { Injectable } from '@nestjs/common';
import {
  PAYMENT_METHOD_LABELS,
  PAYMENT_METHODS,
  REVENUE_CATEGORIES,
  REVENUE_CATEGORY_LABELS,
  type Actor,
  type RevenueCategory,
  type RevenueFigures,
  type RevenueQuery,
  type RevenueReply,
  type RevenueRow,
} from '@clinic/contracts';
import { addDays, clinicDayStart, Config, sqlTime, whole } from '@clinic/platform';
import { DataSource, In } from 'typeorm';
import { Bill, BillLine, Refund, RefundLine } from '../bills/bill.entities';
import { DepartmentRef } from '../departments/department-ref.entity';
import { FeeItem } from '../fee-items/fee-item.entity';
import { JOURNAL_METRIC, MoneyDays } from '../stats/money-days';

/** A bill line's revenue category: drugs, registration, and services by their fee item's category (OTHER if unknown). */
const CATEGORY_OF_LINE = "CASE WHEN l.kind = 'DRUG' THEN 'DRUG' WHEN l.kind = 'REGISTRATION' THEN 'REGISTRATION' ELSE COALESCE(f.category, 'OTHER') END";

function figures(received: number, refunded: number, reversed: number, payments: number): RevenueFigures {
  return { receivedFen: received, refundedFen: refunded, reversedFen: reversed, netFen: received - refunded - reversed, payments };
}

/**
 * Revenue for a period of clinic days. By day, department, doctor and method it reads the cashier's journal
 * (money_entries) by business day: what was taken, refunded and reversed, the same figures the daily close counts,
 * added up from its day summary (MoneyDays) rather than grouped over every row of the period.
 * By category it reads what was charged: the lines of bills that became paid in the period (paid_at on those
 * clinic days), less refund lines of refunds completed in it. The two views answer different questions, so their
 * totals differ while a bill is part paid or paid across the period's edge.
 */
@Injectable()
export class RevenueService {
  constructor(
    private readonly ds: DataSource,
    private readonly config: Config,
    private readonly days: MoneyDays,
  ) {}

  async revenue(actor: Actor, q: RevenueQuery): Promise<RevenueReply> {
    const { rows, count } = q.groupBy === 'category' ? await this.byCategory(actor.clinicId, q) : { rows: await this.byJournal(actor.clinicId, q), count: undefined };
    const sum = rows.reduce((t, r) => figures(t.receivedFen + r.receivedFen, t.refundedFen + r.refundedFen, t.reversedFen + r.reversedFen, t.payments + r.payments), figures(0, 0, 0, 0));
    // A bill with lines of two categories counts in both rows, and once in the total.
    const totals = count === undefined ? sum : { ...sum, payments: count };
    return { from: q.from, to: q.to, groupBy: q.groupBy, timeZone: this.config.env.CLINIC_TIMEZONE, rows, totals };
  }

  private async byJournal(clinicId: string, q: RevenueQuery): Promise<RevenueRow[]> {
    const groupBy = q.groupBy as keyof typeof JOURNAL_METRIC;
    const metric = JOURNAL_METRIC[groupBy];
    const summary = await this.days.read(clinicId, q.from, q.to, [metric], groupBy === 'day' ? [metric] : []);
    const groups = new Map<string | null, { received: number; refunded: number; reversed: number; payments: number }>();
    for (const r of summary[metric]) {
      // dim2 is '' for money with no department or doctor: the report's null key.
      const k = groupBy === 'day' ? r.day : r.dim2 || null;
      const g = groups.get(k) ?? { received: 0, refunded: 0, reversed: 0, payments: 0 };
      // Refunds and reversals are negative in the journal and positive in the report.
      if (r.dim1 === 'PAYMENT') {
        g.received += r.amount;
        g.payments += r.n;
      } else if (r.dim1 === 'REFUND') {
        g.refunded -= r.amount;
      } else {
        g.reversed -= r.amount;
      }
      groups.set(k, g);
    }
    const labels = q.groupBy === 'department' ? await this.departmentNames([...groups.keys()].filter((k): k is string => !!k)) : new Map<string, string>();
    const rows = [...groups].map(([k, g]) => ({ key: k, label: this.label(q.groupBy, k, labels), ...figures(g.received, g.refunded, g.reversed, g.payments) }));
    if (q.groupBy === 'day') return rows.sort((a, b) => a.key!.localeCompare(b.key!));
    if (q.groupBy === 'method') return rows.sort((a, b) => PAYMENT_METHODS.indexOf(a.key as never) - PAYMENT_METHODS.indexOf(b.key as never));
    // Largest first; money with no department or doctor last.
    return rows.sort((a, b) => Number(a.key === null) - Number(b.key === null) || b.receivedFen - a.receivedFen || a.label.localeCompare(b.label));
  }

  private async byCategory(clinicId: string, q: RevenueQuery): Promise<{ rows: RevenueRow[]; count: number }> {
    const zone = this.config.env.CLINIC_TIMEZONE;
    const period = { clinicId, start: sqlTime(this.ds, clinicDayStart(zone, q.from)), end: sqlTime(this.ds, clinicDayStart(zone, addDays(q.to, 1))) };
    const charged: { k: string; fen: unknown; bills: unknown }[] = await this.ds
      .createQueryBuilder()
      .select(CATEGORY_OF_LINE, 'k')
      .addSelect('SUM(l.amountFen)', 'fen')
      .addSelect('COUNT(DISTINCT b.id)', 'bills')
      .from(BillLine, 'l')
      .innerJoin(Bill, 'b', 'b.id = l.billId')
      .leftJoin(FeeItem, 'f', "f.id = l.itemId AND l.kind = 'SERVICE'")
      .where('b.clinicId = :clinicId AND b.paidAt >= :start AND b.paidAt < :end', period)
      .groupBy(CATEGORY_OF_LINE)
      .getRawMany();
    const refunded: { k: string; fen: unknown }[] = await this.ds
      .createQueryBuilder()
      .select(CATEGORY_OF_LINE, 'k')
      .addSelect('SUM(rl.amountFen)', 'fen')
      .from(RefundLine, 'rl')
      .innerJoin(Refund, 'r', 'r.id = rl.refundId')
      .innerJoin(BillLine, 'l', 'l.id = rl.billLineId')
      .leftJoin(FeeItem, 'f', "f.id = l.itemId AND l.kind = 'SERVICE'")
      .where("r.clinicId = :clinicId AND r.status = 'SUCCEEDED' AND r.completedAt >= :start AND r.completedAt < :end", period)
      .groupBy(CATEGORY_OF_LINE)
      .getRawMany();
    const paid: { bills: unknown } | undefined = await this.ds
      .createQueryBuilder()
      .select('COUNT(DISTINCT b.id)', 'bills')
      .from(Bill, 'b')
      .innerJoin(BillLine, 'l', 'l.billId = b.id')
      .where('b.clinicId = :clinicId AND b.paidAt >= :start AND b.paidAt < :end', period)
      .getRawOne();
    const rows: RevenueRow[] = [];
    for (const k of REVENUE_CATEGORIES) {
      const c = charged.find((r) => r.k === k);
      const back = refunded.find((r) => r.k === k);
      if (!c && !back) continue;
      rows.push({ key: k, label: REVENUE_CATEGORY_LABELS[k], ...figures(whole(c?.fen), whole(back?.fen), 0, whole(c?.bills)) });
    }
    return { rows, count: whole(paid?.bills) };
  }

  private label(groupBy: RevenueQuery['groupBy'], key: string | null, names: Map<string, string>): string {
    if (groupBy === 'method') return PAYMENT_METHOD_LABELS[key as keyof typeof PAYMENT_METHOD_LABELS] ?? String(key);
    if (groupBy === 'department') return key === null ? '未指定科室' : (names.get(key) ?? key);
    if (groupBy === 'doctor') return key === null ? '未指定医生' : key;
    if (groupBy === 'category') return REVENUE_CATEGORY_LABELS[key as RevenueCategory] ?? String(key);
    return String(key);
  }

  private async departmentNames(ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows = await this.ds.getRepository(DepartmentRef).findBy({ departmentId: In(ids) });
    return new Map(rows.map((d) => [d.departmentId, d.name]));
  }
}
