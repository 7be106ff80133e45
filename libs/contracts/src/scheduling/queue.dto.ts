import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

/** A patient checking in with the code shown at the clinic (scanned from its QR code). */
export class CheckInDto {
  @ApiPropertyOptional({ description: 'patients: the clinic\'s check-in code of the day; staff need none', maxLength: 100 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  code?: string;
}

export class WalkInDto {
  @ApiProperty()
  @IsUUID()
  patientId: string;

  @ApiProperty()
  @IsUUID()
  scheduleId: string;

  @ApiPropertyOptional({ description: 'when the shift is full: why this walk-in is seen anyway (audited)', maxLength: 200 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  overbookReason?: string;
}

export class CallNextDto {
  @ApiProperty({ description: 'the doctor whose queue moves' })
  @IsUUID()
  doctorId: string;

  @ApiPropertyOptional({ description: 'a particular shift; default: the doctor\'s shift today with someone waiting' })
  @IsOptional()
  @IsUUID()
  scheduleId?: string;
}

export class QueueQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  scheduleId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  doctorId?: string;
}

export interface QueueEntryReply {
  appointmentId: string;
  queueNo: number;
  /** Full for staff, masked (张*三) on the waiting-room display. */
  name: string;
  walkIn: boolean;
  status: 'CHECKED_IN' | 'IN_PROGRESS';
}

export interface QueueReply {
  scheduleId: string;
  doctorId: string;
  date: string;
  period: string;
  current: QueueEntryReply | null;
  waiting: QueueEntryReply[];
}

export interface CheckInReply {
  appointmentId: string;
  queueNo: number;
  position: number;
}

export interface QueuePositionReply {
  appointmentId: string;
  status: string;
  queueNo: number | null;
  /** How many are ahead, 0 when being seen or next. */
  ahead: number | null;
  /** From the doctor's pace today (default 10 minutes a patient). */
  estimatedWaitMinutes: number | null;
  currentQueueNo: number | null;
}

export interface CheckInCodeReply {
  code: string;
  validFor: string;
}
