import type { StocktakeStatus } from '@clinic/contracts';
import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';

@Entity('stocktakes')
@Unique('uq_stocktake_open', ['clinicId', 'openFlag'])
export class Stocktake {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'clinic_id', type: 'varchar', length: 36 })
  clinicId: string;

  @Column({ type: 'varchar', length: 10 })
  status: StocktakeStatus;

  /** 'OPEN' while open and null after, so the unique key allows one open stocktake per clinic. */
  @Column({ name: 'open_flag', type: 'varchar', length: 4, nullable: true })
  openFlag: 'OPEN' | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  note: string | null;

  @Column({ name: 'created_by', type: 'varchar', length: 36 })
  createdBy: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'closed_by', type: 'varchar', length: 36, nullable: true })
  closedBy: string | null;

  @Column({ name: 'closed_at', type: 'datetime', precision: 3, nullable: true })
  closedAt: Date | null;
}

@Entity('stocktake_lines')
@Unique('uq_stocktake_batch', ['stocktakeId', 'batchId'])
export class StocktakeLine {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'stocktake_id', type: 'varchar', length: 36 })
  stocktakeId: string;

  @Column({ name: 'batch_id', type: 'varchar', length: 36 })
  batchId: string;

  @Column({ name: 'drug_id', type: 'varchar', length: 36 })
  drugId: string;

  @Column({ name: 'frozen_quantity', type: 'integer' })
  frozenQuantity: number;

  /** The batch's book quantity when the count was entered; the variance is taken against it. */
  @Column({ name: 'book_quantity', type: 'integer', nullable: true })
  bookQuantity: number | null;

  @Column({ name: 'actual_quantity', type: 'integer', nullable: true })
  actualQuantity: number | null;

  @Column({ name: 'unit_cost_fen', type: 'integer' })
  unitCostFen: number;

  @Column({ name: 'counted_by', type: 'varchar', length: 36, nullable: true })
  countedBy: string | null;

  @Column({ name: 'counted_at', type: 'datetime', precision: 3, nullable: true })
  countedAt: Date | null;
}
