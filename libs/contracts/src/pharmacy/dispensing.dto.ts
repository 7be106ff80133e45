import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { PageQuery } from '../common';

/**
 * A prescription as pharmacy knows it. RESERVED: signed, stock held, not paid. READY: paid, waiting at the window.
 * DISPENSED: handed out (returns may follow). RELEASED: cancelled before payment. LAPSED: never paid in time.
 */
export const PHARMACY_ORDER_STATUSES = ['RESERVED', 'READY', 'DISPENSED', 'RELEASED', 'LAPSED'] as const;
export type PharmacyOrderStatus = (typeof PHARMACY_ORDER_STATUSES)[number];

export class ReserveItemDto {
  @ApiProperty()
  @IsUUID()
  drugId: string;

  @ApiProperty({ description: 'units of the drug (its unit: boxes, bottles)' })
  @IsInt()
  @Min(1)
  @Max(10_000)
  quantity: number;

  @ApiPropertyOptional({ description: '单次用量, as printed on the label', example: '0.5g' })
  @IsOptional()
  @IsString()
  @MaxLength(30)
  dosage?: string;

  @ApiPropertyOptional({ example: 'tid' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  frequency?: string;

  @ApiPropertyOptional({ example: '口服' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  route?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(90)
  days?: number;
}

/** The reservation contract: the prescriptions service calls it when a doctor signs. */
export class ReserveDto {
  @ApiProperty({ description: 'the idempotency key: the same prescription reserves once' })
  @IsUUID()
  prescriptionId: string;

  @ApiProperty()
  @IsUUID()
  patientId: string;

  @ApiProperty({ description: 'printed on the label and shown at the window', maxLength: 50 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  patientName: string;

  @ApiPropertyOptional({ maxLength: 50 })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  doctorName?: string;

  @ApiProperty({ description: 'the prescription may not be dispensed after this instant' })
  @IsISO8601({ strict: true })
  validUntil: string;

  @ApiProperty({ type: [ReserveItemDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ReserveItemDto)
  items: ReserveItemDto[];
}

export class PrescriptionRefDto {
  @ApiProperty()
  @IsUUID()
  prescriptionId: string;
}

export interface ReservationLineReply {
  drugId: string;
  name: string;
  spec: string;
  unit: string;
  quantity: number;
  /** The price charged: the drug's price when the stock was reserved. */
  unitPriceFen: number;
  amountFen: number;
}

export interface ReservationReply {
  prescriptionId: string;
  status: PharmacyOrderStatus;
  lines: ReservationLineReply[];
  totalFen: number;
}

/** Details of STOCK.INSUFFICIENT: each short drug with what can still be had. */
export interface StockShortage {
  drugId: string;
  name: string;
  requested: number;
  available: number;
}

export class DispensingQuery extends PageQuery {
  @ApiPropertyOptional({ enum: PHARMACY_ORDER_STATUSES, default: 'READY' })
  @IsOptional()
  @IsIn(PHARMACY_ORDER_STATUSES)
  status?: PharmacyOrderStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  patientId?: string;
}

export interface DispensingLineReply extends ReservationLineReply {
  lineId: string;
  dosage: string | null;
  frequency: string | null;
  route: string | null;
  days: number | null;
  /** The batches the line was taken from (empty before dispensing). */
  batches: { batchNo: string; expiryDate: string; quantity: number }[];
  returnedQuantity: number;
}

export interface DispensingReply {
  prescriptionId: string;
  patientId: string;
  patientName: string;
  doctorName: string | null;
  status: PharmacyOrderStatus;
  validUntil: string;
  reservedAt: string;
  paidAt: string | null;
  dispensedAt: string | null;
  dispensedBy: string | null;
  totalFen: number;
  lines: DispensingLineReply[];
}

export class ReturnItemDto {
  @ApiProperty()
  @IsUUID()
  drugId: string;

  @ApiProperty()
  @IsInt()
  @Min(1)
  @Max(10_000)
  quantity: number;
}

export class ReturnDto {
  @ApiProperty({ type: [ReturnItemDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ReturnItemDto)
  items: ReturnItemDto[];

  @ApiProperty({ example: '患者过敏停药', maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  reason: string;
}

export interface ReturnReply {
  id: string;
  prescriptionId: string;
  items: { drugId: string; quantity: number; amountFen: number }[];
  amountFen: number;
}

export class RefundReleaseLineDto {
  @ApiProperty()
  @IsUUID()
  drugId: string;

  @ApiProperty({ minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(100_000)
  quantity: number;
}

/**
 * Billing refunds units of a paid prescription that were never handed out: pharmacy takes them off the order and
 * frees what it held for them. Idempotent by refund id; refused once the prescription was dispensed.
 */
export class RefundReleaseDto {
  @ApiProperty()
  @IsUUID()
  prescriptionId: string;

  @ApiProperty({ description: 'the idempotency key: one refund releases once' })
  @IsUUID()
  refundId: string;

  @ApiProperty({ type: [RefundReleaseLineDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => RefundReleaseLineDto)
  lines: RefundReleaseLineDto[];
}
