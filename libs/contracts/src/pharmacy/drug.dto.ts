import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { SearchQuery } from '../common';
import { DRUG_ALLERGY_CLASSES, type DrugAllergyClass } from '../patients/patient.dto';

/** 管制类别: ordinary, class-2 psychotropic (二类精神药品), toxic (医疗用毒性药品), narcotic (麻醉药品). */
export const CONTROL_CLASSES = ['ORDINARY', 'PSYCHOTROPIC_2', 'TOXIC', 'NARCOTIC'] as const;
export type ControlClass = (typeof CONTROL_CLASSES)[number];

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

  @ApiProperty({ description: '规格', example: '0.25g*24粒', maxLength: 100 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  spec: string;

  @ApiPropertyOptional({ description: '剂型', example: '胶囊剂', maxLength: 20 })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  dosageForm?: string;

  @ApiProperty({ description: 'the unit stock is counted and sold in', example: '盒', maxLength: 10 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(10)
  unit: string;

  @ApiPropertyOptional({ description: 'doses in one unit (24 capsules in a box)', example: 24 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000)
  packSize?: number;

  @ApiProperty({ description: 'retail price per unit in fen', example: 1850 })
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  priceFen: number;

  @ApiPropertyOptional({ description: '药品分类', example: '抗感染药', maxLength: 30 })
  @IsOptional()
  @IsString()
  @MaxLength(30)
  category?: string;

  @ApiProperty({ description: 'available stock (in units) below which a low-stock alert is raised', example: 20 })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  reorderLevel: number;

  @ApiPropertyOptional({ example: '6901234567892' })
  @IsOptional()
  @IsString()
  @Matches(/^[0-9A-Za-z-]{4,32}$/, { message: 'barcode must be 4-32 letters, digits or dashes' })
  barcode?: string;

  @ApiPropertyOptional({ description: '处方药 (false: OTC)', default: true })
  @IsOptional()
  @IsBoolean()
  isPrescription?: boolean;

  @ApiPropertyOptional({ enum: CONTROL_CLASSES, default: 'ORDINARY' })
  @IsOptional()
  @IsIn(CONTROL_CLASSES)
  controlClass?: ControlClass;

  @ApiPropertyOptional({ enum: DRUG_ALLERGY_CLASSES, description: 'a patient allergic to this class is warned about the drug' })
  @IsOptional()
  @IsIn(DRUG_ALLERGY_CLASSES)
  allergyClass?: DrugAllergyClass;
}

export class UpdateDrugDto extends PartialType(CreateDrugDto) {
  @ApiPropertyOptional({ description: 'false: no longer stocked or prescribed' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class DrugSearchQuery extends SearchQuery {
  @ApiPropertyOptional({ description: 'include drugs that are no longer active' })
  @IsOptional()
  @Type(() => Boolean)
  @IsBoolean()
  includeInactive?: boolean;
}

export interface DrugReply {
  id: string;
  name: string;
  genericName: string | null;
  spec: string;
  dosageForm: string | null;
  unit: string;
  packSize: number;
  priceFen: number;
  category: string | null;
  reorderLevel: number;
  barcode: string | null;
  isPrescription: boolean;
  controlClass: ControlClass;
  allergyClass: DrugAllergyClass | null;
  active: boolean;
  /** Stock that can be reserved now: on hand − reserved − expired. */
  available: number;
  createdAt: string;
}

export interface DrugPriceReply {
  priceFen: number;
  effectiveFrom: string;
  changedBy: string;
}
