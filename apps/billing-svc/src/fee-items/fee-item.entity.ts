import type { FeeCategory } from '@clinic/contracts';
import { Check, Column, Entity, PrimaryColumn, Unique } from 'typeorm';

@Entity('fee_items')
@Unique('uq_fee_item_name', ['clinicId', 'name'])
@Check('chk_fee_item_price', 'price_fen >= 0')
export class FeeItem {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'clinic_id', type: 'varchar', length: 36 })
  clinicId: string;

  @Column({ type: 'varchar', length: 50 })
  name: string;

  @Column({ name: 'price_fen', type: 'integer' })
  priceFen: number;

  @Column({ type: 'varchar', length: 20 })
  category: FeeCategory;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}
