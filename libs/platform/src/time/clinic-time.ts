/** Dates and times as the clinic's wall clock shows them (CLINIC_TIMEZONE): what "today" and a shift mean. */
export function clinicNow(timeZone: string, at = new Date()): { date: string; minutes: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return ((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7) + 1;
}

/** HH:MM from minutes after midnight. */
export function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** The slots of a shift: from its start, every `minutes`, the last one ending with the shift. */
export function slotTimes(start: string, end: string, minutes: number): { startTime: string; endTime: string }[] {
  const out = [];
  for (let t = minutesOf(start); t < minutesOf(end); t += minutes) out.push({ startTime: hhmm(t), endTime: hhmm(Math.min(t + minutes, minutesOf(end))) });
  return out;
}

export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

/** The UTC instant at which `date` begins on the clinic's wall clock (midnight there), for period bounds. */
export function clinicDayStart(timeZone: string, date: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  const wallMidnight = Date.UTC(y, m - 1, d);
  // The zone's offset at a guess, applied twice so a day that starts next to a DST change comes out right.
  let instant = wallMidnight - offsetMs(timeZone, new Date(wallMidnight));
  instant = wallMidnight - offsetMs(timeZone, new Date(instant));
  return new Date(instant);
}

/** How far the zone's wall clock is ahead of UTC at an instant. */
function offsetMs(timeZone: string, at: Date): number {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
      .formatToParts(at)
      .map((x) => [x.type, Number(x.value)]),
  );
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(at.getTime() / 1000) * 1000;
}
