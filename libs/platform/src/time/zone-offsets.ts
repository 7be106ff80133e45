/**
 * The zone's UTC offset over [start, end) as pieces of constant offset (one piece for Asia/Shanghai; two or three a
 * year where daylight saving moves the clock), so SQL can turn an instant into clinic wall time by adding minutes.
 */
export function offsetPieces(timeZone: string, start: Date, end: Date): { until: Date | null; minutes: number }[] {
  const pieces: { until: Date | null; minutes: number }[] = [];
  const step = 86_400_000;
  let current = offsetMinutes(timeZone, start);
  // Step by days (no zone changes its clock twice in one) and find the minute of a change by bisection.
  for (let t = start.getTime() + step; t < end.getTime() + step; t += step) {
    const o = offsetMinutes(timeZone, new Date(t));
    if (o === current) continue;
    let lo = t - step;
    let hi = t;
    while (hi - lo > 60_000) {
      const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
      if (offsetMinutes(timeZone, new Date(mid)) === current) lo = mid;
      else hi = mid;
    }
    pieces.push({ until: new Date(hi), minutes: current });
    current = o;
  }
  pieces.push({ until: null, minutes: current });
  return pieces;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

export function offsetMinutes(timeZone: string, at: Date): number {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  const p = Object.fromEntries(
    f
      .formatToParts(at)
      .map((x) => [x.type, Number(x.value)]),
  );
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
  return Math.round((wall - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000);
}
