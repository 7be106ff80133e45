/**
 * Dosing frequencies as prescriptions write them (Latin abbreviations), with what the label says and how many
 * doses a day they mean (null where it cannot be counted: as needed, once).
 */
export const FREQUENCIES = {
  qd: { label: '每日一次', perDay: 1 },
  bid: { label: '每日两次', perDay: 2 },
  tid: { label: '每日三次', perDay: 3 },
  qid: { label: '每日四次', perDay: 4 },
  qn: { label: '每晚一次', perDay: 1 },
  q8h: { label: '每8小时一次', perDay: 3 },
  q12h: { label: '每12小时一次', perDay: 2 },
  qod: { label: '隔日一次', perDay: 0.5 },
  qw: { label: '每周一次', perDay: 1 / 7 },
  prn: { label: '必要时', perDay: null },
  st: { label: '立即', perDay: null },
} as const satisfies Record<string, { label: string; perDay: number | null }>;

export type Frequency = keyof typeof FREQUENCIES;

/** The label for a frequency code, or the text itself when it is not one of ours. */
export function frequencyLabel(code: string | null | undefined): string {
  if (!code) return '';
  return (FREQUENCIES as Record<string, { label: string }>)[code.toLowerCase()]?.label ?? code;
}

/** How a drug is taken, as the label and the pharmacist word it: "口服 每次0.5g 每日三次 共3天"; empty when nothing was given. */
export function directions(line: { route?: string | null; dosage?: string | null; frequency?: string | null; days?: number | null }): string {
  return [line.route, line.dosage && `每次${line.dosage}`, frequencyLabel(line.frequency), line.days && `共${line.days}天`].filter(Boolean).join(' ');
}
