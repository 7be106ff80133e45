/** patient.prescription.signed: a doctor signed a prescription and pharmacy reserved it; billing charges its lines. */
export interface PrescriptionSignedEvent {
  clinicId: string;
  prescriptionId: string;
  encounterId: string;
  patientId: string;
  doctorId: string;
  departmentId: string | null;
  signedAt: string;
  /** Priced by pharmacy at reservation: what the bill charges. */
  lines: { drugId: string; name: string; spec: string; unit: string; quantity: number; unitPriceFen: number; amountFen: number }[];
  totalFen: number;
}

/** patient.prescription.cancelled: a signed, unpaid prescription was cancelled and its stock released. */
export interface PrescriptionCancelledEvent {
  clinicId: string;
  prescriptionId: string;
  patientId: string;
  reason: string;
}
