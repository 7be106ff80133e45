import type { ExportFormat, FileReply, RevenueFigures, RevenueGroupBy, RevenueReply } from '@clinic/contracts';
import { fenToYuan } from '@clinic/rules';
import { num, toCsv, toXlsx, type Cell, type TableFile } from '@clinic/platform';

const FIRST_COLUMN: Record<RevenueGroupBy, string> = { day: '日期', department: '科室', doctor: '医生', method: '支付方式', category: '收费类别' };
const GROUP_NAME: Record<RevenueGroupBy, string> = { day: '按日', department: '按科室', doctor: '按医生', method: '按支付方式', category: '按收费类别' };

const CONTENT_TYPE: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

function headers(groupBy: RevenueGroupBy): string[] {
  // By category the figures are charges on paid bills and refunded lines, and the count is of bills.
  return groupBy === 'category'
    ? [FIRST_COLUMN[groupBy], '收费金额(元)', '退费金额(元)', '冲正金额(元)', '净收入(元)', '账单数']
    : [FIRST_COLUMN[groupBy], '收款金额(元)', '退款金额(元)', '冲正金额(元)', '净收入(元)', '收款笔数'];
}

const yuan = (fen: number) => num(fenToYuan(fen), '0.00');
const figureCells = (f: RevenueFigures): Cell[] => [yuan(f.receivedFen), yuan(f.refundedFen), yuan(f.reversedFen), yuan(f.netFen), num(String(f.payments))];

/** The report as a table: one row per group and a 合计 row, amounts in yuan with two decimals. */
export function revenueTable(report: RevenueReply): TableFile {
  return {
    sheet: '收入报表',
    header: headers(report.groupBy),
    rows: report.rows.map((r) => [r.label, ...figureCells(r)]),
    footer: ['合计', ...figureCells(report.totals)],
    widths: [report.groupBy === 'day' ? 12 : 24, 14, 14, 14, 14, 10],
  };
}

export function revenueFile(report: RevenueReply, format: ExportFormat): FileReply {
  const table = revenueTable(report);
  const bytes = format === 'xlsx' ? toXlsx(table) : Buffer.from(toCsv(table), 'utf8');
  return { fileName: `收入报表_${GROUP_NAME[report.groupBy]}_${report.from}_${report.to}.${format}`, contentType: CONTENT_TYPE[format], base64: bytes.toString('base64') };
}
