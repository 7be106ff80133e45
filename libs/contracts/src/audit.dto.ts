import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsUUID, Matches } from 'class-validator';
import { PageQuery } from './common';

export const AUDIT_ACTIONS = [
  'PATIENT_CREATE',
  'PATIENT_READ',
  'PATIENT_UPDATE',
  'PATIENT_LINK',
  'PATIENT_UNLINK',
  'PATIENT_EXPORT',
  'APPOINTMENT_OVERBOOK',
  'ENCOUNTER_CREATE',
  'ENCOUNTER_FINISH',
  'EMR_READ',
  'EMR_WRITE',
  'EMR_SIGN',
  'EMR_AMEND',
  'PRESCRIPTION_WRITE',
  'PRESCRIPTION_READ',
  'PRESCRIPTION_SIGN',
  'PRESCRIPTION_CANCEL',
  'ALLERGY_OVERRIDE',
  // billing-svc: money (its own chain)
  'BILL_READ',
  'RECEIPT_READ',
  'PAYMENT_TAKE',
  'PAYMENT_ONLINE',
  'PAYMENT_CLOSE',
  'PAYMENT_REVERSE',
  'REFUND_CREATE',
  'SETTLEMENT_CLOSE',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
export const AUDIT_OUTCOMES = ['OK', 'DENIED', 'NOT_FOUND', 'INVALID', 'FAILED'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

export class AuditQuery extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  patientId?: string;

  @ApiPropertyOptional({ example: 'MR00000001', description: 'the patient by record number instead of id' })
  @IsOptional()
  @Matches(/^MR\d{1,12}$/i, { message: 'medicalRecordNo must look like MR00000001' })
  medicalRecordNo?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  actorId?: string;

  @ApiPropertyOptional({ enum: AUDIT_ACTIONS })
  @IsOptional()
  @IsIn(AUDIT_ACTIONS)
  action?: AuditAction;

  @ApiPropertyOptional({ enum: AUDIT_OUTCOMES })
  @IsOptional()
  @IsIn(AUDIT_OUTCOMES)
  outcome?: AuditOutcome;

  @ApiPropertyOptional({ description: 'ISO 8601 time, inclusive' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'ISO 8601 time, exclusive' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

export interface AuditEntryReply {
  seq: number;
  at: string;
  actorId: string;
  /** The staff member's name today (null for patient accounts and the system). */
  actorName: string | null;
  actorKind: 'staff' | 'account' | 'system';
  roles: string[];
  action: AuditAction;
  patientId: string | null;
  outcome: AuditOutcome;
  requestId: string;
  clientIp: string | null;
}
