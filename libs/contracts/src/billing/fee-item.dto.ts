import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, IsNotEmpty, IsString, Max, MaxLength, Min } from 'class-validator';

/** 挂号费, 诊查费, 检查费, 化验费, 治疗费, 材料费, 其他. Drugs are billed from prescriptions, not fee items. */
export const FEE_CATEGORIES = ['REGISTRATION', 'CONSULTATION', 'EXAMINATION', 'LAB', 'TREATMENT', 'MATERIAL', 'OTHER'] as const;
export type FeeCategory = (typeof FEE_CATEGORIES)[number];

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
}

export interface FeeItemReply {
  id: string;
  name: string;
  priceFen: number;
  category: FeeCategory;
  createdAt: string;
}
