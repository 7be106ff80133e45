import type { ReconciliationResult } from '@clinic/contracts';
import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

/**
 * One import of WeChat Pay's trade bill for a day, with the result as it stood then. The same file for the same day
 * is one row (unique on its hash): importing it again answers this one; another file for the day is a new row.
 */
@Entity('reconciliations')
@Unique('uq_reconciliation_file', ['clinicId', 'date', 'fileSha256'])
@Index('idx_reconciliation_date', ['clinicId', 'date', 'createdAt'])
export class Reconciliation {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'clinic_id', type: 'varchar', length: 36 })
  clinicId: string;

  @Column({ type: 'varchar', length: 10 })
  date: string;

  @Column({ name: 'file_sha256', type: 'varchar', length: 64 })
  fileSha256: string;

  @Column({ type: 'integer' })
  matched: number;

  @Column({ name: 'missing_in_system', type: 'integer' })
  missingInSystem: number;

  @Column({ name: 'missing_in_wechat', type: 'integer' })
  missingInWechat: number;

  @Column({ name: 'amount_mismatch', type: 'integer' })
  amountMismatch: number;

  @Column({ name: 'txn_id_mismatch', type: 'integer' })
  txnIdMismatch: number;

  @Column({ name: 'wechat_payments', type: 'integer' })
  wechatPayments: number;

  @Column({ name: 'wechat_payments_fen', type: 'integer' })
  wechatPaymentsFen: number;

  @Column({ name: 'wechat_refunds', type: 'integer' })
  wechatRefunds: number;

  @Column({ name: 'wechat_refunds_fen', type: 'integer' })
  wechatRefundsFen: number;

  @Column({ name: 'wechat_fee_fen', type: 'integer' })
  wechatFeeFen: number;

  @Column({ name: 'system_payments', type: 'integer' })
  systemPayments: number;

  @Column({ name: 'system_payments_fen', type: 'integer' })
  systemPaymentsFen: number;

  @Column({ name: 'system_refunds', type: 'integer' })
  systemRefunds: number;

  @Column({ name: 'system_refunds_fen', type: 'integer' })
  systemRefundsFen: number;

  @Column({ name: 'created_by', type: 'varchar', length: 36 })
  createdBy: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}

/** One difference found; pairs that agree are only counted. */
@Entity('reconciliation_items')
@Index('idx_reconciliation_item', ['reconciliationId', 'lineNo'])
export class ReconciliationItem {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'reconciliation_id', type: 'varchar', length: 36 })
  reconciliationId: string;

  @Column({ type: 'varchar', length: 20 })
  result: ReconciliationResult;

  @Column({ type: 'varchar', length: 10 })
  type: 'PAYMENT' | 'REFUND';

  @Column({ name: 'out_no', type: 'varchar', length: 64 })
  outNo: string;

  @Column({ name: 'wechat_id', type: 'varchar', length: 64, nullable: true })
  wechatId: string | null;

  @Column({ name: 'system_wechat_id', type: 'varchar', length: 64, nullable: true })
  systemWechatId: string | null;

  @Column({ name: 'wechat_amount_fen', type: 'integer', nullable: true })
  wechatAmountFen: number | null;

  @Column({ name: 'system_amount_fen', type: 'integer', nullable: true })
  systemAmountFen: number | null;

  @Column({ name: 'payment_id', type: 'varchar', length: 36, nullable: true })
  paymentId: string | null;

  @Column({ name: 'refund_leg_id', type: 'varchar', length: 36, nullable: true })
  refundLegId: string | null;

  @Column({ name: 'bill_id', type: 'varchar', length: 36, nullable: true })
  billId: string | null;

  @Column({ name: 'line_no', type: 'integer', nullable: true })
  lineNo: number | null;

  @Column({ name: 'traded_at', type: 'varchar', length: 19, nullable: true })
  tradedAt: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  note: string | null;
}
