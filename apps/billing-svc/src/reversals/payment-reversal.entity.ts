import type { PaymentMethod } from '@clinic/contracts';
import { Check, Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

/**
 * A desk payment taken back as a correction (冲正). The unique payment id reverses a payment at most once; the
 * unique key per clinic makes a retried request answer the first reversal.
 */
@Entity('payment_reversals')
@Unique('uq_reversal_payment', ['paymentId'])
@Unique('uq_reversal_key', ['clinicId', 'idempotencyKey'])
@Index('idx_reversal_bill', ['billId'])
@Index('idx_reversal_day', ['clinicId', 'businessDate'])
@Check('chk_reversal_amount', 'amount_fen > 0')
export class PaymentReversal {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'clinic_id', type: 'varchar', length: 36 })
  clinicId: string;

  @Column({ name: 'payment_id', type: 'varchar', length: 36 })
  paymentId: string;

  @Column({ name: 'bill_id', type: 'varchar', length: 36 })
  billId: string;

  @Column({ type: 'varchar', length: 10 })
  method: PaymentMethod;

  @Column({ name: 'amount_fen', type: 'integer' })
  amountFen: number;

  @Column({ type: 'varchar', length: 200 })
  reason: string;

  /** The open day it is booked to (today, or the next open one). */
  @Column({ name: 'business_date', type: 'varchar', length: 10 })
  businessDate: string;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 64 })
  idempotencyKey: string;

  @Column({ name: 'created_by', type: 'varchar', length: 36 })
  createdBy: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}
