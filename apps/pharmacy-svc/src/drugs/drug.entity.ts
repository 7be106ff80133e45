import { Check, Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

@Entity('drugs')
@Unique('uq_drug_name_spec', ['clinicId', 'name', 'spec'])
@Unique('uq_drug_barcode', ['clinicId', 'barcode'])
@Index('idx_drug_generic', ['clinicId', 'genericName'])
@Check('chk_drug_price', 'price_fen >= 0')
export class Drug {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'clinic_id', type: 'varchar', length: 36 })
  clinicId: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ name: 'generic_name', type: 'varchar', length: 100, nullable: true })
  genericName: string | null;

  @Column({ type: 'varchar', length: 100 })
  spec: string;

  @Column({ type: 'varchar', length: 10 })
  unit: string;

  @Column({ name: 'price_fen', type: 'integer' })
  priceFen: number;

  @Column({ name: 'reorder_level', type: 'integer' })
  reorderLevel: number;

  @Column({ type: 'varchar', length: 32, nullable: true })
  barcode: string | null;

  @Column({ name: 'is_prescription', type: 'boolean', width: 1 })
  isPrescription: boolean;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}
