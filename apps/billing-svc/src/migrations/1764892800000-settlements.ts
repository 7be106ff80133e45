import { col, createTableWithChecks } from '@clinic/platform';
import { Table, TableIndex, TableUnique, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The daily close (日结): one settlement per clinic day with its per-method totals, and reversals (冲正) of desk
 * payments, each payment at most once, booked to an open day like every other movement of money.
 */
export class Settlements1764892800000 implements MigrationInterface {
  name = 'Settlements1764892800000';

  async up(qr: QueryRunner): Promise<void> {
    await createTableWithChecks(
      qr,
      new Table({
        name: 'settlements',
        columns: [
          col.id(),
          col.clinicId(),
          col.str('business_date', 10),
          col.int('expected_cash_fen'),
          col.int('counted_cash_fen'),
          col.int('difference_fen'),
          col.str('note', 200, true),
          col.str('closed_by', 36),
          col.time('closed_at'),
        ],
        uniques: [new TableUnique({ name: 'uq_settlement_day', columnNames: ['clinic_id', 'business_date'] })],
        checks: [{ name: 'chk_settlement_cash', expression: 'counted_cash_fen >= 0 AND difference_fen = counted_cash_fen - expected_cash_fen' }],
      }),
    );
    await createTableWithChecks(
      qr,
      new Table({
        name: 'settlement_lines',
        columns: [
          col.id(),
          col.ref('settlement_id'),
          col.str('method', 10),
          col.int('payments_fen'),
          col.int('payment_count'),
          col.int('refunds_fen'),
          col.int('refund_count'),
          col.int('reversals_fen'),
          col.int('reversal_count'),
          col.int('net_fen'),
        ],
        uniques: [new TableUnique({ name: 'uq_settlement_line', columnNames: ['settlement_id', 'method'] })],
        checks: [
          {
            name: 'chk_settlement_line',
            expression:
              'payments_fen >= 0 AND refunds_fen >= 0 AND reversals_fen >= 0 AND payment_count >= 0 AND refund_count >= 0 AND reversal_count >= 0 AND net_fen = payments_fen - refunds_fen - reversals_fen',
          },
        ],
      }),
    );
    await createTableWithChecks(
      qr,
      new Table({
        name: 'payment_reversals',
        columns: [
          col.id(),
          col.clinicId(),
          col.ref('payment_id'),
          col.ref('bill_id'),
          col.str('method', 10),
          col.int('amount_fen'),
          col.str('reason', 200),
          col.str('business_date', 10),
          col.str('idempotency_key', 64),
          col.str('created_by', 36),
          col.time('created_at'),
        ],
        uniques: [
          new TableUnique({ name: 'uq_reversal_payment', columnNames: ['payment_id'] }),
          new TableUnique({ name: 'uq_reversal_key', columnNames: ['clinic_id', 'idempotency_key'] }),
        ],
        checks: [{ name: 'chk_reversal_amount', expression: 'amount_fen > 0' }],
        indices: [new TableIndex({ name: 'idx_reversal_bill', columnNames: ['bill_id'] }), new TableIndex({ name: 'idx_reversal_day', columnNames: ['clinic_id', 'business_date'] })],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const t of ['payment_reversals', 'settlement_lines', 'settlements']) await qr.dropTable(t);
  }
}
