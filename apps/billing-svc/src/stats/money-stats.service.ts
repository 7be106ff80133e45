import { Injectable } from '@nestjs/common';
import type { Actor, Keyed, MoneyStats, RevenueGroupBy, RevenueReply, StatsPeriodQuery } from '@clinic/contracts';
import { rate, statsPeriod } from '@clinic/platform';
import { RevenueService } from '../reports/revenue.service';
import { MoneyDays } from './money-days';

/** total / count in whole fen, halves rounded up; 0 over no bills. Integers only. */
export function averageFen(total: number, count: number): number {
  return count === 0 ? 0 : Math.floor((2 * total + count) / (2 * count));
}

/**
 * The money part of the owner's statistics, from the cashier's journal by business day (the figures the daily
 * close counts) through RevenueService, and from the bills paid in the period; both add up MoneyDays' summary.
 * Received is payments less reversals (a reversal takes back a payment booked by mistake), refunded is money sent
 * back, net = received − refunded = the journal's sum. Each Keyed value is that group's net.
 */
@Injectable()
export class MoneyStatsService {
  constructor(
    private readonly revenue: RevenueService,
    private readonly days: MoneyDays,
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

  /** Bills that became paid on the period's clinic days (paid_at on the clinic's clock): how many and their total. */
  private async paidBills(clinicId: string, from: string, to: string): Promise<{ count: number; totalFen: number }> {
    const { paid } = await this.days.read(clinicId, from, to, ['paid']);
    return { count: paid.reduce((s, r) => s + r.n, 0), totalFen: paid.reduce((s, r) => s + r.amount, 0) };
  }
}

function keyed(report: RevenueReply): Keyed[] {
  return report.rows.map((r) => ({ key: r.key, label: r.label, value: r.netFen }));
}
