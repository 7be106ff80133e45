import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

export class CreateDrugDto {
  @ApiProperty({ example: '阿莫西林胶囊', maxLength: 100 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  @ApiPropertyOptional({ example: '阿莫西林', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  genericName?: string;

  @ApiProperty({ example: '0.25g*24粒', maxLength: 100 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  spec: string;

  @ApiProperty({ example: '盒', maxLength: 10 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(10)
  unit: string;

  @ApiProperty({ description: 'price per unit in fen', example: 1850 })
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  priceFen: number;

  @ApiProperty({ description: 'stock level (in units) that raises a low-stock alert', example: 20 })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  reorderLevel: number;

  @ApiPropertyOptional({ example: '6901234567892' })
  @IsOptional()
  @IsString()
  @Matches(/^[0-9A-Za-z-]{4,32}$/, { message: 'barcode must be 4-32 letters, digits or dashes' })
  barcode?: string;

  @ApiPropertyOptional({ description: '处方药', default: true })
  @IsOptional()
  @IsBoolean()
  isPrescription?: boolean;
}

export interface DrugReply {
  id: string;
  name: string;
  genericName: string | null;
  spec: string;
  unit: string;
  priceFen: number;
  reorderLevel: number;
  barcode: string | null;
  isPrescription: boolean;
  createdAt: string;
}
