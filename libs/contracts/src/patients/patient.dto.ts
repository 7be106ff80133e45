import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import type { AccountReply } from '../auth/auth.dto';
import { MOBILE_PATTERN } from '@clinic/rules';
import { IsIdCardConsistent } from './id-card';

export const GENDERS = ['M', 'F'] as const;
export type Gender = (typeof GENDERS)[number];

/** Drug classes a patient may be allergic to (药物过敏分类); free text covers the rest. */
export const DRUG_ALLERGY_CLASSES = [
  'PENICILLIN', // 青霉素类
  'CEPHALOSPORIN', // 头孢菌素类
  'SULFONAMIDE', // 磺胺类
  'MACROLIDE', // 大环内酯类
  'QUINOLONE', // 喹诺酮类
  'AMINOGLYCOSIDE', // 氨基糖苷类
  'TETRACYCLINE', // 四环素类
  'NSAID', // 解热镇痛药（阿司匹林等）
  'OPIOID', // 阿片类
  'LOCAL_ANESTHETIC', // 局部麻醉药
  'IODINE_CONTRAST', // 碘造影剂
  'ANTIEPILEPTIC', // 抗癫痫药
  'BIOLOGIC', // 生物制品（疫苗、血清）
] as const;
export type DrugAllergyClass = (typeof DRUG_ALLERGY_CLASSES)[number];

const MOBILE = MOBILE_PATTERN;
const MOBILE_MESSAGE = 'must be a mainland mobile number (11 digits)';

export class AllergiesDto {
  @ApiProperty({ enum: DRUG_ALLERGY_CLASSES, isArray: true })
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(DRUG_ALLERGY_CLASSES.length)
  @IsIn(DRUG_ALLERGY_CLASSES, { each: true })
  drugClasses: DrugAllergyClass[];

  @ApiPropertyOptional({ example: '对芒果过敏', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

/** The fields of a patient anyone registering or editing one may give; on an update, `null` clears one. */
class PatientDetailsDto {
  @ApiPropertyOptional({ example: '北京市东城区某街道 1 号', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  address?: string | null;

  @ApiPropertyOptional({ example: '李四', maxLength: 50 })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  emergencyContactName?: string | null;

  @ApiPropertyOptional({ example: '13900000000' })
  @IsOptional()
  @Matches(MOBILE, { message: `emergencyContactPhone ${MOBILE_MESSAGE}` })
  emergencyContactPhone?: string | null;

  @ApiPropertyOptional({ type: AllergiesDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => AllergiesDto)
  allergies?: AllergiesDto | null;

  @ApiPropertyOptional({ example: ['高血压', '2型糖尿病'], isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(50, { each: true })
  chronicConditions?: string[] | null;

  @ApiPropertyOptional({ example: '本人', maxLength: 20, description: 'required when a patient account adds a family member' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(20)
  relationship?: string;
}

export class CreatePatientDto extends PatientDetailsDto {
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
  @Matches(MOBILE, { message: `phone ${MOBILE_MESSAGE}` })
  phone: string;

  @ApiPropertyOptional({ description: '18-digit resident ID number (GB 11643), checked against birthDate and gender' })
  @IsOptional()
  @IsString()
  @IsIdCardConsistent()
  idCardNo?: string;
}

/** Name, phone and the details may change; gender, birth date and ID card number are fixed at registration. */
export class UpdatePatientDto extends PatientDetailsDto {
  @ApiPropertyOptional({ maxLength: 50 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  name?: string;

  @ApiPropertyOptional({ example: '13800138000' })
  @IsOptional()
  @Matches(MOBILE, { message: `phone ${MOBILE_MESSAGE}` })
  phone?: string;
}

/** A patient account claims a patient registered at the desk, proving it knows both identifiers. */
export class LinkPatientDto {
  @ApiProperty()
  @IsString()
  @IsIdCardConsistent()
  idCardNo: string;

  @ApiProperty({ example: '13800138000' })
  @Matches(MOBILE, { message: `phone ${MOBILE_MESSAGE}` })
  phone: string;

  @ApiProperty({ example: '本人', maxLength: 20 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(20)
  relationship: string;
}

export interface PatientReply {
  id: string;
  medicalRecordNo: string;
  name: string;
  gender: Gender;
  birthDate: string;
  /** Masked (138****5678) unless the caller's role needs the full number. */
  phone: string;
  /** Masked (110101********1234) unless the caller's role needs the full number. */
  idCardNo: string | null;
  address: string | null;
  emergencyContactName: string | null;
  emergencyContactPhone: string | null;
  allergies: { drugClasses: DrugAllergyClass[]; note: string | null };
  chronicConditions: string[];
  /** The relationship to the signed-in patient account; null for staff. */
  relationship: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface CreatePatientReply {
  id: string;
  medicalRecordNo: string;
}

/** Everything the system holds about a patient account's own people, unmasked (个人信息导出). */
export interface PatientExportReply {
  exportedAt: string;
  account: AccountReply;
  patients: PatientReply[];
}
