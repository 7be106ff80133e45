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

/** Units a dose can be counted in: pieces of the pack, or a mass read against the strength in the spec. */
const PIECES = ['片', '粒', '袋', '支', '丸', '贴', '瓶', '包', '枚'];
const MASS: Record<string, number> = { g: 1000, mg: 1, μg: 0.001, ug: 0.001 };

/**
 * The quantity to dispense, in the drug's unit (boxes), from dose × doses a day × days: "1片" tid 3 days of a box of
 * 24 is 1 box; "0.5g" of "0.25g*24粒" is 2 capsules a dose. Null when it cannot be counted (prn, a dose in ml of a
 * tablet, a spec without strength): the doctor enters the quantity.
 */
export function suggestQuantity(line: { dosage: string; frequency: string; days: number }, drug: { spec: string; packSize: number }): number | null {
  const perDay = (FREQUENCIES as Record<string, { perDay: number | null }>)[line.frequency.toLowerCase()]?.perDay;
  const dose = /^(\d+(?:\.\d+)?)\s*(\S+)$/.exec(line.dosage.trim());
  if (!perDay || !dose || drug.packSize < 1 || line.days < 1) return null;
  const amount = Number(dose[1]);
  let pieces: number | null = null;
  if (PIECES.includes(dose[2])) pieces = amount;
  else if (MASS[dose[2]] !== undefined) {
    const strength = /^(\d+(?:\.\d+)?)\s*(g|mg|μg|ug)/.exec(drug.spec.trim());
    if (strength) pieces = (amount * MASS[dose[2]]) / (Number(strength[1]) * MASS[strength[2]]);
  }
  if (pieces === null || !(pieces > 0)) return null;
  // A hair under a whole number is that number (0.1 × 3 is 0.30000000000000004).
  return Math.max(1, Math.ceil((pieces * perDay * line.days) / drug.packSize - 1e-9));
}
