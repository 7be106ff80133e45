import { addDays, clinicDayStart, clinicNow } from './clinic-time';

describe('clinic time', () => {
  it('starts a Shanghai day at 16:00 UTC the day before', () => {
    expect(clinicDayStart('Asia/Shanghai', '2026-01-01').toISOString()).toBe('2025-12-31T16:00:00.000Z');
    expect(clinicDayStart('Asia/Shanghai', '2026-03-01').toISOString()).toBe('2026-02-28T16:00:00.000Z');
  });

  it('follows daylight saving where the zone has it', () => {
    expect(clinicDayStart('Europe/Berlin', '2026-07-01').toISOString()).toBe('2026-06-30T22:00:00.000Z');
    expect(clinicDayStart('Europe/Berlin', '2026-12-01').toISOString()).toBe('2026-11-30T23:00:00.000Z');
    // The day the clocks go forward still begins at its midnight.
    expect(clinicDayStart('Europe/Berlin', '2026-03-29').toISOString()).toBe('2026-03-28T23:00:00.000Z');
  });

  it('agrees with clinicNow and addDays at a year boundary', () => {
    const start = clinicDayStart('Asia/Shanghai', '2027-01-01');
    expect(clinicNow('Asia/Shanghai', start).date).toBe('2027-01-01');
    expect(clinicNow('Asia/Shanghai', new Date(start.getTime() - 1)).date).toBe('2026-12-31');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});
