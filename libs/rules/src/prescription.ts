/** 处方管理办法: at most 5 drugs on one prescription. */
export const MAX_DRUGS = 5;
/** Days of supply: 7 (more only with a reason), 3 for an emergency prescription. */
export const NORMAL_DAYS = 7;
export const EMERGENCY_DAYS = 3;
/**
 * Controlled classes, in days of supply, whatever the reason: narcotics 3 days (other than injections and
 * controlled-release forms, 处方管理办法 art. 23), class-2 psychotropics 7 days (art. 24), toxic drugs 2 days' maximum
 * dose (医疗用毒性药品管理办法 art. 9). Keys are the drug's control class.
 */
export const CONTROLLED_DAYS: Readonly<Record<string, number>> = { NARCOTIC: 3, PSYCHOTROPIC_2: 7, TOXIC: 2 };
