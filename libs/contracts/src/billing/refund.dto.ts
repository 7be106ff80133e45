import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import type { PaymentMethod } from './bill.dto';

export class RefundLineDto {
  @ApiProperty()
  @IsUUID()
  lineId: string;

  @ApiPropertyOptional({ description: 'units given back (drug lines are refunded by units)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000)
  quantity?: number;

  @ApiPropertyOptional({ description: 'part of a service line, in fen' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000_000)
  amountFen?: number;
}

export class CreateRefundDto {
  @ApiProperty({ type: [RefundLineDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => RefundLineDto)
  lines: RefundLineDto[];

  @ApiProperty({ maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  reason: string;
}

export interface RefundLegReply {
  id: string;
  paymentId: string;
  method: PaymentMethod;
  amountFen: number;
  status: 'PENDING' | 'SUCCEEDED' | 'FAILED';
  /** WeChat Pay's out_refund_no: the same on every retry of this leg. */
  outRefundNo: string;
  businessDate: string | null;
}

export interface RefundReply {
  id: string;
  billId: string;
  amountFen: number;
  reason: string;
  /** PENDING while a leg waits for WeChat Pay or 医保; FAILED when nothing moved (e.g. the drugs were dispensed meanwhile). */
  status: 'PENDING' | 'SUCCEEDED' | 'FAILED';
  lines: { billLineId: string; quantity: number; amountFen: number }[];
  legs: RefundLegReply[];
  createdAt: string;
  completedAt: string | null;
}
