import type { PaymentMethod } from '@clinic/contracts';
import { Check, Column, Entity, PrimaryColumn, Unique } from 'typeorm';

/** A closed business day (日结): what the journal held for it, and the cash the cashier counted. Never changed. */
@Entity('settlements')
@Unique('uq_settlement_day', ['clinicId', 'businessDate'])
@Check('chk_settlement_cash', 'counted_cash_fen >= 0 AND difference_fen = counted_cash_fen - expected_cash_fen')
export class Settlement {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'clinic_id', type: 'varchar', length: 36 })
  clinicId: string;

  @Column({ name: 'business_date', type: 'varchar', length: 10 })
  businessDate: string;

  /** Net CASH of the day. */
  @Column({ name: 'expected_cash_fen', type: 'integer' })
  expectedCashFen: number;

  @Column({ name: 'counted_cash_fen', type: 'integer' })
  countedCashFen: number;

  @Column({ name: 'difference_fen', type: 'integer' })
  differenceFen: number;

  @Column({ type: 'varchar', length: 200, nullable: true })
  note: string | null;

  @Column({ name: 'closed_by', type: 'varchar', length: 36 })
  closedBy: string;

  @Column({ name: 'closed_at', type: 'datetime', precision: 3 })
  closedAt: Date;
}

/** One payment method's totals in a settlement; out amounts are positive, net = in - out. */
@Entity('settlement_lines')
@Unique('uq_settlement_line', ['settlementId', 'method'])
@Check(
  'chk_settlement_line',
  'payments_fen >= 0 AND refunds_fen >= 0 AND reversals_fen >= 0 AND payment_count >= 0 AND refund_count >= 0 AND reversal_count >= 0 AND net_fen = payments_fen - refunds_fen - reversals_fen',
)
export class SettlementLine {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'settlement_id', type: 'varchar', length: 36 })
  settlementId: string;

  @Column({ type: 'varchar', length: 10 })
  method: PaymentMethod;

  @Column({ name: 'payments_fen', type: 'integer' })
  paymentsFen: number;

  @Column({ name: 'payment_count', type: 'integer' })
  paymentCount: number;

  @Column({ name: 'refunds_fen', type: 'integer' })
  refundsFen: number;

  @Column({ name: 'refund_count', type: 'integer' })
  refundCount: number;

  @Column({ name: 'reversals_fen', type: 'integer' })
  reversalsFen: number;

  @Column({ name: 'reversal_count', type: 'integer' })
  reversalCount: number;

  @Column({ name: 'net_fen', type: 'integer' })
  netFen: number;
}
