/** billing.bill.paid: a bill is paid in full. Pharmacy readies the prescriptions on it. */
export interface BillPaidEvent {
  clinicId: string;
  billId: string;
  patientId: string;
  prescriptionIds: string[];
  appointmentIds: string[];
  paidAt: string;
}

export interface PrescriptionDispensedEvent {
  clinicId: string;
  prescriptionId: string;
  patientId: string;
  dispensedAt: string;
  lines: { drugId: string; quantity: number; frequency: string | null; days: number | null; batches: { batchNo: string; quantity: number }[] }[];
}

export interface DrugReturnedEvent {
  clinicId: string;
  returnId: string;
  prescriptionId: string;
  patientId: string;
  reason: string;
  /** Amounts at the prices charged, for the refund. */
  items: { drugId: string; quantity: number; amountFen: number }[];
  amountFen: number;
}
