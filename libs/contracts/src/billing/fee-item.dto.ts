import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min, registerDecorator, type ValidationArguments } from 'class-validator';
import { DOCTOR_TITLES, type DoctorTitle } from '../roles';

/** 挂号费, 诊查费, 检查费, 化验费, 治疗费, 材料费, 其他. Drugs are billed from prescriptions, not fee items. */
export const FEE_CATEGORIES = ['REGISTRATION', 'CONSULTATION', 'EXAMINATION', 'LAB', 'TREATMENT', 'MATERIAL', 'OTHER'] as const;
export type FeeCategory = (typeof FEE_CATEGORIES)[number];

export const FEE_CATEGORY_LABELS: Record<FeeCategory, string> = {
  REGISTRATION: '挂号费',
  CONSULTATION: '诊查费',
  EXAMINATION: '检查费',
  LAB: '化验费',
  TREATMENT: '治疗费',
  MATERIAL: '材料费',
  OTHER: '其他',
};

/** A doctor title belongs to a registration fee (挂号费 by 职称) and to nothing else. */
function OnlyForRegistration() {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'onlyForRegistration',
      target: target.constructor,
      propertyName,
      validator: {
        validate: (_: unknown, args: ValidationArguments) => (args.object as { category?: unknown }).category === 'REGISTRATION',
        defaultMessage: () => 'doctorTitle is only for fee items of category REGISTRATION',
      },
    });
}

export class CreateFeeItemDto {
  @ApiProperty({ example: '血常规', maxLength: 50 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  name: string;

  @ApiProperty({ description: 'price in fen', example: 2500 })
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  priceFen: number;

  @ApiProperty({ enum: FEE_CATEGORIES })
  @IsIn(FEE_CATEGORIES)
  category: FeeCategory;

  @ApiPropertyOptional({ enum: DOCTOR_TITLES, description: 'REGISTRATION only: the registration fee of doctors with this title; one item per title' })
  @IsOptional()
  @IsIn(DOCTOR_TITLES)
  @OnlyForRegistration()
  doctorTitle?: DoctorTitle;
}

/** Every field optional. A new price starts a new history row; `active: false` retires the item (not offered any more). */
export class UpdateFeeItemDto {
  @ApiPropertyOptional({ example: '血常规', maxLength: 50 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  name?: string;

  @ApiPropertyOptional({ description: 'price in fen', example: 2600 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  priceFen?: number;

  @ApiPropertyOptional({ description: 'false retires the item; true offers it again' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ enum: DOCTOR_TITLES, nullable: true, description: 'REGISTRATION items only; null clears it' })
  @IsOptional()
  @IsIn(DOCTOR_TITLES)
  doctorTitle?: DoctorTitle | null;
}

export class ListFeeItemsQuery {
  @ApiPropertyOptional({ description: '1: retired items too', enum: ['1', '0', 'true', 'false'] })
  @IsOptional()
  @Transform(({ value }) => (value === '1' || value === 'true' ? true : value === '0' || value === 'false' ? false : value))
  @IsBoolean({ message: 'all must be 1 or 0' })
  all?: boolean;
}

export interface FeeItemReply {
  id: string;
  name: string;
  priceFen: number;
  category: FeeCategory;
  /** REGISTRATION items priced by doctor title; null otherwise. */
  doctorTitle: DoctorTitle | null;
  /** False once retired: kept for history, not offered. */
  active: boolean;
  createdAt: string;
}

export interface FeeItemPriceReply {
  priceFen: number;
  /** When this price took effect (ISO). */
  effectiveFrom: string;
  /** Staff id, or `migration` for the price an item had before history was kept. */
  changedBy: string;
}
