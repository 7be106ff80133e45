import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';

export const REMINDER_KINDS = ['FOLLOW_UP', 'MEDICATION', 'APPOINTMENT'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];
/** PENDING: not due or not yet sent; SENT: delivered; DONE: the patient ticked it off; SKIPPED: opted out, refused by WeChat, or moot. */
export type ReminderStatus = 'PENDING' | 'SENDING' | 'SENT' | 'DONE' | 'SKIPPED';

export interface ReminderReply {
  id: string;
  kind: ReminderKind;
  patientId: string;
  title: string;
  body: string;
  dueAt: string;
  status: ReminderStatus;
  sentAt: string | null;
}

/** Which kinds of reminder the account receives; every kind is on until turned off. */
export class ReminderSettingsDto {
  @ApiProperty()
  @IsBoolean()
  FOLLOW_UP: boolean;

  @ApiProperty()
  @IsBoolean()
  MEDICATION: boolean;

  @ApiProperty()
  @IsBoolean()
  APPOINTMENT: boolean;
}
