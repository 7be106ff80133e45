export interface DepartmentCreatedEvent {
  clinicId: string;
  departmentId: string;
  name: string;
}

export interface AppointmentCancelledEvent {
  clinicId: string;
  appointmentId: string;
  patientId: string;
  shiftId: string;
  reason: string;
  /** Who cancelled: the patient's account, the desk, or the shift being stopped (停诊). */
  by: 'patient' | 'staff' | 'shift-cancelled';
  feeFen: number;
}

export interface AppointmentAwaitingPaymentEvent {
  clinicId: string;
  appointmentId: string;
  patientId: string;
  /** The shift's doctor and department, for revenue by doctor and department. */
  doctorId: string;
  departmentId: string | null;
  feeFen: number;
  holdUntil: string;
}

export interface RegistrationPaidEvent {
  clinicId: string;
  appointmentId: string;
  amountFen: number;
  paymentId: string;
}
