import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

/**
 * The owner's figures (issue 8). Each service computes the aggregates of its own data; the gateway composes the
 * dashboard. Periods are clinic days (CLINIC_TIMEZONE), from..to inclusive, at most 3 years; an empty period gives
 * zeros and empty lists. Money is integer fen. A rate comes with its numerator and denominator, so it is exact.
 */
export class StatsPeriodQuery {
  @ApiProperty({ example: '2026-11-01' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  from: string;

  @ApiProperty({ example: '2026-11-30' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  to: string;
}

export class PharmacyStatsQuery extends StatsPeriodQuery {
  @ApiPropertyOptional({ description: 'reorder suggestions cover this many days of recent use', default: 30 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(365)
  coverDays?: number;
}

export const STATS_PARTS = ['flow', 'clinical', 'pharmacy', 'money'] as const;
export type StatsPart = (typeof STATS_PARTS)[number];

export class StatsExportQuery extends StatsPeriodQuery {
  @ApiProperty({ enum: ['xlsx'] })
  @IsIn(['xlsx'])
  format: 'xlsx';
}

export interface Rate {
  numerator: number;
  denominator: number;
  /** numerator / denominator rounded to 4 decimals; 0 when the denominator is 0. */
  ratio: number;
}

export interface Minutes {
  /** Whole minutes; null when nothing was measured. */
  avg: number | null;
  p90: number | null;
  count: number;
}

export interface Keyed {
  /** A date, an hour, an id or a code; null for "not given" (no department, no doctor). */
  key: string | null;
  label: string;
  value: number;
}

/** patient-svc: visits and the queue. A visit is an encounter started in the period. */
export interface FlowStats {
  from: string;
  to: string;
  visits: number;
  visitsByDay: Keyed[];
  /** 0..23 in the clinic zone, all 24 present. */
  visitsByHour: Keyed[];
  /** A patient whose first encounter ever is in the period is new; the others with a visit are returning. */
  newPatients: number;
  returningPatients: number;
  byDepartment: Keyed[];
  byDoctor: Keyed[];
  /** Appointments of the period's days by how they were booked. */
  bookingChannel: { wechat: number; desk: number; walkIn: number };
  /** Appointments of days in the period that ended NO_SHOW, over all appointments of those days not cancelled. */
  noShowRate: Rate;
  /** From check-in to the doctor's call. */
  waitMinutes: Minutes;
  /** From the encounter's start to its finish. */
  consultationMinutes: Minutes;
}

/** patient-svc: diagnoses and prescriptions, with the previous period of the same length for the trend. */
export interface ClinicalStats {
  from: string;
  to: string;
  previousFrom: string;
  previousTo: string;
  topDiagnoses: { code: string; name: string; count: number; previousCount: number }[];
  topChapters: { chapter: string; title: string; count: number; previousCount: number }[];
  encounters: number;
  prescriptions: number;
  prescriptionsPerVisit: Rate;
  /** Signed (not cancelled) prescriptions: total value / count, whole fen. */
  averagePrescriptionFen: number;
}

/** pharmacy-svc. */
export interface PharmacyStats {
  from: string;
  to: string;
  usage: { drugId: string; name: string; spec: string; unit: string; quantity: number; amountFen: number }[];
  stockValue: { costFen: number; retailFen: number };
  daysLeft: { drugId: string; name: string; available: number; dailyUse: number; daysLeft: number | null }[];
  /** What to buy to cover `coverDays` of the last 30 days' use, after what is on hand. */
  reorder: { drugId: string; name: string; spec: string; unit: string; available: number; dailyUse: number; suggestQuantity: number; lastSupplierId: string | null; lastUnitCostFen: number | null }[];
  coverDays: number;
}

/** billing-svc: from the cashier's journal and the bills. */
export interface MoneyStats {
  from: string;
  to: string;
  receivedFen: number;
  refundedFen: number;
  netFen: number;
  byDay: Keyed[];
  byMethod: Keyed[];
  byDepartment: Keyed[];
  byDoctor: Keyed[];
  /** 医保's part of what was received. */
  insuranceShare: Rate;
  /** Bills paid in the period: total / count, whole fen. */
  averageBillFen: number;
  bills: number;
}

export interface DashboardReply {
  from: string;
  to: string;
  previousFrom: string;
  previousTo: string;
  flow: FlowStats;
  clinical: ClinicalStats;
  pharmacy: PharmacyStats;
  money: MoneyStats;
  /** The same figures for the previous period of equal length, for the comparison. */
  previous: { flow: FlowStats; money: MoneyStats };
}
