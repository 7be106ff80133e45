import type { DoctorTitle, FeeCategory } from '@clinic/contracts';
import { Check, Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

/**
 * A priced service. Registration fees may be set per doctor title (挂号费 by 职称): one item per clinic and title,
 * kept unique by the database (NULL titles do not collide, so other items are unaffected).
 */
@Entity('fee_items')
@Unique('uq_fee_item_name', ['clinicId', 'name'])
@Unique('uq_fee_item_title', ['clinicId', 'category', 'doctorTitle'])
@Check('chk_fee_item_price', 'price_fen >= 0')
@Check('chk_fee_item_title', "doctor_title IS NULL OR category = 'REGISTRATION'")
export class FeeItem {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'clinic_id', type: 'varchar', length: 36 })
  clinicId: string;

  @Column({ type: 'varchar', length: 50 })
  name: string;

  /** The current price; every price it had is in fee_item_prices. */
  @Column({ name: 'price_fen', type: 'integer' })
  priceFen: number;

  @Column({ type: 'varchar', length: 20 })
  category: FeeCategory;

  @Column({ name: 'doctor_title', type: 'varchar', length: 10, nullable: true })
  doctorTitle: DoctorTitle | null;

  /** Set when the item is no longer offered; bills keep what they charged. */
  @Column({ name: 'retired_at', type: 'datetime', precision: 3, nullable: true })
  retiredAt: Date | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}

@Entity('fee_item_prices')
@Index('idx_fee_item_price_item', ['feeItemId', 'effectiveFrom'])
@Check('chk_fee_item_price_row', 'price_fen >= 0')
export class FeeItemPrice {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'clinic_id', type: 'varchar', length: 36 })
  clinicId: string;

  @Column({ name: 'fee_item_id', type: 'varchar', length: 36 })
  feeItemId: string;

  @Column({ name: 'price_fen', type: 'integer' })
  priceFen: number;

  @Column({ name: 'effective_from', type: 'datetime', precision: 3 })
  effectiveFrom: Date;

  @Column({ name: 'changed_by', type: 'varchar', length: 36 })
  changedBy: string;
}
