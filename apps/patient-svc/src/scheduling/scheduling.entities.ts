import type { AppointmentStatus, Period } from '@clinic/contracts';
import { Check, Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

@Entity('registration_fees')
@Check('chk_registration_fee', 'fee_fen >= 0')
export class RegistrationFee {
  @PrimaryColumn({ name: 'clinic_id', type: 'varchar', length: 36 })
  clinicId: string;

  /** A doctor title; '' for doctors without one. */
  @PrimaryColumn({ type: 'varchar', length: 20 })
  title: string;

  @Column({ name: 'fee_fen', type: 'integer' })
  feeFen: number;
}

@Entity('schedule_templates')
@Unique('uq_template_doctor_slot', ['doctorId', 'weekday', 'period'])
export class ScheduleTemplate {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'clinic_id', type: 'varchar', length: 36 })
  clinicId: string;

  @Column({ name: 'doctor_id', type: 'varchar', length: 36 })
  doctorId: string;

  @Column({ type: 'integer' })
  weekday: number;

  @Column({ type: 'varchar', length: 10 })
  period: Period;

  @Column({ name: 'start_time', type: 'varchar', length: 5 })
  startTime: string;

  @Column({ name: 'end_time', type: 'varchar', length: 5 })
  endTime: string;

  @Column({ type: 'integer' })
  capacity: number;

  @Column({ name: 'registration_fee_fen', type: 'integer', nullable: true })
  registrationFeeFen: number | null;

  @Column({ name: 'slot_minutes', type: 'integer', nullable: true })
  slotMinutes: number | null;

  @Column({ name: 'slot_capacity', type: 'integer', nullable: true })
  slotCapacity: number | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}

/** A time slot of a shift (分时段), with its own places; the shift's count still bounds the total. */
@Entity('shift_slots')
@Unique('uq_slot_start', ['shiftId', 'startTime'])
@Check('chk_slot_counts', 'booked >= 0 AND capacity > 0')
export class ShiftSlot {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'shift_id', type: 'varchar', length: 36 })
  shiftId: string;

  @Column({ name: 'start_time', type: 'varchar', length: 5 })
  startTime: string;

  @Column({ name: 'end_time', type: 'varchar', length: 5 })
  endTime: string;

  @Column({ type: 'integer' })
  capacity: number;

  @Column({ type: 'integer' })
  booked: number;
}

/** A doctor's shift (出诊). `booked` counts the appointments holding a place; only conditional updates move it. */
@Entity('shifts')
@Unique('uq_shift_doctor_period', ['doctorId', 'date', 'period'])
@Index('idx_shift_clinic_date', ['clinicId', 'date'])
@Check('chk_shift_counts', 'booked >= 0 AND overbooked >= 0 AND capacity > 0')
export class Shift {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'clinic_id', type: 'varchar', length: 36 })
  clinicId: string;

  @Column({ name: 'doctor_id', type: 'varchar', length: 36 })
  doctorId: string;

  @Column({ name: 'department_id', type: 'varchar', length: 36, nullable: true })
  departmentId: string | null;

  @Column({ type: 'date' })
  date: string;

  @Column({ type: 'varchar', length: 10 })
  period: Period;

  @Column({ name: 'start_time', type: 'varchar', length: 5 })
  startTime: string;

  @Column({ name: 'end_time', type: 'varchar', length: 5 })
  endTime: string;

  @Column({ type: 'integer' })
  capacity: number;

  @Column({ type: 'integer' })
  booked: number;

  /** Of `booked`, how many were taken beyond capacity by staff with a reason. */
  @Column({ type: 'integer' })
  overbooked: number;

  @Column({ name: 'registration_fee_fen', type: 'integer' })
  registrationFeeFen: number;

  @Column({ type: 'varchar', length: 10 })
  status: 'OPEN' | 'CANCELLED';

  @Column({ name: 'cancel_reason', type: 'varchar', length: 200, nullable: true })
  cancelReason: string | null;

  /** Queue numbers handed out at check-in (1, 2, 3, …), advanced by a conditional update. */
  @Column({ name: 'numbers_issued', type: 'integer' })
  numbersIssued: number;

  /** The order key handed out at check-in and again when a patient is skipped (to the end). */
  @Column({ name: 'rank_seq', type: 'integer' })
  rankSeq: number;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}

@Entity('appointments')
@Unique('uq_appointment_active', ['patientId', 'activeKey'])
@Unique('uq_appointment_queue_no', ['shiftId', 'queueNo'])
@Index('idx_appointment_shift', ['shiftId', 'status'])
@Index('idx_appointment_day', ['clinicId', 'day'])
@Index('idx_appointment_stats', ['clinicId', 'day', 'status', 'walkIn', 'accountId', 'checkedInAt', 'calledAt'])
export class Appointment {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'clinic_id', type: 'varchar', length: 36 })
  clinicId: string;

  @Column({ name: 'shift_id', type: 'varchar', length: 36 })
  shiftId: string;

  @Column({ name: 'patient_id', type: 'varchar', length: 36 })
  patientId: string;

  @Column({ name: 'account_id', type: 'varchar', length: 36, nullable: true })
  accountId: string | null;

  @Column({ name: 'doctor_id', type: 'varchar', length: 36 })
  doctorId: string;

  @Column({ name: 'slot_id', type: 'varchar', length: 36, nullable: true })
  slotId: string | null;

  @Column({ type: 'date' })
  day: string;

  @Column({ type: 'varchar', length: 20 })
  status: AppointmentStatus;

  @Column({ name: 'active_key', type: 'varchar', length: 36, nullable: true })
  activeKey: string | null;

  @Column({ name: 'fee_fen', type: 'integer' })
  feeFen: number;

  @Column({ type: 'boolean', width: 1 })
  overbooked: boolean;

  @Column({ name: 'overbook_reason', type: 'varchar', length: 200, nullable: true })
  overbookReason: string | null;

  @Column({ name: 'queue_no', type: 'integer', nullable: true })
  queueNo: number | null;

  @Column({ name: 'queue_rank', type: 'integer', nullable: true })
  queueRank: number | null;

  @Column({ name: 'walk_in', type: 'boolean', width: 1 })
  walkIn: boolean;

  @Column({ name: 'checked_in_at', type: 'datetime', precision: 3, nullable: true })
  checkedInAt: Date | null;

  @Column({ name: 'called_at', type: 'datetime', precision: 3, nullable: true })
  calledAt: Date | null;

  @Column({ name: 'completed_at', type: 'datetime', precision: 3, nullable: true })
  completedAt: Date | null;

  /** PENDING_PAYMENT only: the place is released if the fee has not come by then. */
  @Column({ name: 'hold_until', type: 'datetime', precision: 3, nullable: true })
  holdUntil: Date | null;

  @Column({ name: 'cancel_reason', type: 'varchar', length: 200, nullable: true })
  cancelReason: string | null;

  @Column({ name: 'created_by', type: 'varchar', length: 64 })
  createdBy: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'cancelled_at', type: 'datetime', precision: 3, nullable: true })
  cancelledAt: Date | null;
}

/** Active appointments of a patient on a day, held under the daily limit by a conditional update. */
@Entity('patient_day_bookings')
@Check('chk_day_bookings', 'active >= 0')
export class PatientDayBookings {
  @PrimaryColumn({ name: 'patient_id', type: 'varchar', length: 36 })
  patientId: string;

  @PrimaryColumn({ type: 'date' })
  day: string;

  @Column({ type: 'integer' })
  active: number;
}

/**
 * A message to a patient account, written in the same transaction as what it tells. In development this table
 * is the record of what was sent; the WeChat subscribe-message sender (reminders) will deliver from it.
 */
@Entity('notifications')
@Index('idx_notifications_account', ['accountId', 'createdAt'])
export class Notification {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'clinic_id', type: 'varchar', length: 36 })
  clinicId: string;

  @Column({ name: 'account_id', type: 'varchar', length: 36 })
  accountId: string;

  @Column({ name: 'patient_id', type: 'varchar', length: 36, nullable: true })
  patientId: string | null;

  @Column({ type: 'varchar', length: 40 })
  kind: string;

  @Column({ type: 'varchar', length: 100 })
  title: string;

  @Column({ type: 'varchar', length: 500 })
  body: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'read_at', type: 'datetime', precision: 3, nullable: true })
  readAt: Date | null;
}

export const SCHEDULING_ENTITIES = [RegistrationFee, ScheduleTemplate, Shift, ShiftSlot, Appointment, PatientDayBookings, Notification];
