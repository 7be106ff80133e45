import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';

export const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export class CreateSupplierDto {
  @ApiProperty({ example: '国药控股某某有限公司', maxLength: 100 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  @ApiPropertyOptional({ description: 'contact person and phone', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  contact?: string;
}

export class UpdateSupplierDto extends PartialType(CreateSupplierDto) {}

export interface SupplierReply {
  id: string;
  name: string;
  contact: string | null;
  createdAt: string;
}

export class StockInItemDto {
  @ApiProperty()
  @IsUUID()
  drugId: string;

  @ApiProperty({ description: '批号', example: '20260815A', maxLength: 40 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  batchNo: string;

  @ApiProperty({ description: '有效期至 (usable through this date)', example: '2028-07-31' })
  @Matches(DATE_ONLY, { message: 'expiryDate must be YYYY-MM-DD' })
  expiryDate: string;

  @ApiProperty({ description: 'units received (the drug\'s unit)', example: 100 })
  @IsInt()
  @Min(1, { message: 'quantity must be a positive number of units' })
  @Max(1_000_000)
  quantity: number;

  @ApiProperty({ description: 'purchase cost per unit in fen', example: 950 })
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  unitCostFen: number;
}

export class CreateStockInDto {
  @ApiProperty()
  @IsUUID()
  supplierId: string;

  @ApiProperty({ type: [StockInItemDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => StockInItemDto)
  items: StockInItemDto[];

  @ApiPropertyOptional({ description: 'the supplier\'s invoice or delivery note number', maxLength: 60 })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  invoiceNo?: string;
}

export interface StockInReply {
  id: string;
  supplierId: string;
  supplierName: string;
  invoiceNo: string | null;
  receivedBy: string;
  receivedAt: string;
  totalCostFen: number;
  items: { drugId: string; drugName: string; batchNo: string; expiryDate: string; quantity: number; unitCostFen: number }[];
}

export interface BatchReply {
  id: string;
  batchNo: string;
  expiryDate: string;
  /** On hand: in the cabinet, reserved or not. */
  quantity: number;
  reserved: number;
  /** EXPIRED once the expiry job has moved it out of stock. */
  status: 'ACTIVE' | 'EXPIRED';
  unitCostFen: number;
}

export interface StockReply {
  drugId: string;
  onHand: number;
  reserved: number;
  /** Units in batches past their expiry date, not yet moved out by the expiry job. */
  expired: number;
  available: number;
  batches: BatchReply[];
}

/** One movement of the stock ledger. */
export const LEDGER_TYPES = ['IN', 'RESERVE', 'RELEASE', 'DISPENSE', 'RETURN', 'ADJUST', 'STOCKTAKE', 'EXPIRE'] as const;
export type LedgerType = (typeof LEDGER_TYPES)[number];
