/**
 * A time zone where it is now about noon, so that "today's shift" is open for booking and check-in whatever
 * hour the test runs at (Etc/GMT-N is N hours east of UTC). Pass `zone` as CLINIC_TIMEZONE.
 */
export function noonZone(): { zone: string; today: string } {
  const h = 12 - new Date().getUTCHours();
  const zone = h === 0 ? 'Etc/GMT' : `Etc/GMT${h > 0 ? '-' : '+'}${Math.abs(h)}`;
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  return { zone, today };
}

/** The date `offset` days from today in the clinic's zone (the systems under test default to Asia/Shanghai). */
export function clinicDay(offset: number, zone = 'Asia/Shanghai'): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  return new Date(Date.parse(`${today}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
}
