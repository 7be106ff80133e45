import type { BillStatus, PaymentMethod } from '@clinic/contracts';
import { Check, Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

/** One bill per encounter, or per prepaid appointment. Totals are integer fen; paid never exceeds the total. */
@Entity('bills')
@Unique('uq_bill_source', ['clinicId', 'sourceType', 'sourceId'])
@Index('idx_bill_patient', ['clinicId', 'patientId', 'createdAt'])
@Check('chk_bill_amounts', 'total_fen >= 0 AND paid_fen >= 0 AND paid_fen <= total_fen')
export class Bill {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'clinic_id', type: 'varchar', length: 36 })
  clinicId: string;

  @Column({ name: 'patient_id', type: 'varchar', length: 36 })
  patientId: string;

  @Column({ name: 'source_type', type: 'varchar', length: 12 })
  sourceType: 'ENCOUNTER' | 'APPOINTMENT';

  @Column({ name: 'source_id', type: 'varchar', length: 36 })
  sourceId: string;

  @Column({ type: 'varchar', length: 20 })
  status: BillStatus;

  @Column({ name: 'total_fen', type: 'integer' })
  totalFen: number;

  @Column({ name: 'paid_fen', type: 'integer' })
  paidFen: number;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'paid_at', type: 'datetime', precision: 3, nullable: true })
  paidAt: Date | null;
}

/** A line as charged: its name and price are copied, never looked up again. */
@Entity('bill_lines')
@Unique('uq_bill_line', ['billId', 'kind', 'refId', 'lineNo'])
@Check('chk_bill_line', 'quantity > 0 AND amount_fen = unit_price_fen * quantity')
export class BillLine {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'bill_id', type: 'varchar', length: 36 })
  billId: string;

  @Column({ type: 'varchar', length: 12 })
  kind: 'REGISTRATION' | 'DRUG' | 'SERVICE';

  @Column({ name: 'ref_id', type: 'varchar', length: 36 })
  refId: string;

  @Column({ name: 'line_no', type: 'integer' })
  lineNo: number;

  @Column({ name: 'item_id', type: 'varchar', length: 36, nullable: true })
  itemId: string | null;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ name: 'unit_price_fen', type: 'integer' })
  unitPriceFen: number;

  @Column({ type: 'integer' })
  quantity: number;

  @Column({ name: 'amount_fen', type: 'integer' })
  amountFen: number;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}

/** A payment; its idempotency key is unique, so the same request twice pays once. */
@Entity('payments')
@Unique('uq_payment_key', ['clinicId', 'idempotencyKey'])
@Index('idx_payment_bill', ['billId'])
@Check('chk_payment_amount', 'amount_fen > 0')
export class Payment {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'clinic_id', type: 'varchar', length: 36 })
  clinicId: string;

  @Column({ name: 'bill_id', type: 'varchar', length: 36 })
  billId: string;

  @Column({ type: 'varchar', length: 10 })
  method: PaymentMethod;

  @Column({ name: 'amount_fen', type: 'integer' })
  amountFen: number;

  @Column({ name: 'tendered_fen', type: 'integer', nullable: true })
  tenderedFen: number | null;

  @Column({ name: 'change_fen', type: 'integer', nullable: true })
  changeFen: number | null;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 64 })
  idempotencyKey: string;

  @Column({ name: 'created_by', type: 'varchar', length: 36 })
  createdBy: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}
