import { randomUUID } from 'node:crypto';
import { addCheck, addUnique, col, createTableWithChecks, dropCheck, dropUnique } from '@clinic/platform';
import { Table, TableColumn, TableIndex, TableUnique, type MigrationInterface, type QueryRunner } from 'typeorm';

const TITLE_CHECK = { table: 'fee_items', name: 'chk_fee_item_title', expression: "doctor_title IS NULL OR category = 'REGISTRATION'" };

/**
 * Fee items keep every price they had (fee_item_prices, one row per existing item to start from), may be retired,
 * and registration fees may be set per doctor title. Imports of WeChat Pay's daily trade bill and the differences
 * each found (reconciliations, reconciliation_items).
 */
export class Reconciliation1764979200000 implements MigrationInterface {
  name = 'Reconciliation1764979200000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.addColumns('fee_items', [new TableColumn(col.str('doctor_title', 10, true)), new TableColumn(col.time('retired_at', true))]);
    await addUnique(qr, 'fee_items', 'uq_fee_item_title', ['clinic_id', 'category', 'doctor_title']);
    await addCheck(qr, TITLE_CHECK);

    await createTableWithChecks(
      qr,
      new Table({
        name: 'fee_item_prices',
        columns: [col.id(), col.clinicId(), col.ref('fee_item_id'), col.int('price_fen'), col.time('effective_from'), col.str('changed_by', 36)],
        checks: [{ name: 'chk_fee_item_price_row', expression: 'price_fen >= 0' }],
        indices: [new TableIndex({ name: 'idx_fee_item_price_item', columnNames: ['fee_item_id', 'effective_from'] })],
      }),
    );
    // Every existing item starts its history at its current price, from when it was created.
    const items: { id: string; clinic_id: string; price_fen: number; created_at: Date | string }[] = await qr.query('SELECT id, clinic_id, price_fen, created_at FROM fee_items');
    for (const f of items) {
      await qr.query('INSERT INTO fee_item_prices (id, clinic_id, fee_item_id, price_fen, effective_from, changed_by) VALUES (?, ?, ?, ?, ?, ?)', [randomUUID(), f.clinic_id, f.id, f.price_fen, f.created_at, 'migration']);
    }

    await createTableWithChecks(
      qr,
      new Table({
        name: 'reconciliations',
        columns: [
          col.id(),
          col.clinicId(),
          col.str('date', 10),
          col.str('file_sha256', 64),
          ...['matched', 'missing_in_system', 'missing_in_wechat', 'amount_mismatch', 'txn_id_mismatch'].map((c) => col.int(c)),
          ...['wechat_payments', 'wechat_payments_fen', 'wechat_refunds', 'wechat_refunds_fen', 'wechat_fee_fen'].map((c) => col.int(c)),
          ...['system_payments', 'system_payments_fen', 'system_refunds', 'system_refunds_fen'].map((c) => col.int(c)),
          col.str('created_by', 36),
          col.time('created_at'),
        ],
        uniques: [new TableUnique({ name: 'uq_reconciliation_file', columnNames: ['clinic_id', 'date', 'file_sha256'] })],
        indices: [new TableIndex({ name: 'idx_reconciliation_date', columnNames: ['clinic_id', 'date', 'created_at'] })],
      }),
    );
    await createTableWithChecks(
      qr,
      new Table({
        name: 'reconciliation_items',
        columns: [
          col.id(),
          col.ref('reconciliation_id'),
          col.str('result', 20),
          col.str('type', 10),
          col.str('out_no', 64),
          col.str('wechat_id', 64, true),
          col.str('system_wechat_id', 64, true),
          col.int('wechat_amount_fen', true),
          col.int('system_amount_fen', true),
          col.ref('payment_id', true),
          col.ref('refund_leg_id', true),
          col.ref('bill_id', true),
          col.int('line_no', true),
          col.str('traded_at', 19, true),
          col.str('note', 200, true),
        ],
        indices: [new TableIndex({ name: 'idx_reconciliation_item', columnNames: ['reconciliation_id', 'line_no'] })],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const t of ['reconciliation_items', 'reconciliations', 'fee_item_prices']) await qr.dropTable(t);
    await dropCheck(qr, TITLE_CHECK);
    await dropUnique(qr, 'fee_items', 'uq_fee_item_title');
    await qr.dropColumns('fee_items', ['doctor_title', 'retired_at']);
  }
}
