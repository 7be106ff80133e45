import { col } from '@clinic/platform';
import { Table, TableIndex, TableUnique, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Bills, their lines as charged, and payments (each under a unique idempotency key). */
export class Bills1764720000000 implements MigrationInterface {
  name = 'Bills1764720000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.createTable(
      new Table({
        name: 'bills',
        columns: [col.id(), col.clinicId(), col.ref('patient_id'), col.str('source_type', 12), col.ref('source_id'), col.str('status', 20), col.int('total_fen'), col.int('paid_fen'), col.time('created_at'), col.time('paid_at', true)],
        uniques: [new TableUnique({ name: 'uq_bill_source', columnNames: ['clinic_id', 'source_type', 'source_id'] })],
        checks: [{ name: 'chk_bill_amounts', expression: 'total_fen >= 0 AND paid_fen >= 0 AND paid_fen <= total_fen' }],
        indices: [new TableIndex({ name: 'idx_bill_patient', columnNames: ['clinic_id', 'patient_id', 'created_at'] })],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'bill_lines',
        columns: [col.id(), col.ref('bill_id'), col.str('kind', 12), col.ref('ref_id'), col.int('line_no'), col.ref('item_id', true), col.str('name', 100), col.int('unit_price_fen'), col.int('quantity'), col.int('amount_fen'), col.time('created_at')],
        uniques: [new TableUnique({ name: 'uq_bill_line', columnNames: ['bill_id', 'kind', 'ref_id', 'line_no'] })],
        checks: [{ name: 'chk_bill_line', expression: 'quantity > 0 AND amount_fen = unit_price_fen * quantity' }],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'payments',
        columns: [
          col.id(),
          col.clinicId(),
          col.ref('bill_id'),
          col.str('method', 10),
          col.int('amount_fen'),
          col.int('tendered_fen', true),
          col.int('change_fen', true),
          col.str('idempotency_key', 64),
          col.str('created_by', 36),
          col.time('created_at'),
        ],
        uniques: [new TableUnique({ name: 'uq_payment_key', columnNames: ['clinic_id', 'idempotency_key'] })],
        checks: [{ name: 'chk_payment_amount', expression: 'amount_fen > 0' }],
        indices: [new TableIndex({ name: 'idx_payment_bill', columnNames: ['bill_id'] })],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const t of ['payments', 'bill_lines', 'bills']) await qr.dropTable(t);
  }
}
