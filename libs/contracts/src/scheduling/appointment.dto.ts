import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { PageQuery } from '../common';

export const APPOINTMENT_STATUSES = ['PENDING_PAYMENT', 'BOOKED', 'CHECKED_IN', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED', 'NO_SHOW'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];
/** The statuses that hold a place on the shift. */
export const ACTIVE_APPOINTMENT_STATUSES: readonly AppointmentStatus[] = ['PENDING_PAYMENT', 'BOOKED', 'CHECKED_IN', 'IN_PROGRESS'];

export class CreateAppointmentDto {
  @ApiProperty()
  @IsUUID()
  patientId: string;

  @ApiProperty({ description: 'the shift (GET /schedules)' })
  @IsUUID()
  scheduleId: string;

  @ApiPropertyOptional({ description: 'the time slot, on a shift that has them (patients must choose one)' })
  @IsOptional()
  @IsUUID()
  slotId?: string;

  @ApiPropertyOptional({ description: 'staff only: book a full shift anyway, saying why (audited)', maxLength: 200 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  overbookReason?: string;
}

export class ListAppointmentsQuery extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  patientId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  doctorId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  scheduleId?: string;

  @ApiPropertyOptional({ example: '2026-12-01' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be YYYY-MM-DD' })
  date?: string;

  @ApiPropertyOptional({ enum: APPOINTMENT_STATUSES })
  @IsOptional()
  @IsIn(APPOINTMENT_STATUSES)
  status?: AppointmentStatus;
}

export class CancelAppointmentDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  reason?: string;
}

export interface NotificationReply {
  id: string;
  kind: string;
  title: string;
  body: string;
  patientId: string | null;
  createdAt: string;
}

export interface AppointmentReply {
  id: string;
  status: AppointmentStatus;
  scheduleId: string;
  patientId: string;
  doctorId: string;
  date: string;
  period: string;
  slotId: string | null;
  /** The slot's start, or null on a shift without slots. */
  slotStartTime: string | null;
  registrationFeeFen: number;
  overbooked: boolean;
  overbookReason: string | null;
  queueNo: number | null;
  cancelReason: string | null;
  createdAt: string;
}
