import { Injectable } from '@nestjs/common';
import type { Actor, DaysLeftRow, MovementRow, PeriodQuery, StockValuationReply, UsageRow } from '@clinic/contracts';
import { addDays, clinicDayStart, clinicNow, Config, DomainError, sqlTime } from '@clinic/platform';
import { DataSource } from 'typeorm';
import { Drug } from '../drugs/drug.entity';
import { DrugsService } from '../drugs/drugs.service';
import { UsageDays } from './usage-days';

/** Days of use that "days of stock left" and reorder suggestions are computed from. */
export const USAGE_WINDOW_DAYS = 30;
const MAX_PERIOD_DAYS = 366;

export interface DrugOutlook {
  drug: Drug;
  /** Units usable now (active, in date, not reserved). */
  available: number;
  /** Net units used in the last 30 clinic days, today included (dispensed less returned). */
  used30d: number;
  daysLeft: number | null;
}

/** Figures from the ledger and the batches, in units and fen, by drug. */
@Injectable()
export class ReportsService {
  constructor(
    private readonly ds: DataSource,
    private readonly drugs: DrugsService,
    private readonly config: Config,
    private readonly usageDays: UsageDays,
  ) {}

  /** What is on the shelves now and usable, at purchase cost and at today's retail price. */
  async valuation(actor: Actor): Promise<StockValuationReply> {
    return this.valuationOf(actor.clinicId);
  }

  async valuationOf(clinicId: string): Promise<StockValuationReply> {
    const rows: { drug_id: string; quantity: string | number; cost: string | number }[] = await this.ds.query(
      "SELECT drug_id, SUM(quantity) AS quantity, SUM(quantity * unit_cost_fen) AS cost FROM batches WHERE clinic_id = ? AND status = 'ACTIVE' AND expiry_date >= ? AND quantity > 0 GROUP BY drug_id",
      [clinicId, this.drugs.today()],
    );
    const drugs = await this.drugMap(clinicId);
    const out = rows
      .map((r) => {
        const d = drugs.get(r.drug_id)!;
        const quantity = Number(r.quantity);
        return { ...this.named(d), quantity, costFen: Number(r.cost), retailFen: quantity * d.priceFen };
      })
      .sort((a, b) => b.costFen - a.costFen);
    return { rows: out, totalCostFen: out.reduce((s, r) => s + r.costFen, 0), totalRetailFen: out.reduce((s, r) => s + r.retailFen, 0) };
  }

  /** 进销存 for the days from..to in the clinic's zone: opening balance, each kind of movement, closing balance. */
  async movements(actor: Actor, q: PeriodQuery): Promise<MovementRow[]> {
    const [start, end] = this.period(q);
    const before: { drug_id: string; n: string | number }[] = await this.ds.query('SELECT drug_id, SUM(quantity) AS n FROM stock_ledger WHERE clinic_id = ? AND created_at < ? GROUP BY drug_id', [actor.clinicId, sqlTime(this.ds, start)]);
    const during: { drug_id: string; type: string; n: string | number }[] = await this.ds.query(
      'SELECT drug_id, type, SUM(quantity) AS n FROM stock_ledger WHERE clinic_id = ? AND created_at >= ? AND created_at < ? AND quantity <> 0 GROUP BY drug_id, type',
      [actor.clinicId, sqlTime(this.ds, start), sqlTime(this.ds, end)],
    );
    const drugs = await this.drugMap(actor.clinicId);
    const rows = new Map<string, MovementRow>();
    const row = (drugId: string) => {
      if (!rows.has(drugId)) rows.set(drugId, { ...this.named(drugs.get(drugId)!), opening: 0, received: 0, dispensed: 0, returned: 0, adjusted: 0, expired: 0, closing: 0 });
      return rows.get(drugId)!;
    };
    for (const b of before) row(b.drug_id).opening = Number(b.n);
    for (const d of during) {
      const r = row(d.drug_id);
      const n = Number(d.n);
      if (d.type === 'IN') r.received += n;
      else if (d.type === 'DISPENSE') r.dispensed -= n;
      else if (d.type === 'RETURN') r.returned += n;
      else if (d.type === 'EXPIRE') r.expired -= n;
      else r.adjusted += n; // ADJUST and STOCKTAKE
    }
    for (const r of rows.values()) r.closing = r.opening + r.received - r.dispensed + r.returned + r.adjusted - r.expired;
    return [...rows.values()].filter((r) => r.opening || r.closing || r.received || r.dispensed || r.returned || r.adjusted || r.expired).sort((a, b) => a.drugName.localeCompare(b.drugName, 'zh-CN'));
  }

  /** Most used first: units dispensed less units returned in the period, at the prices charged. */
  async usage(actor: Actor, q: PeriodQuery): Promise<UsageRow[]> {
    const [start, end] = this.period(q);
    return this.usageBetween(actor.clinicId, start, end);
  }

  /** The usage ranking between two instants, counted from the orders and returns. */
  async usageBetween(clinicId: string, start: Date, end: Date): Promise<UsageRow[]> {
    return this.ranked(clinicId, await this.netUse(clinicId, start, end));
  }

  /**
   * The same ranking for the clinic days from..to, added up from the day summary (UsageDays): a year of the
   * statistics reads a few thousand summary rows instead of every dispensed line.
   */
  async usageOfDays(clinicId: string, from: string, to: string): Promise<UsageRow[]> {
    return this.ranked(clinicId, await this.useOfDays(clinicId, from, to));
  }

  /** Net use by drug over the clinic days from..to, from the day summary. */
  private async useOfDays(clinicId: string, from: string, to: string): Promise<Map<string, { quantity: number; amountFen: number }>> {
    const { usage } = await this.usageDays.read(clinicId, from, to, ['usage']);
    // Built and live days give a row each per drug. Drugs in id order, as netUse's GROUP BY gives them on MariaDB,
    // so that drugs tied on quantity and amount keep the order they had.
    const out = new Map<string, { quantity: number; amountFen: number }>();
    for (const r of [...usage].sort((a, b) => (a.dim1 < b.dim1 ? -1 : a.dim1 > b.dim1 ? 1 : 0))) {
      const u = out.get(r.dim1) ?? { quantity: 0, amountFen: 0 };
      out.set(r.dim1, { quantity: u.quantity + r.n, amountFen: u.amountFen + r.amount });
    }
    return out;
  }

  /** Most used first; drugs used up by returns (nothing left net) are left out. */
  private async ranked(clinicId: string, out: Map<string, { quantity: number; amountFen: number }>): Promise<UsageRow[]> {
    const drugs = await this.drugMap(clinicId);
    return [...out.entries()]
      .map(([drugId, u]) => ({ ...this.named(drugs.get(drugId)!), quantity: u.quantity, amountFen: u.amountFen }))
      .filter((r) => r.quantity > 0 || r.amountFen > 0)
      .sort((a, b) => b.quantity - a.quantity || b.amountFen - a.amountFen);
  }

  /** Available units ÷ the average daily use of the last 30 days. */
  async daysLeft(actor: Actor): Promise<DaysLeftRow[]> {
    return (await this.outlook(actor.clinicId)).map(({ drug, available, used30d, daysLeft }) => ({ ...this.named(drug), available, used30d, daysLeft }));
  }

  /**
   * Every active drug with what is available now and its net use over the last 30 clinic days (today included),
   * fewest days left first. Days-left and reorder suggestions both start from this. The days come from the day
   * summary: on a large clinic, 30 days of dispensed lines are about half a second to count from the orders.
   */
  async outlook(clinicId: string): Promise<DrugOutlook[]> {
    const today = clinicNow(this.config.env.CLINIC_TIMEZONE).date;
    const used = await this.useOfDays(clinicId, addDays(today, -(USAGE_WINDOW_DAYS - 1)), today);
    const drugs = [...(await this.drugMap(clinicId)).values()].filter((d) => d.retiredAt === null);
    const available = await this.drugs.availableOf(clinicId, drugs.map((d) => d.id));
    return drugs
      .map((drug) => {
        const units = Math.max(0, available.get(drug.id) ?? 0);
        const used30d = used.get(drug.id)?.quantity ?? 0;
        return { drug, available: units, used30d, daysLeft: used30d > 0 ? Math.round((units * USAGE_WINDOW_DAYS * 10) / used30d) / 10 : null };
      })
      .sort((a, b) => (a.daysLeft ?? Infinity) - (b.daysLeft ?? Infinity) || a.drug.name.localeCompare(b.drug.name, 'zh-CN'));
  }

  /** Net use by drug between two instants. UsageDays counts the same rows per clinic day: change both together. */
  private async netUse(clinicId: string, start: Date, end: Date): Promise<Map<string, { quantity: number; amountFen: number }>> {
    const dispensed: { drug_id: string; n: string | number; fen: string | number }[] = await this.ds.query(
      "SELECT l.drug_id, SUM(l.quantity) AS n, SUM(l.amount_fen) AS fen FROM pharmacy_order_lines l JOIN pharmacy_orders o ON o.prescription_id = l.prescription_id WHERE o.clinic_id = ? AND o.status = 'DISPENSED' AND o.dispensed_at >= ? AND o.dispensed_at < ? GROUP BY l.drug_id",
      [clinicId, sqlTime(this.ds, start), sqlTime(this.ds, end)],
    );
    const returned: { drug_id: string; n: string | number; fen: string | number }[] = await this.ds.query(
      'SELECT drug_id, SUM(quantity) AS n, SUM(amount_fen) AS fen FROM drug_return_lines WHERE clinic_id = ? AND created_at >= ? AND created_at < ? GROUP BY drug_id',
      [clinicId, sqlTime(this.ds, start), sqlTime(this.ds, end)],
    );
    const out = new Map<string, { quantity: number; amountFen: number }>();
    for (const d of dispensed) out.set(d.drug_id, { quantity: Number(d.n), amountFen: Number(d.fen) });
    for (const r of returned) {
      const u = out.get(r.drug_id) ?? { quantity: 0, amountFen: 0 };
      out.set(r.drug_id, { quantity: u.quantity - Number(r.n), amountFen: u.amountFen - Number(r.fen) });
    }
    return out;
  }

  /** The UTC instants bounding the clinic's days from..to (inclusive). */
  private period(q: PeriodQuery): [Date, Date] {
    if (q.to < q.from) throw new DomainError('VALIDATION.FAILED', 'to must not be before from', [{ field: 'to', errors: ['to must not be before from'] }]);
    if (addDays(q.from, MAX_PERIOD_DAYS) <= q.to) throw new DomainError('VALIDATION.FAILED', `a period is at most ${MAX_PERIOD_DAYS} days`, [{ field: 'to', errors: [`a period is at most ${MAX_PERIOD_DAYS} days`] }]);
    const zone = this.config.env.CLINIC_TIMEZONE;
    return [clinicDayStart(zone, q.from), clinicDayStart(zone, addDays(q.to, 1))];
  }

  private async drugMap(clinicId: string): Promise<Map<string, Drug>> {
    return new Map((await this.ds.getRepository(Drug).find({ where: { clinicId } })).map((d) => [d.id, d]));
  }

  private named(d: Drug) {
    return { drugId: d.id, drugName: d.name, spec: d.spec, unit: d.unit };
  }
}
