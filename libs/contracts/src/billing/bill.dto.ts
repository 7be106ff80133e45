import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, Min, ValidateIf } from 'class-validator';
import { PageQuery } from '../common';
import type { RefundReply } from './refund.dto';

export const BILL_STATUSES = ['OPEN', 'PARTIALLY_PAID', 'PAID', 'PARTIALLY_REFUNDED', 'REFUNDED'] as const;
export type BillStatus = (typeof BILL_STATUSES)[number];
export const PAYMENT_METHODS = ['CASH', 'CARD', 'WECHAT', 'INSURANCE'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
export const PAYMENT_STATUSES = ['PENDING', 'SUCCEEDED', 'CLOSED'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];
/** Methods the cashier takes at the desk; WeChat and 医保 go through their adapters. */
export const DESK_METHODS = ['CASH', 'CARD'] as const;

export class ListBillsQuery extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  patientId?: string;

  @ApiPropertyOptional({ enum: BILL_STATUSES })
  @IsOptional()
  @IsIn(BILL_STATUSES)
  status?: BillStatus;
}

/** What the cashier sends: cash or card, or 医保 (which settles first; the self-paid rest stays due). */
export const CASHIER_METHODS = [...DESK_METHODS, 'INSURANCE'] as const;

export class CreatePaymentDto {
  @ApiProperty({ enum: CASHIER_METHODS })
  @IsIn(CASHIER_METHODS)
  method: (typeof CASHIER_METHODS)[number];

  @ApiPropertyOptional({ description: 'INSURANCE: the 医保 card or e-voucher number read at the desk' })
  @ValidateIf((o: CreatePaymentDto) => o.method === 'INSURANCE')
  @IsString()
  @Matches(/^[0-9A-Za-z]{6,32}$/)
  insuranceCardNo?: string;

  @ApiPropertyOptional({ description: 'fen taken for the bill (INSURANCE: leave out; the insurer decides its part)', example: 3700 })
  @ValidateIf((o: CreatePaymentDto) => o.method !== 'INSURANCE' || o.amountFen !== undefined)
  @IsInt()
  @Min(1)
  @Max(100_000_000)
  amountFen: number;

  @ApiPropertyOptional({ description: 'cash handed over, in fen (at least the amount); the change is the difference', example: 5000 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000_000)
  tenderedFen?: number;
}

export interface BillLineReply {
  id: string;
  kind: 'REGISTRATION' | 'DRUG' | 'SERVICE';
  /** The prescription, appointment or fee item the line charges for. */
  refId: string;
  /** The drug or fee item charged. */
  itemId: string | null;
  name: string;
  unitPriceFen: number;
  quantity: number;
  amountFen: number;
  /** Drug lines: units handed out by pharmacy, and units that came back (only those may be refunded once dispensed). */
  dispensedQty: number;
  returnedQty: number;
  refundedQty: number;
  refundedFen: number;
}

export interface PaymentReply {
  id: string;
  billId: string;
  method: PaymentMethod;
  status: PaymentStatus;
  amountFen: number;
  refundedFen: number;
  tenderedFen: number | null;
  changeFen: number | null;
  /** The clinic day the money is booked to (set once it succeeded). */
  businessDate: string | null;
  /** 医保: the fund and personal-account split. */
  detail: Record<string, unknown> | null;
  createdAt: string;
  paidAt: string | null;
}

export interface BillReply {
  id: string;
  patientId: string;
  sourceType: 'ENCOUNTER' | 'APPOINTMENT';
  sourceId: string;
  status: BillStatus;
  totalFen: number;
  /** Everything received; refunds are counted apart (net = paid - refunded). */
  paidFen: number;
  /** Held by an online payment that has not finished. */
  pendingFen: number;
  refundedFen: number;
  dueFen: number;
  doctorId: string | null;
  departmentId: string | null;
  lines: BillLineReply[];
  payments: PaymentReply[];
  refunds: RefundReply[];
  createdAt: string;
}

/** What the mini-program needs to pay a bill by WeChat: wx.requestPayment's parameters, signed by the merchant. */
export interface WechatPrepayReply {
  payment: PaymentReply;
  requestPayment: { timeStamp: string; nonceStr: string; package: string; signType: 'RSA'; paySign: string } | null;
  /** No merchant is configured (never in production): the development flow completes the payment instead. */
  development: boolean;
}
