import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiProperty, ApiTags } from '@nestjs/swagger';
import {
  Patterns,
  PharmacyStatsQuery,
  StatsExportQuery,
  StatsPeriodQuery,
  type Actor,
  type ClinicalStats,
  type DashboardReply,
  type FlowStats,
  type MoneyStats,
  type PharmacyStats,
} from '@clinic/contracts';
import { ServiceClient, statsPeriod } from '@clinic/platform';
import { IsIn } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { Can, CurrentActor } from '../auth/auth.decorators';
import { DoctorNames } from '../billing/doctor-names';
import { moneyTable, pharmacyTable, XLSX_TYPE, xlsxOf } from './stats-export';

/**
 * The first read of a long period builds the services' day summaries it lacks (a year after a deploy takes tens of
 * seconds on a large clinic); later reads add up built days in well under a second.
 */
export const STATS_TIMEOUT_MS = 120_000;

/** The pharmacy export takes the pharmacy query's cover days besides the format. */
class PharmacyStatsExportQuery extends PharmacyStatsQuery {
  @ApiProperty({ enum: ['xlsx'] })
  @IsIn(['xlsx'])
  format: 'xlsx';
}

/**
 * The owner's statistics (issue 8): each service computes its part, this composes them. Every period is checked
 * here by the shared statsPeriod (real dates, from ≤ to, at most 1,096 days) before any service is asked.
 */
@ApiTags('stats')
@ApiBearerAuth()
@Controller('stats')
export class StatsController {
  constructor(
    private readonly services: ServiceClient,
    private readonly doctors: DoctorNames,
  ) {}

  @Can('stats.pharmacy')
  @Get('pharmacy')
  pharmacy(@CurrentActor() actor: Actor, @Query() query: PharmacyStatsQuery): Promise<PharmacyStats> {
    statsPeriod(query.from, query.to);
    return this.pharmacyPart(actor, query);
  }

  @Can('stats.read')
  @Get('money')
  async money(@CurrentActor() actor: Actor, @Query() query: StatsPeriodQuery): Promise<MoneyStats> {
    const { from, to } = statsPeriod(query.from, query.to);
    const [money, names] = await Promise.all([this.moneyPart(actor, from, to), this.doctors.of(actor)]);
    return named(money, names);
  }

  /** This period's four parts and the previous period's flow and money (same length, ending the day before), asked at once. */
  @Can('stats.read')
  @Get('dashboard')
  async dashboard(@CurrentActor() actor: Actor, @Query() query: StatsPeriodQuery): Promise<DashboardReply> {
    const p = statsPeriod(query.from, query.to);
    const [flow, clinical, pharmacy, money, previousFlow, previousMoney, names] = await Promise.all([
      this.services.send<FlowStats>('patient', Patterns.patient.statsFlow, { from: p.from, to: p.to }, actor, STATS_TIMEOUT_MS),
      this.services.send<ClinicalStats>('patient', Patterns.patient.statsClinical, { from: p.from, to: p.to }, actor, STATS_TIMEOUT_MS),
      this.pharmacyPart(actor, { from: p.from, to: p.to }),
      this.moneyPart(actor, p.from, p.to),
      this.services.send<FlowStats>('patient', Patterns.patient.statsFlow, { from: p.previousFrom, to: p.previousTo }, actor, STATS_TIMEOUT_MS),
      this.moneyPart(actor, p.previousFrom, p.previousTo),
      this.doctors.of(actor),
    ]);
    return {
      from: p.from,
      to: p.to,
      previousFrom: p.previousFrom,
      previousTo: p.previousTo,
      flow,
      clinical,
      pharmacy,
      money: named(money, names),
      previous: { flow: previousFlow, money: named(previousMoney, names) },
    };
  }

  /** The pharmacy figures as an .xlsx: stock value, the usage ranking and the reorder suggestions. */
  @Can('stats.pharmacy')
  @Get('pharmacy/export')
  @ApiProduces(XLSX_TYPE)
  async pharmacyExport(@CurrentActor() actor: Actor, @Query() query: PharmacyStatsExportQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    statsPeriod(query.from, query.to);
    const stats = await this.pharmacyPart(actor, { from: query.from, to: query.to, coverDays: query.coverDays });
    return download(reply, xlsxOf(pharmacyTable(stats)), `pharmacy-stats-${query.from}_${query.to}.xlsx`, `药房统计_${query.from}_${query.to}.xlsx`);
  }

  /** The money figures as an .xlsx: the totals, then by day, method, department and doctor. */
  @Can('stats.read')
  @Get('money/export')
  @ApiProduces(XLSX_TYPE)
  async moneyExport(@CurrentActor() actor: Actor, @Query() query: StatsExportQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    const stats = await this.money(actor, { from: query.from, to: query.to });
    return download(reply, xlsxOf(moneyTable(stats)), `money-stats-${query.from}_${query.to}.xlsx`, `收支统计_${query.from}_${query.to}.xlsx`);
  }

  private pharmacyPart(actor: Actor, query: PharmacyStatsQuery): Promise<PharmacyStats> {
    return this.services.send<PharmacyStats>('pharmacy', Patterns.pharmacy.stats, query, actor, STATS_TIMEOUT_MS);
  }

  private moneyPart(actor: Actor, from: string, to: string): Promise<MoneyStats> {
    return this.services.send<MoneyStats>('billing', Patterns.billing.stats, { from, to }, actor, STATS_TIMEOUT_MS);
  }
}

/** Billing knows doctors by id; their names are patient-svc's. */
function named(money: MoneyStats, names: Record<string, string>): MoneyStats {
  return { ...money, byDoctor: money.byDoctor.map((r) => (r.key !== null && names[r.key] ? { ...r, label: names[r.key] } : r)) };
}

function download(reply: FastifyReply, bytes: Buffer, ascii: string, fileName: string): Buffer {
  reply.header('Content-Type', XLSX_TYPE);
  reply.header('Content-Disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`);
  reply.header('Cache-Control', 'no-store');
  return bytes;
}
