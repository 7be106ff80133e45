import { Injectable } from '@nestjs/common';
import { addDays, clinicNow, Config, forShare } from '@clinic/platform';
import type { EntityManager } from 'typeorm';
import { BusinessDay } from '../bills/bill.entities';

/** A closed day is never booked to; a clinic that closes early books the rest of the evening to the next day. */
const LOOK_AHEAD_DAYS = 7;

@Injectable()
export class BusinessDays {
  constructor(private readonly config: Config) {}

  today(at = new Date()): string {
    return clinicNow(this.config.env.CLINIC_TIMEZONE, at).date;
  }

  /**
   * The clinic day money moving now is booked to: today, or the first day after it that is not closed. The day's
   * row is read under a shared lock until the caller's transaction ends, so the daily close (which locks it
   * exclusively) waits for every entry in flight and never misses one.
   */
  async bookingDay(m: EntityManager, clinicId: string, at = new Date()): Promise<string> {
    let day = this.today(at);
    for (let i = 0; i < LOOK_AHEAD_DAYS; i++, day = addDays(day, 1)) {
      await m.createQueryBuilder().insert().into(BusinessDay).values({ clinicId, day, status: 'OPEN', closedAt: null, closedBy: null }).orIgnore().execute();
      const row = await forShare(m.createQueryBuilder(BusinessDay, 'd').where('d.clinicId = :clinicId AND d.day = :day', { clinicId, day })).getOneOrFail();
      if (row.status === 'OPEN') return day;
    }
    throw new Error(`no open business day within ${LOOK_AHEAD_DAYS} days of ${this.today(at)}`);
  }
}
