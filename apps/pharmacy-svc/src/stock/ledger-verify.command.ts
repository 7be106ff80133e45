import type { JsonLogger } from '@clinic/platform';
import type { DataSource } from 'typeorm';

export interface LedgerCheck {
  ok: boolean;
  batches: number;
  /** Each batch whose figures disagree with its movements, with both sides. */
  mismatches: { batchId: string; quantity: number; ledgerQuantity: number; reserved: number; ledgerReserved: number; held: number }[];
  negativeRows: number;
}

/**
 * The stock invariant: per batch, on hand = the sum of its movements, reserved = the sum of its reservation
 * changes = what prescriptions hold on it, and no movement ever left a negative balance.
 */
export async function checkLedger(ds: DataSource): Promise<LedgerCheck> {
  const rows: { id: string; quantity: number; reserved: number; lq: string | number | null; lr: string | number | null; held: string | number | null }[] = await ds.query(`
    SELECT b.id, b.quantity, b.reserved,
      (SELECT SUM(l.quantity) FROM stock_ledger l WHERE l.batch_id = b.id) AS lq,
      (SELECT SUM(l.reserved_change) FROM stock_ledger l WHERE l.batch_id = b.id) AS lr,
      (SELECT SUM(a.reserved) FROM line_allocations a WHERE a.batch_id = b.id) AS held
    FROM batches b`);
  const mismatches = rows
    .map((r) => ({ batchId: r.id, quantity: Number(r.quantity), ledgerQuantity: Number(r.lq ?? 0), reserved: Number(r.reserved), ledgerReserved: Number(r.lr ?? 0), held: Number(r.held ?? 0) }))
    .filter((r) => r.quantity !== r.ledgerQuantity || r.reserved !== r.ledgerReserved || r.reserved !== r.held);
  const [{ n }] = await ds.query('SELECT COUNT(*) AS n FROM stock_ledger WHERE balance_after < 0 OR reserved_after < 0');
  return { ok: mismatches.length === 0 && Number(n) === 0, batches: rows.length, mismatches, negativeRows: Number(n) };
}

/** `node apps/pharmacy-svc/dist/main.js ledger-verify` (npm run stock:verify): exit 0 when the ledger holds, 1 when not. */
export async function verifyLedgerCommand(ds: DataSource, logger: JsonLogger): Promise<number> {
  const result = await checkLedger(ds);
  logger.event(result.ok ? 'info' : 'error', 'LedgerVerify', result.ok ? `stock ledger holds: ${result.batches} batches` : `stock ledger broken: ${result.mismatches.length} batches disagree, ${result.negativeRows} negative rows`, { ...result, mismatches: result.mismatches.slice(0, 20) });
  return result.ok ? 0 : 1;
}
