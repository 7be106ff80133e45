import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { PageQuery } from '../common';
import { DATE_ONLY } from '../pharmacy/stock.dto';
import type { PaymentMethod } from './bill.dto';

/** A clinic day (营业日) as the path names it: a real calendar date, YYYY-MM-DD. */
export class SettlementDateParam {
  @ApiProperty({ example: '2026-11-26', description: 'the business day, in the clinic\'s time zone' })
  @IsISO8601({ strict: true }, { message: 'date must be a calendar date YYYY-MM-DD' })
  @Matches(DATE_ONLY, { message: 'date must be YYYY-MM-DD' })
  date: string;
}

/** The daily close (日结): the day, and the cash the cashier counted in the drawer. */
export class CloseDayDto extends SettlementDateParam {
  @ApiProperty({ description: 'cash counted in the drawer, in fen', example: 123400 })
  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  countedCashFen: number;

  @ApiPropertyOptional({ maxLength: 200, description: 'why the count differs, who counted' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  note?: string;
}

/** Closed days between two dates (both inclusive, both optional), newest first. */
export class ListSettlementsQuery extends PageQuery {
  @ApiPropertyOptional({ example: '2026-11-01' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be a calendar date YYYY-MM-DD' })
  @Matches(DATE_ONLY, { message: 'from must be YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-11-30' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be a calendar date YYYY-MM-DD' })
  @Matches(DATE_ONLY, { message: 'to must be YYYY-MM-DD' })
  to?: string;
}

/** A correction (冲正) of a desk payment taken by mistake: booked on an open day, never an edit. */
export class ReversePaymentDto {
  @ApiProperty({ maxLength: 200, example: '收款方式选错，应为银行卡' })
  @IsString()
  @IsNotEmpty()
  @Matches(/\S/, { message: 'reason must not be blank' })
  @MaxLength(200)
  reason: string;
}

/**
 * What a receipt message carries beside the bill id: the patient's name to print (billing keeps no names), and,
 * for a patient account, the patients it may see — a bill of anyone else answers NOT_FOUND.
 */
export class ReceiptRequest {
  @IsString()
  @MaxLength(64)
  id: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  patientName?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  patientIds?: string[];
}

/** The money of one method on one day, from the journal. Amounts out are positive; net is in minus out. */
export interface SettlementMethodTotals {
  method: PaymentMethod;
  paymentsFen: number;
  paymentCount: number;
  refundsFen: number;
  refundCount: number;
  reversalsFen: number;
  reversalCount: number;
  netFen: number;
}

export type SettlementTotals = Omit<SettlementMethodTotals, 'method'>;

/**
 * A business day's settlement: live totals while the day is OPEN (no id, nothing counted), the stored settlement
 * once CLOSED. `methods` always lists CASH, CARD, WECHAT and INSURANCE, in that order.
 */
export interface DailySettlementReply {
  id: string | null;
  date: string;
  status: 'OPEN' | 'CLOSED';
  methods: SettlementMethodTotals[];
  totals: SettlementTotals;
  /** Net cash of the day: what the drawer should hold. */
  expectedCashFen: number;
  countedCashFen: number | null;
  /** counted - expected: negative when cash is short. */
  differenceFen: number | null;
  note: string | null;
  closedBy: string | null;
  closedAt: string | null;
}

export interface PaymentReversalReply {
  id: string;
  paymentId: string;
  billId: string;
  method: PaymentMethod;
  /** The payment's amount, taken back off the bill (positive). */
  amountFen: number;
  reason: string;
  /** The open day the reversal is booked to: today, or the next open day when today is closed. */
  businessDate: string;
  createdBy: string;
  createdAt: string;
}

/** The receipt between processes: the gateway sends the bytes on as application/pdf. */
export interface ReceiptPdfReply {
  pdfBase64: string;
}
