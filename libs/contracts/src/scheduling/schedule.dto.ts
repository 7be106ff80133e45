import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';

export const PERIODS = ['AM', 'PM', 'EVENING'] as const;
export type Period = (typeof PERIODS)[number];

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** What a shift is made of, whether set once (a shift) or every week (a template). */
class ShiftShapeDto {
  @ApiProperty()
  @IsUUID()
  doctorId: string;

  @ApiProperty({ enum: PERIODS })
  @IsIn(PERIODS)
  period: Period;

  @ApiProperty({ example: '08:00' })
  @Matches(HHMM, { message: 'startTime must be HH:MM' })
  startTime: string;

  @ApiProperty({ example: '12:00' })
  @Matches(HHMM, { message: 'endTime must be HH:MM' })
  endTime: string;

  @ApiProperty({ example: 30, minimum: 1, maximum: 500 })
  @IsInt()
  @Min(1)
  @Max(500)
  capacity: number;

  @ApiPropertyOptional({ description: 'fen; default: the fee for the doctor\'s title', example: 1500 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  registrationFeeFen?: number;

  @ApiPropertyOptional({ description: 'split the shift into time slots of this many minutes, each with slotCapacity places', example: 15 })
  @IsOptional()
  @IsInt()
  @Min(5)
  @Max(240)
  slotMinutes?: number;

  @ApiPropertyOptional({ description: 'places per slot (with slotMinutes)', example: 3 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(500)
  slotCapacity?: number;
}

/** One shift of a doctor (出诊): a date, a period and how many patients it takes. */
export class CreateScheduleDto extends ShiftShapeDto {
  @ApiProperty({ example: '2026-12-01' })
  @IsISO8601({ strict: true })
  @Matches(DATE, { message: 'date must be YYYY-MM-DD' })
  date: string;
}

/** Changes to one shift; capacity may not drop below the places already taken. */
export class UpdateScheduleDto {
  @ApiPropertyOptional({ example: 40 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(500)
  capacity?: number;

  @ApiPropertyOptional({ example: '08:30' })
  @IsOptional()
  @Matches(HHMM, { message: 'startTime must be HH:MM' })
  startTime?: string;

  @ApiPropertyOptional({ example: '11:30' })
  @IsOptional()
  @Matches(HHMM, { message: 'endTime must be HH:MM' })
  endTime?: string;

  @ApiPropertyOptional({ example: 2000 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  registrationFeeFen?: number;
}

export class CancelScheduleDto {
  @ApiProperty({ example: '医生临时外出会诊', maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  reason: string;
}

export class ListSchedulesQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  doctorId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  departmentId?: string;

  @ApiPropertyOptional({ example: '2026-12-01' })
  @IsOptional()
  @Matches(DATE, { message: 'from must be YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-07' })
  @IsOptional()
  @Matches(DATE, { message: 'to must be YYYY-MM-DD' })
  to?: string;
}

/** A weekly rule: every <weekday> the doctor works this period; shifts are generated from it. */
export class CreateTemplateDto extends ShiftShapeDto {
  @ApiProperty({ description: 'ISO weekday, 1 = Monday … 7 = Sunday', minimum: 1, maximum: 7 })
  @IsInt()
  @Min(1)
  @Max(7)
  weekday: number;
}

export class GenerateShiftsDto {
  @ApiProperty({ description: 'how many weeks ahead, from tomorrow', minimum: 1, maximum: 12 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(12)
  weeks: number;

  @ApiPropertyOptional({ description: 'only this doctor\'s templates' })
  @IsOptional()
  @IsUUID()
  doctorId?: string;
}

export interface SlotReply {
  id: string;
  startTime: string;
  endTime: string;
  capacity: number;
  booked: number;
  remaining: number;
}

export interface ScheduleReply {
  id: string;
  doctorId: string;
  departmentId: string | null;
  date: string;
  period: Period;
  startTime: string;
  endTime: string;
  capacity: number;
  booked: number;
  remaining: number;
  registrationFeeFen: number;
  status: 'OPEN' | 'CANCELLED';
  cancelReason: string | null;
  /** Empty when the shift has no time slots. */
  slots: SlotReply[];
}

export interface TemplateReply {
  id: string;
  doctorId: string;
  weekday: number;
  period: Period;
  startTime: string;
  endTime: string;
  capacity: number;
  registrationFeeFen: number | null;
  slotMinutes: number | null;
  slotCapacity: number | null;
}

export interface GenerateShiftsReply {
  created: number;
  skipped: number;
}

export class ListTemplatesQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  doctorId?: string;
}
