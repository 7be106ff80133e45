import { ApiProperty } from '@nestjs/swagger';
import { IsIn, Matches, registerDecorator, type ValidationArguments } from 'class-validator';
import { DATE_ONLY } from '../pharmacy/stock.dto';
import type { PaymentMethod } from './bill.dto';
import { FEE_CATEGORY_LABELS, type FeeCategory } from './fee-item.dto';

export const REVENUE_GROUPS = ['day', 'department', 'doctor', 'method', 'category'] as const;
export type RevenueGroupBy = (typeof REVENUE_GROUPS)[number];
export const EXPORT_FORMATS = ['xlsx', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
/** A report covers at most this many clinic days (a leap year). */
export const REPORT_MAX_DAYS = 366;

export const PAYMENT_METHOD_LABELS: Record<PaymentMethod, string> = { CASH: '现金', CARD: '银行卡', WECHAT: '微信支付', INSURANCE: '医保' };

/** Revenue by category: drug lines, registration lines, and service lines by their fee item's category. */
export type RevenueCategory = FeeCategory | 'DRUG';
export const REVENUE_CATEGORIES: readonly RevenueCategory[] = ['REGISTRATION', 'DRUG', 'CONSULTATION', 'EXAMINATION', 'LAB', 'TREATMENT', 'MATERIAL', 'OTHER'];
export const REVENUE_CATEGORY_LABELS: Record<RevenueCategory, string> = { ...FEE_CATEGORY_LABELS, DRUG: '药品' };

/** A real calendar day (2026-02-30 is not one), as YYYY-MM-DD. */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !DATE_ONLY.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10) === value;
}

function daysBetween(from: string, to: string): number {
  const at = (s: string) => Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10)));
  return Math.round((at(to) - at(from)) / 86_400_000);
}

export function IsCalendarDate() {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName,
      validator: { validate: isCalendarDate, defaultMessage: (args: ValidationArguments) => `${args.property} must be a date YYYY-MM-DD` },
    });
}

/** The last day of a period: a date, not before `from`, at most REPORT_MAX_DAYS days counted inclusively. */
function IsPeriodEnd() {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isPeriodEnd',
      target: target.constructor,
      propertyName,
      validator: {
        validate: (value: unknown, args: ValidationArguments) => {
          const from = (args.object as { from?: unknown }).from;
          if (!isCalendarDate(value)) return false;
          if (!isCalendarDate(from)) return true; // `from` reports its own error
          const days = daysBetween(from, value);
          return days >= 0 && days < REPORT_MAX_DAYS;
        },
        defaultMessage: (args: ValidationArguments) => {
          const from = (args.object as { from?: unknown }).from;
          if (!isCalendarDate(args.value)) return 'to must be a date YYYY-MM-DD';
          if (isCalendarDate(from) && args.value < from) return 'to must not be before from';
          return `a period is at most ${REPORT_MAX_DAYS} days`;
        },
      },
    });
}

export class RevenueQuery {
  @ApiProperty({ example: '2026-11-01', description: 'first clinic day (CLINIC_TIMEZONE), inclusive' })
  @Matches(DATE_ONLY, { message: 'from must be YYYY-MM-DD' })
  @IsCalendarDate()
  from: string;

  @ApiProperty({ example: '2026-11-30', description: `last clinic day, inclusive; at most ${REPORT_MAX_DAYS} days from \`from\`` })
  @IsPeriodEnd()
  to: string;

  @ApiProperty({ enum: REVENUE_GROUPS })
  @IsIn(REVENUE_GROUPS)
  groupBy: RevenueGroupBy;
}

export class RevenueExportQuery extends RevenueQuery {
  @ApiProperty({ enum: EXPORT_FORMATS })
  @IsIn(EXPORT_FORMATS)
  format: ExportFormat;
}

/** Integer fen. received − refunded − reversed = net. */
export interface RevenueFigures {
  /** day/department/doctor/method: money taken (journal PAYMENT rows); category: the lines charged on bills paid in the period. */
  receivedFen: number;
  /** Money given back (journal REFUND rows; category: refund lines completed in the period), as a positive number. */
  refundedFen: number;
  /** Payments taken back by a correction (journal REVERSAL rows), positive; always 0 by category. */
  reversedFen: number;
  netFen: number;
  /** How many payments were taken; by category: how many bills paid in the period had lines of it (the total counts each bill once). */
  payments: number;
}

export interface RevenueRow extends RevenueFigures {
  /**
   * day: YYYY-MM-DD; department: departmentId; doctor: doctorId; method: PaymentMethod; category: RevenueCategory.
   * null for money on bills with no department or doctor.
   */
  key: string | null;
  /** What to show: the day, the department's or doctor's name (the id when the name is not known), 现金, 药品 … */
  label: string;
}

export interface RevenueReply {
  from: string;
  to: string;
  groupBy: RevenueGroupBy;
  /** The zone whose calendar days the period counts. */
  timeZone: string;
  rows: RevenueRow[];
  totals: RevenueFigures;
}

/**
 * Message payload of billing.reports.revenue-export: the query, and names for keys billing does not know
 * (the gateway passes doctors' names from patient-svc).
 */
export interface RevenueExportRequest {
  query: RevenueExportQuery;
  labels?: Record<string, string>;
}

/** A file over the wire: the gateway sends the bytes on with this type and name. */
export interface FileReply {
  fileName: string;
  contentType: string;
  base64: string;
}
