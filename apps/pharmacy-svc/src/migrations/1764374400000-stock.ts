import { randomUUID } from 'node:crypto';
import { col } from '@clinic/platform';
import { Table, TableColumn, TableIndex, TableUnique, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The stock: drug classes and price history, suppliers, receipts (入库), batches, the ledger of every movement,
 * prescriptions as pharmacy holds them (reservation, dispensing, returns), stocktakes and alert notices.
 */
export class Stock1764374400000 implements MigrationInterface {
  name = 'Stock1764374400000';

  async up(qr: QueryRunner): Promise<void> {
    // Nullable so existing rows need no default (SQLite and MySQL spell defaults differently); the service
    // always writes them, and reads null as the ordinary value.
    for (const c of [
      col.str('dosage_form', 20, true),
      col.int('pack_size', true),
      col.str('category', 30, true),
      col.str('control_class', 16, true),
      col.str('allergy_class', 20, true),
      col.str('name_py', 100, true),
      col.str('generic_py', 100, true),
      col.time('retired_at', true),
    ]) {
      await qr.addColumn('drugs', new TableColumn(c));
    }
    await qr.createIndex('drugs', new TableIndex({ name: 'idx_drug_name_py', columnNames: ['clinic_id', 'name_py'] }));
    await qr.createIndex('drugs', new TableIndex({ name: 'idx_drug_generic_py', columnNames: ['clinic_id', 'generic_py'] }));

    await qr.createTable(
      new Table({
        name: 'drug_prices',
        columns: [col.id(), col.clinicId(), col.ref('drug_id'), col.int('price_fen'), col.time('effective_from'), col.str('changed_by', 36)],
        indices: [new TableIndex({ name: 'idx_drug_price_drug', columnNames: ['drug_id', 'effective_from'] })],
      }),
    );
    // Every existing drug starts its history at its current price.
    const drugs: { id: string; clinic_id: string; price_fen: number; created_at: Date }[] = await qr.query('SELECT id, clinic_id, price_fen, created_at FROM drugs');
    for (const d of drugs) {
      await qr.query('INSERT INTO drug_prices (id, clinic_id, drug_id, price_fen, effective_from, changed_by) VALUES (?, ?, ?, ?, ?, ?)', [randomUUID(), d.clinic_id, d.id, d.price_fen, d.created_at, 'migration']);
    }

    await qr.createTable(
      new Table({
        name: 'suppliers',
        columns: [col.id(), col.clinicId(), col.str('name', 100), col.str('contact', 100, true), col.time('created_at')],
        uniques: [new TableUnique({ name: 'uq_supplier_name', columnNames: ['clinic_id', 'name'] })],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'stock_ins',
        columns: [col.id(), col.clinicId(), col.ref('supplier_id'), col.str('invoice_no', 60, true), col.str('received_by', 36), col.time('received_at'), col.int('total_cost_fen')],
        indices: [new TableIndex({ name: 'idx_stock_in_time', columnNames: ['clinic_id', 'received_at'] })],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'batches',
        columns: [
          col.id(),
          col.clinicId(),
          col.ref('drug_id'),
          col.str('batch_no', 40),
          col.date('expiry_date'),
          col.int('quantity'),
          col.int('reserved'),
          col.str('status', 10),
          col.int('expired_quantity'),
          col.int('unit_cost_fen'),
          col.ref('supplier_id', true),
          col.time('created_at'),
        ],
        uniques: [new TableUnique({ name: 'uq_batch', columnNames: ['clinic_id', 'drug_id', 'batch_no'] })],
        // The database holds the stock: no negative on-hand, no reservation beyond what is on hand.
        checks: [
          { name: 'chk_batch_quantity', expression: 'quantity >= 0' },
          { name: 'chk_batch_reserved', expression: 'reserved >= 0 AND reserved <= quantity' },
        ],
        indices: [new TableIndex({ name: 'idx_batch_fefo', columnNames: ['drug_id', 'status', 'expiry_date'] })],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'stock_in_lines',
        columns: [col.id(), col.ref('stock_in_id'), col.ref('batch_id'), col.ref('drug_id'), col.int('line_no'), col.int('quantity'), col.int('unit_cost_fen')],
        indices: [new TableIndex({ name: 'idx_stock_in_line', columnNames: ['stock_in_id', 'line_no'] })],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'stock_ledger',
        columns: [
          { name: 'seq', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          col.clinicId(),
          col.ref('drug_id'),
          col.ref('batch_id'),
          col.str('type', 10),
          col.int('quantity'),
          col.int('reserved_change'),
          col.int('balance_after'),
          col.int('reserved_after'),
          col.str('actor_id', 36),
          col.str('source_type', 20),
          col.str('source_id', 36),
          col.str('note', 200, true),
          col.time('created_at'),
        ],
        checks: [{ name: 'chk_ledger_balance', expression: 'balance_after >= 0 AND reserved_after >= 0' }],
        indices: [
          new TableIndex({ name: 'idx_ledger_batch', columnNames: ['batch_id', 'seq'] }),
          new TableIndex({ name: 'idx_ledger_drug_time', columnNames: ['clinic_id', 'drug_id', 'created_at'] }),
          new TableIndex({ name: 'idx_ledger_type_time', columnNames: ['clinic_id', 'type', 'created_at'] }),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'pharmacy_orders',
        columns: [
          col.id('prescription_id'),
          col.clinicId(),
          col.ref('patient_id'),
          col.str('patient_name', 50),
          col.str('doctor_name', 50, true),
          col.str('reserved_by', 36),
          col.str('status', 10),
          col.time('valid_until'),
          col.time('reserved_at'),
          col.time('lapses_at'),
          col.time('paid_at', true),
          col.ref('bill_id', true),
          col.time('dispensed_at', true),
          col.str('dispensed_by', 36, true),
          col.time('closed_at', true),
          col.int('total_fen'),
        ],
        indices: [
          new TableIndex({ name: 'idx_order_status', columnNames: ['clinic_id', 'status', 'paid_at'] }),
          new TableIndex({ name: 'idx_order_lapse', columnNames: ['status', 'lapses_at'] }),
          new TableIndex({ name: 'idx_order_patient', columnNames: ['clinic_id', 'patient_id'] }),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'pharmacy_order_lines',
        columns: [
          col.id(),
          col.ref('prescription_id'),
          col.int('line_no'),
          col.ref('drug_id'),
          col.str('drug_name', 100),
          col.str('spec', 100),
          col.str('unit', 10),
          col.int('quantity'),
          col.int('unit_price_fen'),
          col.int('amount_fen'),
          col.str('dosage', 30, true),
          col.str('frequency', 20, true),
          col.str('route', 20, true),
          col.int('days', true),
          col.int('returned_quantity'),
        ],
        uniques: [new TableUnique({ name: 'uq_order_line', columnNames: ['prescription_id', 'line_no'] })],
        checks: [{ name: 'chk_line_returned', expression: 'returned_quantity >= 0 AND returned_quantity <= quantity' }],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'line_allocations',
        columns: [
          col.id(),
          col.ref('line_id'),
          col.ref('prescription_id'),
          col.ref('batch_id'),
          col.int('reserved'),
          col.int('dispensed'),
          col.int('returned'),
        ],
        uniques: [new TableUnique({ name: 'uq_allocation', columnNames: ['line_id', 'batch_id'] })],
        checks: [{ name: 'chk_allocation', expression: 'reserved >= 0 AND dispensed >= 0 AND returned >= 0 AND returned <= dispensed' }],
        indices: [
          new TableIndex({ name: 'idx_allocation_order', columnNames: ['prescription_id'] }),
          new TableIndex({ name: 'idx_allocation_batch', columnNames: ['batch_id'] }),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'drug_returns',
        columns: [col.id(), col.clinicId(), col.ref('prescription_id'), col.str('reason', 200), col.int('amount_fen'), col.str('created_by', 36), col.time('created_at')],
        indices: [new TableIndex({ name: 'idx_return_order', columnNames: ['prescription_id'] })],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'drug_return_lines',
        columns: [col.id(), col.ref('return_id'), col.clinicId(), col.ref('line_id'), col.ref('drug_id'), col.int('quantity'), col.int('amount_fen'), col.time('created_at')],
        indices: [
          new TableIndex({ name: 'idx_return_line_return', columnNames: ['return_id'] }),
          new TableIndex({ name: 'idx_return_line_time', columnNames: ['clinic_id', 'created_at'] }),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'stocktakes',
        columns: [
          col.id(),
          col.clinicId(),
          col.str('status', 10),
          // 'OPEN' while open, null after: the unique key allows one open stocktake per clinic.
          col.str('open_flag', 4, true),
          col.str('note', 200, true),
          col.str('created_by', 36),
          col.time('created_at'),
          col.str('closed_by', 36, true),
          col.time('closed_at', true),
        ],
        uniques: [new TableUnique({ name: 'uq_stocktake_open', columnNames: ['clinic_id', 'open_flag'] })],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'stocktake_lines',
        columns: [
          col.id(),
          col.ref('stocktake_id'),
          col.ref('batch_id'),
          col.ref('drug_id'),
          col.int('frozen_quantity'),
          col.int('book_quantity', true),
          col.int('actual_quantity', true),
          col.int('unit_cost_fen'),
          col.str('counted_by', 36, true),
          col.time('counted_at', true),
        ],
        uniques: [new TableUnique({ name: 'uq_stocktake_batch', columnNames: ['stocktake_id', 'batch_id'] })],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'alert_notices',
        columns: [col.id(), col.clinicId(), col.str('type', 12), col.ref('subject_id'), col.date('raised_on'), col.str('title', 100), col.str('body', 500), col.time('created_at')],
        // One notice per alert per day, however many copies of the service run the job.
        uniques: [new TableUnique({ name: 'uq_alert_notice', columnNames: ['clinic_id', 'type', 'subject_id', 'raised_on'] })],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const t of ['alert_notices', 'stocktake_lines', 'stocktakes', 'drug_return_lines', 'drug_returns', 'line_allocations', 'pharmacy_order_lines', 'pharmacy_orders', 'stock_ledger', 'stock_in_lines', 'batches', 'stock_ins', 'suppliers', 'drug_prices']) {
      await qr.dropTable(t);
    }
    await qr.dropIndex('drugs', 'idx_drug_generic_py');
    await qr.dropIndex('drugs', 'idx_drug_name_py');
    for (const c of ['retired_at', 'generic_py', 'name_py', 'allergy_class', 'control_class', 'category', 'pack_size', 'dosage_form']) await qr.dropColumn('drugs', c);
  }
}
