import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsNotEmpty, IsNumber, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { PageQuery } from '../common';

/** Open an encounter (接诊) for the appointment the doctor called, or for a walk-in patient. */
export class CreateEncounterDto {
  @ApiPropertyOptional({ description: 'the called appointment (IN_PROGRESS)' })
  @IsOptional()
  @IsUUID()
  appointmentId?: string;

  @ApiPropertyOptional({ description: 'a walk-in patient, when there is no appointment' })
  @IsOptional()
  @IsUUID()
  patientId?: string;
}

export class DiagnosisDto {
  @ApiProperty({ example: 'J06.900', description: 'ICD-10 code (国家临床版 2.0), from GET /icd10' })
  @Matches(/^[A-Z]\d{2}(\.[0-9x]{1,3}(x\d{3})?)?$/, { message: 'code must be an ICD-10 code like J06.900' })
  code: string;

  @ApiProperty({ example: '急性上呼吸道感染', maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ description: 'the primary diagnosis (主要诊断); exactly one per record when signing', default: false })
  @IsOptional()
  @IsBoolean()
  primary?: boolean;
}

/** 生命体征. */
export class VitalsDto {
  @ApiPropertyOptional({ description: '体温 °C', example: 37.2 })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 1 })
  @Min(30)
  @Max(45)
  temperature?: number;

  @ApiPropertyOptional({ description: '收缩压 mmHg', example: 120 })
  @IsOptional()
  @IsInt()
  @Min(40)
  @Max(300)
  systolic?: number;

  @ApiPropertyOptional({ description: '舒张压 mmHg', example: 80 })
  @IsOptional()
  @IsInt()
  @Min(20)
  @Max(200)
  diastolic?: number;

  @ApiPropertyOptional({ description: '脉搏 次/分', example: 76 })
  @IsOptional()
  @IsInt()
  @Min(20)
  @Max(300)
  pulse?: number;

  @ApiPropertyOptional({ description: '呼吸 次/分', example: 18 })
  @IsOptional()
  @IsInt()
  @Min(4)
  @Max(80)
  respiration?: number;

  @ApiPropertyOptional({ description: '体重 kg', example: 62.5 })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 1 })
  @Min(0.5)
  @Max(500)
  weight?: number;
}

const TEXT = 2000;

/** The structured medical record of one encounter (门诊病历). Every field may be saved empty; signing needs the required ones. */
export class EmrContentDto {
  @ApiPropertyOptional({ description: '主诉 (required to sign)', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  chiefComplaint?: string;

  @ApiPropertyOptional({ description: '现病史 (required to sign)', maxLength: TEXT })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT)
  presentIllness?: string;

  @ApiPropertyOptional({ description: '既往史', maxLength: TEXT })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT)
  pastHistory?: string;

  @ApiPropertyOptional({ description: '过敏史 as told at this visit; the drug classes a prescription is checked against are on the patient', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  allergies?: string;

  @ApiPropertyOptional({ description: '家族史', maxLength: TEXT })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT)
  familyHistory?: string;

  @ApiPropertyOptional({ description: '体格检查', maxLength: TEXT })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT)
  physicalExam?: string;

  @ApiPropertyOptional({ type: VitalsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => VitalsDto)
  vitals?: VitalsDto;

  @ApiPropertyOptional({ description: '辅助检查', maxLength: TEXT })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT)
  auxiliaryExams?: string;

  @ApiPropertyOptional({ type: [DiagnosisDto], description: '诊断 (at least one, one primary, to sign)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => DiagnosisDto)
  diagnoses?: DiagnosisDto[];

  @ApiPropertyOptional({ description: '处理意见 / 医嘱', maxLength: TEXT })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT)
  advice?: string;

  @ApiPropertyOptional({ description: '复诊日期 YYYY-MM-DD: a reminder is sent that day', example: '2026-12-10' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'followUpDate must be YYYY-MM-DD' })
  followUpDate?: string;
}

export class AmendEmrDto {
  @ApiProperty({ description: 'why the signed record is changed', maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  reason: string;

  @ApiProperty({ type: EmrContentDto, description: 'the fields that change; the rest are carried over from the latest version' })
  @ValidateNested()
  @Type(() => EmrContentDto)
  changes: EmrContentDto;
}

export const ENCOUNTER_STATUSES = ['OPEN', 'FINISHED'] as const;
export type EncounterStatus = (typeof ENCOUNTER_STATUSES)[number];

export class ListEncountersQuery extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  patientId?: string;

  @ApiPropertyOptional({ enum: ENCOUNTER_STATUSES })
  @IsOptional()
  @IsIn(ENCOUNTER_STATUSES)
  status?: EncounterStatus;

  @ApiPropertyOptional({ description: 'the signed-in doctor\'s own encounters' })
  @IsOptional()
  @Type(() => Boolean)
  @IsBoolean()
  mine?: boolean;
}

export interface EmrVersionReply {
  version: number;
  status: 'DRAFT' | 'SIGNED';
  content: EmrContentDto;
  /** Set once signed: who signed, by name, and when. */
  signedBy: string | null;
  signedByName: string | null;
  signedAt: string | null;
  /** Versions after the first: why the signed record was changed. */
  amendmentReason: string | null;
  updatedAt: string;
}

export interface EncounterReply {
  id: string;
  patientId: string;
  patientName: string;
  doctorId: string;
  doctorName: string;
  departmentId: string | null;
  appointmentId: string | null;
  status: EncounterStatus;
  calledAt: string | null;
  startedAt: string;
  finishedAt: string | null;
  /** The latest version of the record (a patient account sees signed versions only). */
  emr: EmrVersionReply | null;
}

export interface IcdCodeReply {
  code: string;
  name: string;
  /** Chapter range, e.g. J00-J99, and its title. */
  chapter: string;
  chapterName: string;
  /** Block (节) range, e.g. J00-J06, and its title. */
  block: string;
  blockName: string;
}

export class IcdQuery {
  @ApiProperty({ description: 'a code prefix (J06), words of the name (上呼吸道) or pinyin initials (shxdgr)', maxLength: 30 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(30)
  query: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 50, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  limit?: number;
}

export const TEMPLATE_SCOPES = ['DEPARTMENT', 'PERSONAL'] as const;
export type TemplateScope = (typeof TEMPLATE_SCOPES)[number];

export class CreateEmrTemplateDto {
  @ApiProperty({ example: '上感', maxLength: 50 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  name: string;

  @ApiProperty({ enum: TEMPLATE_SCOPES, description: 'DEPARTMENT: every doctor of the author\'s department; PERSONAL: the author alone' })
  @IsIn(TEMPLATE_SCOPES)
  scope: TemplateScope;

  @ApiProperty({ type: EmrContentDto })
  @ValidateNested()
  @Type(() => EmrContentDto)
  content: EmrContentDto;
}

export interface EmrTemplateReply {
  id: string;
  name: string;
  scope: TemplateScope;
  departmentId: string | null;
  ownerId: string;
  content: EmrContentDto;
  createdAt: string;
}
