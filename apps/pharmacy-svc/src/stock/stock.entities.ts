import type { LedgerType } from '@clinic/contracts';
import { Check, Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';

@Entity('suppliers')
@Unique('uq_supplier_name', ['clinicId', 'name'])
export class Supplier {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'clinic_id', type: 'varchar', length: 36 })
  clinicId: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  contact: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}

/** A receipt (入库单): all its lines are taken, or none. */
@Entity('stock_ins')
@Index('idx_stock_in_time', ['clinicId', 'receivedAt'])
export class StockIn {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'clinic_id', type: 'varchar', length: 36 })
  clinicId: string;

  @Column({ name: 'supplier_id', type: 'varchar', length: 36 })
  supplierId: string;

  @Column({ name: 'invoice_no', type: 'varchar', length: 60, nullable: true })
  invoiceNo: string | null;

  @Column({ name: 'received_by', type: 'varchar', length: 36 })
  receivedBy: string;

  @Column({ name: 'received_at', type: 'datetime', precision: 3 })
  receivedAt: Date;

  @Column({ name: 'total_cost_fen', type: 'integer' })
  totalCostFen: number;
}

@Entity('stock_in_lines')
@Index('idx_stock_in_line', ['stockInId', 'lineNo'])
@Index('idx_stock_in_line_drug', ['drugId', 'stockInId'])
export class StockInLine {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'stock_in_id', type: 'varchar', length: 36 })
  stockInId: string;

  @Column({ name: 'batch_id', type: 'varchar', length: 36 })
  batchId: string;

  @Column({ name: 'drug_id', type: 'varchar', length: 36 })
  drugId: string;

  @Column({ name: 'line_no', type: 'integer' })
  lineNo: number;

  @Column({ type: 'integer' })
  quantity: number;

  @Column({ name: 'unit_cost_fen', type: 'integer' })
  unitCostFen: number;
}

/**
 * One batch (批次) of one drug. `quantity` is on hand, `reserved` the part held for signed prescriptions.
 * Both change only through conditional updates in StockLedger, each with a ledger row.
 */
@Entity('batches')
@Unique('uq_batch', ['clinicId', 'drugId', 'batchNo'])
@Index('idx_batch_fefo', ['drugId', 'status', 'expiryDate'])
@Index('idx_batch_clinic', ['clinicId', 'status', 'expiryDate'])
@Check('chk_batch_quantity', 'quantity >= 0')
@Check('chk_batch_reserved', 'reserved >= 0 AND reserved <= quantity')
export class Batch {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'clinic_id', type: 'varchar', length: 36 })
  clinicId: string;

  @Column({ name: 'drug_id', type: 'varchar', length: 36 })
  drugId: string;

  @Column({ name: 'batch_no', type: 'varchar', length: 40 })
  batchNo: string;

  /** 有效期至: usable through this date (YYYY-MM-DD, the clinic's calendar). */
  @Column({ name: 'expiry_date', type: 'date' })
  expiryDate: string;

  @Column({ type: 'integer' })
  quantity: number;

  @Column({ type: 'integer' })
  reserved: number;

  @Column({ type: 'varchar', length: 10 })
  status: 'ACTIVE' | 'EXPIRED';

  /** What the expiry job moved out of stock, for the EXPIRED alert and disposal. */
  @Column({ name: 'expired_quantity', type: 'integer' })
  expiredQuantity: number;

  @Column({ name: 'unit_cost_fen', type: 'integer' })
  unitCostFen: number;

  @Column({ name: 'supplier_id', type: 'varchar', length: 36, nullable: true })
  supplierId: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}

/** Every movement of stock. Per batch, on hand = Σ quantity and reserved = Σ reservedChange (the verify command checks). */
@Entity('stock_ledger')
@Index('idx_ledger_batch', ['batchId', 'seq'])
@Index('idx_ledger_drug_time', ['clinicId', 'drugId', 'createdAt'])
@Index('idx_ledger_type_time', ['clinicId', 'type', 'createdAt'])
@Check('chk_ledger_balance', 'balance_after >= 0 AND reserved_after >= 0')
export class LedgerEntry {
  @PrimaryGeneratedColumn({ type: 'integer' })
  seq: number;

  @Column({ name: 'clinic_id', type: 'varchar', length: 36 })
  clinicId: string;

  @Column({ name: 'drug_id', type: 'varchar', length: 36 })
  drugId: string;

  @Column({ name: 'batch_id', type: 'varchar', length: 36 })
  batchId: string;

  @Column({ type: 'varchar', length: 10 })
  type: LedgerType;

  /** Change of the on-hand quantity (signed). */
  @Column({ type: 'integer' })
  quantity: number;

  @Column({ name: 'reserved_change', type: 'integer' })
  reservedChange: number;

  @Column({ name: 'balance_after', type: 'integer' })
  balanceAfter: number;

  @Column({ name: 'reserved_after', type: 'integer' })
  reservedAfter: number;

  @Column({ name: 'actor_id', type: 'varchar', length: 36 })
  actorId: string;

  /** The document that moved the stock: STOCK_IN, PRESCRIPTION, RETURN, STOCKTAKE, EXPIRY. */
  @Column({ name: 'source_type', type: 'varchar', length: 20 })
  sourceType: string;

  @Column({ name: 'source_id', type: 'varchar', length: 36 })
  sourceId: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  note: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}
