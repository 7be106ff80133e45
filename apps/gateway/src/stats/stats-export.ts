import type { Keyed, MoneyStats, PharmacyStats } from '@clinic/contracts';
import { num, toXlsx, type Cell, type TableFile } from '@clinic/platform';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Integer fen as yuan text with two decimals, by digits (no float). */
export function yuanText(fen: number): string {
  const abs = Math.abs(fen);
  return `${fen < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

const yuan = (fen: number) => num(yuanText(fen), '0.00');
const count = (n: number) => num(String(n));
const blank: Cell[] = [];

/**
 * One sheet, several blocks one under another (the writer makes one-sheet workbooks): each block has a title row
 * and its own column names. Amounts in yuan formatted 0.00, quantities as numbers.
 */
function blocks(sheet: string, header: string[], parts: { title: string; columns: string[]; rows: Cell[][] }[], widths: number[]): TableFile {
  const rows: Cell[][] = [];
  for (const p of parts) {
    if (rows.length) rows.push(blank);
    rows.push([p.title], p.columns, ...p.rows);
  }
  return { sheet, header, rows, widths };
}

export function pharmacyTable(s: PharmacyStats): TableFile {
  return blocks(
    '药房统计',
    [`药房统计 ${s.from} 至 ${s.to}`],
    [
      { title: '库存金额', columns: ['进价金额(元)', '零售金额(元)'], rows: [[yuan(s.stockValue.costFen), yuan(s.stockValue.retailFen)]] },
      { title: '用药排行(扣除退药)', columns: ['药品', '规格', '单位', '数量', '金额(元)'], rows: s.usage.map((u) => [u.name, u.spec, u.unit, count(u.quantity), yuan(u.amountFen)]) },
      {
        title: `采购建议(覆盖${s.coverDays}天)`,
        columns: ['药品', '规格', '单位', '可用库存', '日均用量', '建议采购', '上次进价(元)'],
        rows: s.reorder.map((r) => [r.name, r.spec, r.unit, count(r.available), num(String(r.dailyUse)), count(r.suggestQuantity), r.lastUnitCostFen === null ? '' : yuan(r.lastUnitCostFen)]),
      },
    ],
    [24, 16, 14, 12, 12, 12, 14],
  );
}

export function moneyTable(s: MoneyStats): TableFile {
  const net = (rows: Keyed[]) => rows.map((r) => [r.label, yuan(r.value)]);
  return blocks(
    '收支统计',
    [`收支统计 ${s.from} 至 ${s.to}`],
    [
      {
        title: '汇总',
        columns: ['项目', '数值'],
        rows: [
          ['收款(元)', yuan(s.receivedFen)],
          ['退款(元)', yuan(s.refundedFen)],
          ['净收入(元)', yuan(s.netFen)],
          ['医保收款(元)', yuan(s.insuranceShare.numerator)],
          ['医保占比', num(String(s.insuranceShare.ratio))],
          ['缴费账单数', count(s.bills)],
          ['平均账单(元)', yuan(s.averageBillFen)],
        ],
      },
      { title: '按日', columns: ['日期', '净收入(元)'], rows: net(s.byDay) },
      { title: '按支付方式', columns: ['支付方式', '净收入(元)'], rows: net(s.byMethod) },
      { title: '按科室', columns: ['科室', '净收入(元)'], rows: net(s.byDepartment) },
      { title: '按医生', columns: ['医生', '净收入(元)'], rows: net(s.byDoctor) },
    ],
    [24, 16, 14, 12, 12, 12, 14],
  );
}

export const xlsxOf = (t: TableFile): Buffer => toXlsx(t);
