import { Injectable } from '@nestjs/common';
import { Config, DaySummary, Tx, type DaySpan } from '@clinic/platform';
import { DataSource } from 'typeorm';

export type UsageMetric = 'usage';

/**
 * Pharmacy-svc's day summary (see DaySummary in libs/platform): the drug usage ranking of each clinic day.
 *
 * usage: by drug (dim1), n = units dispensed less units returned, amount = the fen charged for them less the fen of
 * the returns. These are exactly the rows ReportsService.netUse adds up, per clinic day: the lines of DISPENSED
 * orders by dispensing time, at each line's amount_fen, less the return lines by their time, at their amount_fen.
 * They are not counted from stock_ledger: a ledger row carries no price, its DISPENSE/RETURN rows are stamped a few
 * milliseconds after the order's dispensed_at / the return line's created_at (a day apart at midnight), and a line
 * whose quantity a refund cut before dispensing keeps its original amount_fen, which no ledger row could reproduce.
 *
 * No write needs `touch` today: nothing writes these rows, or the ledger, for a day before the writer's today.
 * - An order becomes DISPENSED with dispensed_at = now, and DISPENSED is final (release, lapse, refund release and
 *   payment only move RESERVED, READY or LAPSED orders; a refund release is refused once dispensed, under the
 *   order's lock). Its lines change (quantity cut by a refund release) only before that; returned_quantity is not
 *   counted.
 * - Return lines are inserted with created_at = now and never changed or deleted.
 * - Ledger rows are only inserted, by StockLedger.move with created_at = now, and never updated or deleted.
 * A new path that writes any of these for an earlier day must call `touch(m, clinicId, thatDay)` in its transaction.
 */
@Injectable()
export class UsageDays extends DaySummary<UsageMetric> {
  constructor(ds: DataSource, tx: Tx, config: Config) {
    super(ds, tx, config, ['usage']);
  }

  protected readonly clinicsSql = 'SELECT DISTINCT clinic_id FROM pharmacy_orders';

  protected source(_metric: UsageMetric, r: DaySpan): [string, unknown[]] {
    const span = this.instants(r);
    return [
      `SELECT SUBSTR(t.w, 1, 10) AS day, t.drug_id AS dim1, '' AS dim2, SUM(t.q) AS n, SUM(t.fen) AS amount FROM (
         SELECT ${this.wallHour('o.dispensed_at', r)} AS w, l.drug_id, l.quantity AS q, l.amount_fen AS fen
         FROM pharmacy_orders o JOIN pharmacy_order_lines l ON l.prescription_id = o.prescription_id
         WHERE o.clinic_id = ? AND o.status = 'DISPENSED' AND o.dispensed_at >= ? AND o.dispensed_at < ?
         UNION ALL
         SELECT ${this.wallHour('x.created_at', r)} AS w, x.drug_id, -x.quantity AS q, -x.amount_fen AS fen
         FROM drug_return_lines x WHERE x.clinic_id = ? AND x.created_at >= ? AND x.created_at < ?
       ) t GROUP BY SUBSTR(t.w, 1, 10), t.drug_id`,
      [...span, ...span],
    ];
  }
}
