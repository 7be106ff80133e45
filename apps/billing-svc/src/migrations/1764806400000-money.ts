import { addUnique, col, createTableWithChecks, dropUnique, replaceCheck } from '@clinic/platform';
import { Table, TableColumn, TableIndex, TableUnique, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The rest of the money model: who a bill is for (doctor, department), what is held by a pending online payment,
 * what was refunded per bill, line and payment; payments that wait for a channel (WeChat Pay, 医保) with the
 * channel's ids kept unique; refunds with their lines and the money legs that carry them back; the business day
 * each entry is booked to, and the days that are closed.
 */
export class Money1764806400000 implements MigrationInterface {
  name = 'Money1764806400000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.addColumns('bills', [
      new TableColumn(col.ref('doctor_id', true)),
      new TableColumn(col.ref('department_id', true)),
      new TableColumn({ ...col.int('pending_fen'), default: 0 }),
      new TableColumn({ ...col.int('refunded_fen'), default: 0 }),
    ]);
    await replaceCheck(qr, { table: 'bills', name: 'chk_bill_amounts', expression: 'total_fen >= 0 AND paid_fen >= 0 AND pending_fen >= 0 AND paid_fen + pending_fen <= total_fen AND refunded_fen >= 0 AND refunded_fen <= paid_fen' });
    await qr.createIndex('bills', new TableIndex({ name: 'idx_bill_paid_at', columnNames: ['clinic_id', 'paid_at'] }));

    await qr.addColumns('bill_lines', [
      new TableColumn({ ...col.int('dispensed_qty'), default: 0 }),
      new TableColumn({ ...col.int('returned_qty'), default: 0 }),
      new TableColumn({ ...col.int('refunded_qty'), default: 0 }),
      new TableColumn({ ...col.int('refunded_fen'), default: 0 }),
    ]);
    await replaceCheck(qr, { table: 'bill_lines', name: 'chk_bill_line', expression: 'quantity > 0 AND amount_fen = unit_price_fen * quantity AND dispensed_qty BETWEEN 0 AND quantity AND returned_qty BETWEEN 0 AND dispensed_qty AND refunded_qty BETWEEN 0 AND quantity AND refunded_fen BETWEEN 0 AND amount_fen' });
    await qr.createIndex('bill_lines', new TableIndex({ name: 'idx_bill_line_ref', columnNames: ['ref_id'] }));

    await qr.addColumns('payments', [
      new TableColumn({ ...col.str('status', 10), default: "'SUCCEEDED'" }),
      new TableColumn(col.str('business_date', 10, true)),
      new TableColumn(col.str('out_trade_no', 32, true)),
      new TableColumn(col.str('channel_txn_id', 64, true)),
      new TableColumn({ ...col.int('refunded_fen'), default: 0 }),
      new TableColumn(col.text('detail', true)),
      new TableColumn(col.time('paid_at', true)),
      new TableColumn(col.time('expires_at', true)),
    ]);
    await qr.query("UPDATE payments SET paid_at = created_at WHERE paid_at IS NULL AND status = 'SUCCEEDED'");
    await replaceCheck(qr, { table: 'payments', name: 'chk_payment_amount', expression: 'amount_fen > 0 AND refunded_fen >= 0 AND refunded_fen <= amount_fen' });
    await addUnique(qr, 'payments', 'uq_payment_trade_no', ['out_trade_no']);
    await addUnique(qr, 'payments', 'uq_payment_channel_txn', ['method', 'channel_txn_id']);
    await qr.createIndex('payments', new TableIndex({ name: 'idx_payment_day', columnNames: ['clinic_id', 'business_date'] }));
    await qr.createIndex('payments', new TableIndex({ name: 'idx_payment_pending', columnNames: ['status', 'expires_at'] }));

    await createTableWithChecks(
      qr,
      new Table({
        name: 'refunds',
        columns: [col.id(), col.clinicId(), col.ref('bill_id'), col.int('amount_fen'), col.str('reason', 200), col.str('status', 10), col.str('idempotency_key', 64), col.str('created_by', 36), col.time('created_at'), col.time('completed_at', true)],
        uniques: [new TableUnique({ name: 'uq_refund_key', columnNames: ['clinic_id', 'idempotency_key'] })],
        checks: [{ name: 'chk_refund_amount', expression: 'amount_fen > 0' }],
        indices: [new TableIndex({ name: 'idx_refund_bill', columnNames: ['bill_id'] })],
      }),
    );
    await createTableWithChecks(
      qr,
      new Table({
        name: 'refund_lines',
        columns: [col.id(), col.ref('refund_id'), col.ref('bill_line_id'), col.int('quantity'), col.int('release_qty'), col.int('amount_fen')],
        uniques: [new TableUnique({ name: 'uq_refund_line', columnNames: ['refund_id', 'bill_line_id'] })],
        checks: [{ name: 'chk_refund_line', expression: 'quantity >= 0 AND release_qty BETWEEN 0 AND quantity AND amount_fen > 0' }],
      }),
    );
    // A leg carries part of a refund back along one payment; a WeChat leg's out_refund_no is fixed at creation, so a retry reuses it.
    await createTableWithChecks(
      qr,
      new Table({
        name: 'refund_legs',
        columns: [
          col.id(),
          col.clinicId(),
          col.ref('refund_id'),
          col.ref('payment_id'),
          col.str('method', 10),
          col.int('amount_fen'),
          col.str('status', 10),
          col.str('out_refund_no', 64),
          col.str('channel_refund_id', 64, true),
          col.str('business_date', 10, true),
          col.time('created_at'),
          col.time('completed_at', true),
        ],
        uniques: [new TableUnique({ name: 'uq_refund_leg_no', columnNames: ['out_refund_no'] })],
        checks: [{ name: 'chk_refund_leg', expression: 'amount_fen > 0' }],
        indices: [new TableIndex({ name: 'idx_refund_leg_refund', columnNames: ['refund_id'] }), new TableIndex({ name: 'idx_refund_leg_day', columnNames: ['clinic_id', 'business_date'] })],
      }),
    );
    // The cashier's journal: every movement of money, signed, on the business day it is booked to. The daily close
    // and the reports read only this; a row is never changed, a correction is a new row.
    await createTableWithChecks(
      qr,
      new Table({
        name: 'money_entries',
        columns: [
          col.id(),
          col.clinicId(),
          col.str('business_date', 10),
          col.str('kind', 10),
          col.str('method', 10),
          col.int('amount_fen'),
          col.ref('bill_id'),
          col.ref('payment_id'),
          col.ref('source_id'),
          col.ref('doctor_id', true),
          col.ref('department_id', true),
          col.time('created_at'),
        ],
        uniques: [new TableUnique({ name: 'uq_money_entry_source', columnNames: ['kind', 'source_id'] })],
        checks: [{ name: 'chk_money_entry_sign', expression: "(kind = 'PAYMENT' AND amount_fen > 0) OR (kind <> 'PAYMENT' AND amount_fen < 0)" }],
        indices: [new TableIndex({ name: 'idx_money_entry_day', columnNames: ['clinic_id', 'business_date', 'method'] })],
      }),
    );
    // One row per clinic day that money was booked to; payments take it shared, the daily close exclusively.
    await createTableWithChecks(
      qr,
      new Table({
        name: 'business_days',
        columns: [{ ...col.clinicId(), isPrimary: true }, { ...col.str('day', 10), isPrimary: true }, col.str('status', 10), col.time('closed_at', true), col.str('closed_by', 36, true)],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const t of ['business_days', 'money_entries', 'refund_legs', 'refund_lines', 'refunds']) await qr.dropTable(t);
    await qr.dropIndex('payments', 'idx_payment_pending');
    await qr.dropIndex('payments', 'idx_payment_day');
    await dropUnique(qr, 'payments', 'uq_payment_channel_txn');
    await dropUnique(qr, 'payments', 'uq_payment_trade_no');
    await replaceCheck(qr, { table: 'payments', name: 'chk_payment_amount', expression: 'amount_fen > 0' });
    await qr.dropColumns('payments', ['status', 'business_date', 'out_trade_no', 'channel_txn_id', 'refunded_fen', 'detail', 'paid_at', 'expires_at']);
    await qr.dropIndex('bill_lines', 'idx_bill_line_ref');
    await replaceCheck(qr, { table: 'bill_lines', name: 'chk_bill_line', expression: 'quantity > 0 AND amount_fen = unit_price_fen * quantity' });
    await qr.dropColumns('bill_lines', ['dispensed_qty', 'returned_qty', 'refunded_qty', 'refunded_fen']);
    await qr.dropIndex('bills', 'idx_bill_paid_at');
    await replaceCheck(qr, { table: 'bills', name: 'chk_bill_amounts', expression: 'total_fen >= 0 AND paid_fen >= 0 AND paid_fen <= total_fen' });
    await qr.dropColumns('bills', ['doctor_id', 'department_id', 'pending_fen', 'refunded_fen']);
  }
}
