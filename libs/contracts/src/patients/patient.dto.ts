import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsIdCardConsistent } from './id-card';

export const GENDERS = ['M', 'F'] as const;
export type Gender = (typeof GENDERS)[number];

export class CreatePatientDto {
  @ApiProperty({ example: '张三', maxLength: 50 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  name: string;

  @ApiProperty({ enum: GENDERS })
  @IsIn(GENDERS)
  gender: Gender;

  @ApiProperty({ example: '1990-01-31' })
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'birthDate must be YYYY-MM-DD' })
  birthDate: string;

  @ApiProperty({ example: '13800138000' })
  @IsString()
  @Matches(/^1[3-9]\d{9}$/, { message: 'phone must be a mainland mobile number (11 digits)' })
  phone: string;

  @ApiPropertyOptional({ description: '18-digit resident ID number (GB 11643)' })
  @IsOptional()
  @IsString()
  @IsIdCardConsistent()
  idCardNo?: string;

  @ApiPropertyOptional({ example: '本人', maxLength: 20 })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  relationship?: string;
}

export interface PatientReply {
  id: string;
  medicalRecordNo: string;
  name: string;
  gender: Gender;
  birthDate: string;
  /** Masked (138****8000) unless the caller's role needs the full number. */
  phone: string;
  idCardNo: string | null;
  relationship: string | null;
  createdAt: string;
}

export interface CreatePatientReply {
  id: string;
  medicalRecordNo: string;
}
