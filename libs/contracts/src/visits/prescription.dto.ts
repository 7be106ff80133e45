import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { PageQuery } from '../common';
import type { ControlClass } from '../pharmacy/drug.dto';

/** Frequency codes a prescription line may carry (their labels and doses per day are in libs/rules). */
export const FREQUENCY_CODES = ['qd', 'bid', 'tid', 'qid', 'qn', 'q8h', 'q12h', 'qod', 'qw', 'prn', 'st'] as const;

export const PRESCRIPTION_KINDS = ['NORMAL', 'EMERGENCY'] as const;
export type PrescriptionKind = (typeof PRESCRIPTION_KINDS)[number];

export class PrescriptionItemDto {
  @ApiProperty()
  @IsUUID()
  drugId: string;

  @ApiProperty({ description: '单次用量', example: '0.5g', maxLength: 30 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(30)
  dosage: string;

  @ApiProperty({ enum: FREQUENCY_CODES, example: 'tid' })
  @IsIn(FREQUENCY_CODES)
  frequency: string;

  @ApiProperty({ description: '给药途径', example: '口服', maxLength: 20 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(20)
  route: string;

  @ApiProperty({ description: 'days of supply', example: 3 })
  @IsInt()
  @Min(1)
  @Max(90)
  days: number;

  @ApiProperty({ description: 'units to dispense, in the drug\'s unit (盒)', example: 1 })
  @IsInt()
  @Min(1)
  @Max(1000)
  quantity: number;
}

export class CreatePrescriptionDto {
  @ApiProperty({ type: [PrescriptionItemDto], description: 'at most 5 drugs (处方管理办法)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => PrescriptionItemDto)
  items: PrescriptionItemDto[];

  @ApiPropertyOptional({ enum: PRESCRIPTION_KINDS, default: 'NORMAL', description: '急诊处方: at most 3 days' })
  @IsOptional()
  @IsIn(PRESCRIPTION_KINDS)
  kind?: PrescriptionKind;

  @ApiPropertyOptional({ description: 'why more than 7 days are needed (chronic illness, old age, distance)', maxLength: 200 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  overLimitReason?: string;

  @ApiPropertyOptional({ description: 'the doctor confirms prescribing a drug of a class the patient is allergic to, saying why (audited)', maxLength: 200 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  allergyOverrideReason?: string;
}

export type PrescriptionStatus = 'DRAFT' | 'SIGNED' | 'CANCELLED';

export interface PrescriptionLineReply {
  drugId: string;
  name: string;
  spec: string;
  unit: string;
  controlClass: ControlClass;
  dosage: string;
  frequency: string;
  route: string;
  days: number;
  quantity: number;
  /** The price pharmacy reserved at; null until signed. */
  unitPriceFen: number | null;
  amountFen: number | null;
}

export interface PrescriptionReply {
  id: string;
  encounterId: string;
  patientId: string;
  patientName: string;
  doctorName: string;
  kind: PrescriptionKind;
  status: PrescriptionStatus;
  overLimitReason: string | null;
  allergyOverrideReason: string | null;
  validUntil: string | null;
  signedAt: string | null;
  totalFen: number | null;
  lines: PrescriptionLineReply[];
  createdAt: string;
}

/** Details of PRESCRIPTION.ALLERGY: each drug whose class the patient is recorded as allergic to. */
export interface AllergyWarning {
  drugId: string;
  name: string;
  allergyClass: string;
}

export class ListPrescriptionsQuery extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  encounterId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  patientId?: string;
}

export class CancelPrescriptionDto {
  @ApiProperty({ example: '患者拒绝取药', maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  reason: string;
}
