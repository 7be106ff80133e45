import type { ControlClass, DrugAllergyClass } from '@clinic/contracts';
import { Check, Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

@Entity('drugs')
@Unique('uq_drug_name_spec', ['clinicId', 'name', 'spec'])
@Unique('uq_drug_barcode', ['clinicId', 'barcode'])
@Index('idx_drug_generic', ['clinicId', 'genericName'])
@Index('idx_drug_name_py', ['clinicId', 'namePy'])
@Index('idx_drug_generic_py', ['clinicId', 'genericPy'])
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

  @Column({ name: 'dosage_form', type: 'varchar', length: 20, nullable: true })
  dosageForm: string | null;

  @Column({ type: 'varchar', length: 10 })
  unit: string;

  @Column({ name: 'pack_size', type: 'integer', nullable: true })
  packSize: number | null;

  /** The current price; every price it had is in drug_prices. */
  @Column({ name: 'price_fen', type: 'integer' })
  priceFen: number;

  @Column({ type: 'varchar', length: 30, nullable: true })
  category: string | null;

  @Column({ name: 'reorder_level', type: 'integer' })
  reorderLevel: number;

  @Column({ type: 'varchar', length: 32, nullable: true })
  barcode: string | null;

  @Column({ name: 'is_prescription', type: 'boolean', width: 1 })
  isPrescription: boolean;

  /** Null on rows older than the column: ordinary. */
  @Column({ name: 'control_class', type: 'varchar', length: 16, nullable: true })
  controlClass: ControlClass | null;

  @Column({ name: 'allergy_class', type: 'varchar', length: 20, nullable: true })
  allergyClass: DrugAllergyClass | null;

  /** Pinyin initials of the name and the generic name, for searching "amxl". */
  @Column({ name: 'name_py', type: 'varchar', length: 100, nullable: true })
  namePy: string | null;

  @Column({ name: 'generic_py', type: 'varchar', length: 100, nullable: true })
  genericPy: string | null;

  /** Set when the drug is no longer stocked or prescribed. */
  @Column({ name: 'retired_at', type: 'datetime', precision: 3, nullable: true })
  retiredAt: Date | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}

@Entity('drug_prices')
@Index('idx_drug_price_drug', ['drugId', 'effectiveFrom'])
export class DrugPrice {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'clinic_id', type: 'varchar', length: 36 })
  clinicId: string;

  @Column({ name: 'drug_id', type: 'varchar', length: 36 })
  drugId: string;

  @Column({ name: 'price_fen', type: 'integer' })
  priceFen: number;

  @Column({ name: 'effective_from', type: 'datetime', precision: 3 })
  effectiveFrom: Date;

  @Column({ name: 'changed_by', type: 'varchar', length: 36 })
  changedBy: string;
}
