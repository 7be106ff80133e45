import { Injectable } from '@nestjs/common';
import type { Actor, Keyed, MoneyStats, RevenueGroupBy, RevenueReply, StatsPeriodQuery } from '@clinic/contracts';
import { addDays, clinicDayStart, Config, rate, statsPeriod, sqlTime } from '@clinic/platform';
import { DataSource } from 'typeorm';
import { Bill } from '../bills/bill.entities';
import { RevenueService } from '../reports/revenue.service';

/** total / count in whole fen, halves rounded up; 0 over no bills. Integers only. */
export function averageFen(total: number, count: number): number {
  return count === 0 ? 0 : Math.floor((2 * total + count) / (2 * count));
}

/**
 * The money part of the owner's statistics, from the cashier's journal by business day (the figures the daily
 * close counts) through RevenueService's GROUP BYs, and from the bills paid in the period.
 * Received is payments less reversals (a reversal takes back a payment booked by mistake), refunded is money sent
 * back, net = received − refunded = the journal's sum. Each Keyed value is that group's net.
 */
@Injectable()
export class MoneyStatsService {
  constructor(
    private readonly ds: DataSource,
    private readonly revenue: RevenueService,
    private readonly config: Config,
  ) {}

  async stats(actor: Actor, q: StatsPeriodQuery): Promise<MoneyStats> {
    const { from, to } = statsPeriod(q.from, q.to);
    const by = (groupBy: RevenueGroupBy) => this.revenue.revenue(actor, { from, to, groupBy });
    const [day, method, department, doctor, bills] = await Promise.all([by('day'), by('method'), by('department'), by('doctor'), this.paidBills(actor.clinicId, from, to)]);
    const received = day.totals.receivedFen - day.totals.reversedFen;
    const insurance = method.rows.find((r) => r.key === 'INSURANCE');
    return {
      from,
      to,
      receivedFen: received,
      refundedFen: day.totals.refundedFen,
      netFen: day.totals.netFen,
      byDay: keyed(day),
      byMethod: keyed(method),
      byDepartment: keyed(department),
      byDoctor: keyed(doctor),
      insuranceShare: rate(insurance ? insurance.receivedFen - insurance.reversedFen : 0, received),
      averageBillFen: averageFen(bills.totalFen, bills.count),
      bills: bills.count,
    };
  }

  /** Bills that became paid on the period's clinic days: how many and their total (idx_bill_paid_total). */
  private async paidBills(clinicId: string, from: string, to: string): Promise<{ count: number; totalFen: number }> {
    const zone = this.config.env.CLINIC_TIMEZONE;
    const row: { n: unknown; fen: unknown } | undefined = await this.ds
      .createQueryBuilder()
      .select('COUNT(*)', 'n')
      .addSelect('SUM(b.totalFen)', 'fen')
      .from(Bill, 'b')
      .where('b.clinicId = :clinicId AND b.paidAt >= :start AND b.paidAt < :end', {
        clinicId,
        start: sqlTime(this.ds, clinicDayStart(zone, from)),
        end: sqlTime(this.ds, clinicDayStart(zone, addDays(to, 1))),
      })
      .getRawOne();
    return { count: Number(row?.n ?? 0), totalFen: Number(row?.fen ?? 0) };
  }
}

function keyed(report: RevenueReply): Keyed[] {
  return report.rows.map((r) => ({ key: r.key, label: r.label, value: r.netFen }));
}
