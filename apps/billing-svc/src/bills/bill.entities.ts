import type { BillStatus, PaymentMethod, PaymentStatus } from '@clinic/contracts';
import { Check, Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

/** One bill per encounter, or per prepaid appointment. Totals are integer fen; paid never exceeds the total. */
@Entity('bills')
@Unique('uq_bill_source', ['clinicId', 'sourceType', 'sourceId'])
@Index('idx_bill_patient', ['clinicId', 'patientId', 'createdAt'])
@Index('idx_bill_paid_at', ['clinicId', 'paidAt'])
@Index('idx_bill_paid_total', ['clinicId', 'paidAt', 'totalFen'])
@Check('chk_bill_amounts', 'total_fen >= 0 AND paid_fen >= 0 AND pending_fen >= 0 AND paid_fen + pending_fen <= total_fen AND refunded_fen >= 0 AND refunded_fen <= paid_fen')
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

  @Column({ name: 'doctor_id', type: 'varchar', length: 36, nullable: true })
  doctorId: string | null;

  @Column({ name: 'department_id', type: 'varchar', length: 36, nullable: true })
  departmentId: string | null;

  @Column({ type: 'varchar', length: 20 })
  status: BillStatus;

  @Column({ name: 'total_fen', type: 'integer' })
  totalFen: number;

  /** Everything ever received on the bill; refunds are counted apart, so net = paid - refunded. */
  @Column({ name: 'paid_fen', type: 'integer' })
  paidFen: number;

  /** Held by an online payment that has not finished; a desk payment cannot take it. */
  @Column({ name: 'pending_fen', type: 'integer', default: 0 })
  pendingFen: number;

  @Column({ name: 'refunded_fen', type: 'integer', default: 0 })
  refundedFen: number;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'paid_at', type: 'datetime', precision: 3, nullable: true })
  paidAt: Date | null;
}

/** A line as charged: its name and price are copied, never looked up again. */
@Entity('bill_lines')
@Unique('uq_bill_line', ['billId', 'kind', 'refId', 'lineNo'])
@Index('idx_bill_line_ref', ['refId'])
@Check(
  'chk_bill_line',
  'quantity > 0 AND amount_fen = unit_price_fen * quantity AND dispensed_qty BETWEEN 0 AND quantity AND returned_qty BETWEEN 0 AND dispensed_qty AND refunded_qty BETWEEN 0 AND quantity AND refunded_fen BETWEEN 0 AND amount_fen',
)
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

  /** Drug lines: how many units pharmacy handed out, and how many came back (only those may be refunded). */
  @Column({ name: 'dispensed_qty', type: 'integer', default: 0 })
  dispensedQty: number;

  @Column({ name: 'returned_qty', type: 'integer', default: 0 })
  returnedQty: number;

  @Column({ name: 'refunded_qty', type: 'integer', default: 0 })
  refundedQty: number;

  @Column({ name: 'refunded_fen', type: 'integer', default: 0 })
  refundedFen: number;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}

/** A payment; its idempotency key is unique, so the same request twice pays once. */
@Entity('payments')
@Unique('uq_payment_key', ['clinicId', 'idempotencyKey'])
@Index('idx_payment_bill', ['billId'])
@Unique('uq_payment_trade_no', ['outTradeNo'])
@Unique('uq_payment_channel_txn', ['method', 'channelTxnId'])
@Index('idx_payment_day', ['clinicId', 'businessDate'])
@Index('idx_payment_pending', ['status', 'expiresAt'])
@Check('chk_payment_amount', 'amount_fen > 0 AND refunded_fen >= 0 AND refunded_fen <= amount_fen')
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

  /** PENDING while WeChat Pay or 医保 has not answered; CLOSED when it never completed. */
  @Column({ type: 'varchar', length: 10, default: 'SUCCEEDED' })
  status: PaymentStatus;

  /** The clinic day (YYYY-MM-DD) the money is booked to: the day it arrived, or the next open one. */
  @Column({ name: 'business_date', type: 'varchar', length: 10, nullable: true })
  businessDate: string | null;

  /** Our order number at the channel (WeChat out_trade_no, 医保 message id), fixed before the request is sent. */
  @Column({ name: 'out_trade_no', type: 'varchar', length: 32, nullable: true })
  outTradeNo: string | null;

  /** The channel's own id (WeChat transaction_id, 医保 settlement id): unique, so a duplicate notice changes nothing. */
  @Column({ name: 'channel_txn_id', type: 'varchar', length: 64, nullable: true })
  channelTxnId: string | null;

  @Column({ name: 'refunded_fen', type: 'integer', default: 0 })
  refundedFen: number;

  /** JSON: the 医保 split (fund and personal account) and what the channel answered. */
  @Column({ type: 'text', nullable: true })
  detail: string | null;

  @Column({ name: 'created_by', type: 'varchar', length: 36 })
  createdBy: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'paid_at', type: 'datetime', precision: 3, nullable: true })
  paidAt: Date | null;

  /** A pending online payment is closed at the channel when its hold runs out. */
  @Column({ name: 'expires_at', type: 'datetime', precision: 3, nullable: true })
  expiresAt: Date | null;
}

@Entity('refunds')
@Unique('uq_refund_key', ['clinicId', 'idempotencyKey'])
@Index('idx_refund_bill', ['billId'])
@Check('chk_refund_amount', 'amount_fen > 0')
export class Refund {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'clinic_id', type: 'varchar', length: 36 })
  clinicId: string;

  @Column({ name: 'bill_id', type: 'varchar', length: 36 })
  billId: string;

  @Column({ name: 'amount_fen', type: 'integer' })
  amountFen: number;

  @Column({ type: 'varchar', length: 200 })
  reason: string;

  /** PENDING until every leg has gone back through its channel. */
  @Column({ type: 'varchar', length: 10 })
  status: 'PENDING' | 'SUCCEEDED' | 'FAILED';

  @Column({ name: 'idempotency_key', type: 'varchar', length: 64 })
  idempotencyKey: string;

  @Column({ name: 'created_by', type: 'varchar', length: 36 })
  createdBy: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'completed_at', type: 'datetime', precision: 3, nullable: true })
  completedAt: Date | null;
}

@Entity('refund_lines')
@Unique('uq_refund_line', ['refundId', 'billLineId'])
@Check('chk_refund_line', 'quantity >= 0 AND release_qty BETWEEN 0 AND quantity AND amount_fen > 0')
export class RefundLine {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'refund_id', type: 'varchar', length: 36 })
  refundId: string;

  @Column({ name: 'bill_line_id', type: 'varchar', length: 36 })
  billLineId: string;

  /** Units given back (0 for a part of the amount only). */
  @Column({ type: 'integer' })
  quantity: number;

  /** Of those, units never dispensed: pharmacy takes them off the prescription and frees their stock. */
  @Column({ name: 'release_qty', type: 'integer' })
  releaseQty: number;

  @Column({ name: 'amount_fen', type: 'integer' })
  amountFen: number;
}

/** Part of a refund carried back along one payment, by that payment's method. */
@Entity('refund_legs')
@Unique('uq_refund_leg_no', ['outRefundNo'])
@Index('idx_refund_leg_refund', ['refundId'])
@Index('idx_refund_leg_day', ['clinicId', 'businessDate'])
@Check('chk_refund_leg', 'amount_fen > 0')
export class RefundLeg {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'clinic_id', type: 'varchar', length: 36 })
  clinicId: string;

  @Column({ name: 'refund_id', type: 'varchar', length: 36 })
  refundId: string;

  @Column({ name: 'payment_id', type: 'varchar', length: 36 })
  paymentId: string;

  @Column({ type: 'varchar', length: 10 })
  method: PaymentMethod;

  @Column({ name: 'amount_fen', type: 'integer' })
  amountFen: number;

  @Column({ type: 'varchar', length: 10 })
  status: 'PENDING' | 'SUCCEEDED' | 'FAILED';

  /** Fixed when the leg is created, so a retried WeChat refund is the same refund. */
  @Column({ name: 'out_refund_no', type: 'varchar', length: 64 })
  outRefundNo: string;

  @Column({ name: 'channel_refund_id', type: 'varchar', length: 64, nullable: true })
  channelRefundId: string | null;

  @Column({ name: 'business_date', type: 'varchar', length: 10, nullable: true })
  businessDate: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'completed_at', type: 'datetime', precision: 3, nullable: true })
  completedAt: Date | null;
}

/** A clinic day money was booked to. Payments read it shared; the daily close locks it and marks it CLOSED. */
@Entity('business_days')
export class BusinessDay {
  @PrimaryColumn({ name: 'clinic_id', type: 'varchar', length: 36 })
  clinicId: string;

  @PrimaryColumn({ type: 'varchar', length: 10 })
  day: string;

  @Column({ type: 'varchar', length: 10 })
  status: 'OPEN' | 'CLOSED';

  @Column({ name: 'closed_at', type: 'datetime', precision: 3, nullable: true })
  closedAt: Date | null;

  @Column({ name: 'closed_by', type: 'varchar', length: 36, nullable: true })
  closedBy: string | null;
}

/**
 * The cashier's journal: one signed row per movement of money (a payment in, a refund leg or a reversal out), on
 * the business day it is booked to. The daily close and the revenue reports read this alone; rows are never
 * changed, and the unique (kind, source) makes recording the same movement twice impossible.
 */
@Entity('money_entries')
@Unique('uq_money_entry_source', ['kind', 'sourceId'])
@Index('idx_money_entry_day', ['clinicId', 'businessDate', 'method'])
@Index('idx_money_entry_stats', ['clinicId', 'businessDate', 'kind', 'method', 'amountFen', 'departmentId', 'doctorId'])
@Check('chk_money_entry_sign', "(kind = 'PAYMENT' AND amount_fen > 0) OR (kind <> 'PAYMENT' AND amount_fen < 0)")
export class MoneyEntry {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'clinic_id', type: 'varchar', length: 36 })
  clinicId: string;

  @Column({ name: 'business_date', type: 'varchar', length: 10 })
  businessDate: string;

  @Column({ type: 'varchar', length: 10 })
  kind: 'PAYMENT' | 'REFUND' | 'REVERSAL';

  @Column({ type: 'varchar', length: 10 })
  method: PaymentMethod;

  /** Positive for money in, negative for money out. */
  @Column({ name: 'amount_fen', type: 'integer' })
  amountFen: number;

  @Column({ name: 'bill_id', type: 'varchar', length: 36 })
  billId: string;

  @Column({ name: 'payment_id', type: 'varchar', length: 36 })
  paymentId: string;

  /** The payment, refund leg or reversal this row records. */
  @Column({ name: 'source_id', type: 'varchar', length: 36 })
  sourceId: string;

  @Column({ name: 'doctor_id', type: 'varchar', length: 36, nullable: true })
  doctorId: string | null;

  @Column({ name: 'department_id', type: 'varchar', length: 36, nullable: true })
  departmentId: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}
