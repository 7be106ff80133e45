import type { ClinicalStats, FlowStats, Minutes } from '@clinic/contracts';
import { num, type Cell, type TableFile } from '@clinic/platform';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const count = (n: number | null): Cell => (n === null ? '' : num(String(n)));
/** Integer fen as yuan text with two decimals, by integer arithmetic. */
const yuan = (fen: number): Cell => num(`${fen < 0 ? '-' : ''}${Math.floor(Math.abs(fen) / 100)}.${String(Math.abs(fen) % 100).padStart(2, '0')}`, '0.00');
const ratio = (r: number): Cell => num(r.toFixed(4));

function minutesRows(title: string, m: Minutes): Cell[][] {
  return [
    [title, '平均', count(m.avg)],
    [title, 'P90', count(m.p90)],
    [title, '人次', count(m.count)],
  ];
}

/** Patient flow as one sheet of 指标 / 分组 / 数值 rows. */
export function flowSheet(s: FlowStats): TableFile {
  const rows: Cell[][] = [
    ['就诊人次', '', count(s.visits)],
    ['新患者', '', count(s.newPatients)],
    ['复诊患者', '', count(s.returningPatients)],
    ['预约渠道', '微信预约', count(s.bookingChannel.wechat)],
    ['预约渠道', '前台预约', count(s.bookingChannel.desk)],
    ['预约渠道', '现场挂号', count(s.bookingChannel.walkIn)],
    ['爽约', '爽约数', count(s.noShowRate.numerator)],
    ['爽约', '预约数(未取消)', count(s.noShowRate.denominator)],
    ['爽约', '爽约率', ratio(s.noShowRate.ratio)],
    ...minutesRows('候诊时长(分钟)', s.waitMinutes),
    ...minutesRows('接诊时长(分钟)', s.consultationMinutes),
    ...s.visitsByDay.map((k) => ['按日就诊', k.label, count(k.value)]),
    ...s.visitsByHour.map((k) => ['按时段就诊', k.label, count(k.value)]),
    ...s.byDepartment.map((k) => ['按科室就诊', k.label, count(k.value)]),
    ...s.byDoctor.map((k) => ['按医生就诊', k.label, count(k.value)]),
  ];
  return { sheet: '就诊流量', header: ['指标', '分组', '数值'], rows, widths: [18, 24, 12] };
}

/** Diagnoses and prescriptions, with the previous period beside the current one. */
export function clinicalSheet(s: ClinicalStats): TableFile {
  const rows: Cell[][] = [
    ['就诊人次', '', '', count(s.encounters), ''],
    ['处方数', '', '', count(s.prescriptions), ''],
    ['每次就诊处方数', '', '', ratio(s.prescriptionsPerVisit.ratio), ''],
    ['平均处方金额(元)', '', '', yuan(s.averagePrescriptionFen), ''],
    ...s.topDiagnoses.map((d) => ['疾病排行', d.code, d.name, count(d.count), count(d.previousCount)]),
    ...s.topChapters.map((c) => ['疾病章节', c.chapter, c.title, count(c.count), count(c.previousCount)]),
  ];
  return {
    sheet: '诊疗统计',
    header: ['指标', '编码', '名称', `本期(${s.from}至${s.to})`, `上期(${s.previousFrom}至${s.previousTo})`],
    rows,
    widths: [18, 14, 36, 24, 24],
  };
}
