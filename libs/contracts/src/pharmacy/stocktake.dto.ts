import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateNested } from 'class-validator';

export class CreateStocktakeDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  note?: string;
}

export class StocktakeCountDto {
  @ApiProperty()
  @IsUUID()
  batchId: string;

  @ApiProperty({ description: 'units counted on the shelf' })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  actualQuantity: number;
}

export class StocktakeCountsDto {
  @ApiProperty({ type: [StocktakeCountDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => StocktakeCountDto)
  counts: StocktakeCountDto[];
}

export type StocktakeStatus = 'OPEN' | 'CONFIRMED' | 'CANCELLED';

export interface StocktakeLineReply {
  batchId: string;
  drugId: string;
  drugName: string;
  spec: string;
  unit: string;
  batchNo: string;
  expiryDate: string;
  /** The book quantity when the stocktake was frozen. */
  frozenQuantity: number;
  /**
   * The book quantity when the count was entered: the frozen quantity plus what moved since (dispensing goes on
   * during a stocktake). The variance is taken against this, not the frozen figure. Null until counted.
   */
  bookQuantity: number | null;
  actualQuantity: number | null;
  varianceQuantity: number | null;
  unitCostFen: number;
  varianceFen: number | null;
}

export interface StocktakeReply {
  id: string;
  status: StocktakeStatus;
  note: string | null;
  createdBy: string;
  createdAt: string;
  confirmedAt: string | null;
  counted: number;
  lineCount: number;
  varianceQuantity: number;
  varianceFen: number;
  lines: StocktakeLineReply[];
}
