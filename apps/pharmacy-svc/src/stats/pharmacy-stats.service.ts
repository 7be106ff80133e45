import { Injectable } from '@nestjs/common';
import type { Actor, PharmacyStats, PharmacyStatsQuery } from '@clinic/contracts';
import { statsPeriod } from '@clinic/platform';
import { DataSource } from 'typeorm';
import { ReportsService } from '../reports/reports.service';
import { dailyUseOf, reorderQuantity } from './reorder';

const DEFAULT_COVER_DAYS = 30;

/**
 * The pharmacy part of the owner's statistics. The figures are the reports' own (usage ranking, valuation,
 * days left), computed by ReportsService, the usage of the period's clinic days from its day summary; this adds
 * the reorder suggestions and the last purchase of each drug.
 */
@Injectable()
export class PharmacyStatsService {
  constructor(
    private readonly ds: DataSource,
    private readonly reports: ReportsService,
  ) {}

  async stats(actor: Actor, q: PharmacyStatsQuery): Promise<PharmacyStats> {
    const { from, to } = statsPeriod(q.from, q.to);
    const coverDays = q.coverDays ?? DEFAULT_COVER_DAYS;
    const [usage, valuation, outlook] = await Promise.all([
      this.reports.usageOfDays(actor.clinicId, from, to),
      this.reports.valuationOf(actor.clinicId),
      this.reports.outlook(actor.clinicId),
    ]);
    // The catalogue's packSize is doses in one unit (24 capsules in a box) and stock is counted in units, so a
    // suggestion in whole units is already in whole packs: the order multiple is 1 until drugs carry a purchase pack.
    const wanted = outlook
      .map((o) => ({ o, suggestQuantity: reorderQuantity({ used30d: o.used30d, coverDays, available: o.available, reorderLevel: o.drug.reorderLevel, orderMultiple: 1 }) }))
      .filter((r) => r.suggestQuantity > 0);
    const last = await this.lastPurchases(actor.clinicId, wanted.map((r) => r.o.drug.id));
    return {
      from,
      to,
      coverDays,
      usage: usage.map((u) => ({ drugId: u.drugId, name: u.drugName, spec: u.spec, unit: u.unit, quantity: u.quantity, amountFen: u.amountFen })),
      stockValue: { costFen: valuation.totalCostFen, retailFen: valuation.totalRetailFen },
      daysLeft: outlook.map((o) => ({ drugId: o.drug.id, name: o.drug.name, available: o.available, dailyUse: dailyUseOf(o.used30d), daysLeft: o.daysLeft })),
      reorder: wanted.map(({ o, suggestQuantity }) => ({
        drugId: o.drug.id,
        name: o.drug.name,
        spec: o.drug.spec,
        unit: o.drug.unit,
        available: o.available,
        dailyUse: dailyUseOf(o.used30d),
        suggestQuantity,
        lastSupplierId: last.get(o.drug.id)?.supplierId ?? null,
        lastUnitCostFen: last.get(o.drug.id)?.unitCostFen ?? null,
      })),
    };
  }

  /** Each drug's most recent stock-in line: who supplied it and at what unit cost (idx_stock_in_line_drug). */
  private async lastPurchases(clinicId: string, drugIds: string[]): Promise<Map<string, { supplierId: string; unitCostFen: number }>> {
    if (!drugIds.length) return new Map();
    const rows: { drug_id: string; supplier_id: string; unit_cost_fen: string | number }[] = await this.ds.query(
      `SELECT drug_id, supplier_id, unit_cost_fen FROM (
         SELECT l.drug_id, s.supplier_id, l.unit_cost_fen, ROW_NUMBER() OVER (PARTITION BY l.drug_id ORDER BY s.received_at DESC, l.line_no DESC) AS rn
         FROM stock_in_lines l JOIN stock_ins s ON s.id = l.stock_in_id
         WHERE s.clinic_id = ? AND l.drug_id IN (${drugIds.map(() => '?').join(', ')})
       ) t WHERE rn = 1`,
      [clinicId, ...drugIds],
    );
    return new Map(rows.map((r) => [r.drug_id, { supplierId: r.supplier_id, unitCostFen: Number(r.unit_cost_fen) }]));
  }
}
