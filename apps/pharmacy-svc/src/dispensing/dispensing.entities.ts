import type { PharmacyOrderStatus } from '@clinic/contracts';
import { Check, Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

/** A prescription as pharmacy holds it: reserved at signing, ready when paid, then dispensed. Keyed by the prescription's id. */
@Entity('pharmacy_orders')
@Index('idx_order_status', ['clinicId', 'status', 'paidAt'])
@Index('idx_order_lapse', ['status', 'lapsesAt'])
@Index('idx_order_patient', ['clinicId', 'patientId'])
@Index('idx_order_dispensed', ['clinicId', 'status', 'dispensedAt'])
export class PharmacyOrder {
  @PrimaryColumn({ name: 'prescription_id', type: 'varchar', length: 36 })
  prescriptionId: string;

  @Column({ name: 'clinic_id', type: 'varchar', length: 36 })
  clinicId: string;

  @Column({ name: 'patient_id', type: 'varchar', length: 36 })
  patientId: string;

  @Column({ name: 'patient_name', type: 'varchar', length: 50 })
  patientName: string;

  @Column({ name: 'doctor_name', type: 'varchar', length: 50, nullable: true })
  doctorName: string | null;

  @Column({ name: 'reserved_by', type: 'varchar', length: 36 })
  reservedBy: string;

  @Column({ type: 'varchar', length: 10 })
  status: PharmacyOrderStatus;

  @Column({ name: 'valid_until', type: 'datetime', precision: 3 })
  validUntil: Date;

  @Column({ name: 'reserved_at', type: 'datetime', precision: 3 })
  reservedAt: Date;

  /** An unpaid reservation is released at this time. */
  @Column({ name: 'lapses_at', type: 'datetime', precision: 3 })
  lapsesAt: Date;

  @Column({ name: 'paid_at', type: 'datetime', precision: 3, nullable: true })
  paidAt: Date | null;

  @Column({ name: 'bill_id', type: 'varchar', length: 36, nullable: true })
  billId: string | null;

  @Column({ name: 'dispensed_at', type: 'datetime', precision: 3, nullable: true })
  dispensedAt: Date | null;

  @Column({ name: 'dispensed_by', type: 'varchar', length: 36, nullable: true })
  dispensedBy: string | null;

  /** When it was released or lapsed. */
  @Column({ name: 'closed_at', type: 'datetime', precision: 3, nullable: true })
  closedAt: Date | null;

  @Column({ name: 'total_fen', type: 'integer' })
  totalFen: number;
}

@Entity('pharmacy_order_lines')
@Unique('uq_order_line', ['prescriptionId', 'lineNo'])
@Index('idx_order_line_use', ['prescriptionId', 'drugId', 'quantity', 'amountFen'])
@Check('chk_line_returned', 'returned_quantity >= 0 AND returned_quantity <= quantity')
export class OrderLine {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'prescription_id', type: 'varchar', length: 36 })
  prescriptionId: string;

  @Column({ name: 'line_no', type: 'integer' })
  lineNo: number;

  @Column({ name: 'drug_id', type: 'varchar', length: 36 })
  drugId: string;

  @Column({ name: 'drug_name', type: 'varchar', length: 100 })
  drugName: string;

  @Column({ type: 'varchar', length: 100 })
  spec: string;

  @Column({ type: 'varchar', length: 10 })
  unit: string;

  @Column({ type: 'integer' })
  quantity: number;

  /** The price charged: the drug's price at reservation. */
  @Column({ name: 'unit_price_fen', type: 'integer' })
  unitPriceFen: number;

  @Column({ name: 'amount_fen', type: 'integer' })
  amountFen: number;

  @Column({ type: 'varchar', length: 30, nullable: true })
  dosage: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  frequency: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  route: string | null;

  @Column({ type: 'integer', nullable: true })
  days: number | null;

  @Column({ name: 'returned_quantity', type: 'integer' })
  returnedQuantity: number;
}

/** How much of a line sits on which batch: reserved until dispensed, then dispensed (and perhaps returned). */
@Entity('line_allocations')
@Unique('uq_allocation', ['lineId', 'batchId'])
@Index('idx_allocation_order', ['prescriptionId'])
@Index('idx_allocation_batch', ['batchId'])
@Check('chk_allocation', 'reserved >= 0 AND dispensed >= 0 AND returned >= 0 AND returned <= dispensed')
export class LineAllocation {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'line_id', type: 'varchar', length: 36 })
  lineId: string;

  @Column({ name: 'prescription_id', type: 'varchar', length: 36 })
  prescriptionId: string;

  @Column({ name: 'batch_id', type: 'varchar', length: 36 })
  batchId: string;

  @Column({ type: 'integer' })
  reserved: number;

  @Column({ type: 'integer' })
  dispensed: number;

  @Column({ type: 'integer' })
  returned: number;
}

@Entity('drug_returns')
@Index('idx_return_order', ['prescriptionId'])
export class DrugReturn {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'clinic_id', type: 'varchar', length: 36 })
  clinicId: string;

  @Column({ name: 'prescription_id', type: 'varchar', length: 36 })
  prescriptionId: string;

  @Column({ type: 'varchar', length: 200 })
  reason: string;

  @Column({ name: 'amount_fen', type: 'integer' })
  amountFen: number;

  @Column({ name: 'created_by', type: 'varchar', length: 36 })
  createdBy: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}

/** One drug of a return, at the price it was charged. */
@Entity('drug_return_lines')
@Index('idx_return_line_return', ['returnId'])
@Index('idx_return_line_time', ['clinicId', 'createdAt'])
@Index('idx_return_line_use', ['clinicId', 'createdAt', 'drugId', 'quantity', 'amountFen'])
export class DrugReturnLine {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'return_id', type: 'varchar', length: 36 })
  returnId: string;

  @Column({ name: 'clinic_id', type: 'varchar', length: 36 })
  clinicId: string;

  @Column({ name: 'line_id', type: 'varchar', length: 36 })
  lineId: string;

  @Column({ name: 'drug_id', type: 'varchar', length: 36 })
  drugId: string;

  @Column({ type: 'integer' })
  quantity: number;

  @Column({ name: 'amount_fen', type: 'integer' })
  amountFen: number;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}

/** A refund of undispensed units that billing asked for; its key makes a retried refund release once. */
@Entity('refund_releases')
export class RefundRelease {
  @PrimaryColumn({ name: 'refund_id', type: 'varchar', length: 36 })
  refundId: string;

  @Column({ name: 'clinic_id', type: 'varchar', length: 36 })
  clinicId: string;

  @Column({ name: 'prescription_id', type: 'varchar', length: 36 })
  prescriptionId: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}
