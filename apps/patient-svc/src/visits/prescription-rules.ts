import type { ControlClass, CreatePrescriptionDto, FieldError } from '@clinic/contracts';
import { DomainError, invalidFields } from '@clinic/platform';
import { CONTROLLED_DAYS, EMERGENCY_DAYS, MAX_DRUGS, NORMAL_DAYS } from '@clinic/rules';

export interface RuleDrug {
  name: string;
  controlClass: ControlClass;
}

/** The prescription rules, each refused with its own code and the lines it concerns. */
export function checkPrescriptionRules(dto: CreatePrescriptionDto, drugs: RuleDrug[]): void {
  if (dto.items.length > MAX_DRUGS) throw new DomainError('PRESCRIPTION.TOO_MANY_DRUGS', `At most ${MAX_DRUGS} drugs on one prescription; write a second prescription for the rest`);
  const seen = new Map<string, number>();
  const duplicates: FieldError[] = [];
  dto.items.forEach((item, i) => {
    if (seen.has(item.drugId)) duplicates.push({ field: `items.${i}.drugId`, errors: [`the same drug as line ${seen.get(item.drugId)! + 1}`] });
    seen.set(item.drugId, i);
  });
  if (duplicates.length) throw invalidFields(duplicates);

  const controlled = dto.items.flatMap((item, i) => {
    const cap = CONTROLLED_DAYS[drugs[i].controlClass];
    return cap !== undefined && item.days > cap ? [{ field: `items.${i}.days`, errors: [`${drugs[i].name}: at most ${cap} days`] }] : [];
  });
  if (controlled.length) throw new DomainError('PRESCRIPTION.CONTROLLED_LIMIT', 'A controlled drug is prescribed for longer than its class allows', controlled);

  const emergency = dto.kind === 'EMERGENCY';
  const limit = emergency ? EMERGENCY_DAYS : NORMAL_DAYS;
  const over = dto.items.flatMap((item, i) => (item.days > limit ? [{ field: `items.${i}.days`, errors: [`more than ${limit} days`] }] : []));
  if (over.length && (emergency || !dto.overLimitReason?.trim())) {
    throw new DomainError('PRESCRIPTION.DAYS_OVER_LIMIT', emergency ? `An emergency prescription covers at most ${EMERGENCY_DAYS} days` : `More than ${NORMAL_DAYS} days needs an over-limit reason`, over);
  }
}
