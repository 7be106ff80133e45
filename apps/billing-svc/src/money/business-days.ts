import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { addDays, clinicNow, Config, forShare } from '@clinic/platform';
import type { EntityManager } from 'typeorm';
import { BusinessDay, MoneyEntry, type Bill } from '../bills/bill.entities';
import { MoneyDays } from '../stats/money-days';

/** A closed day is never booked to; a clinic that closes early books the rest of the evening to the next day. */
const LOOK_AHEAD_DAYS = 7;

export interface Movement {
  kind: MoneyEntry['kind'];
  method: MoneyEntry['method'];
  /** Signed: positive in, negative out. */
  amountFen: number;
  paymentId: string;
  sourceId: string;
}

/** The business days money is booked to, and the journal it is written in. */
@Injectable()
export class BusinessDays {
  constructor(
    private readonly config: Config,
    private readonly summary: MoneyDays,
  ) {}

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

  /**
   * Writes one movement into the journal on the day it is booked to, and answers that day. A late notification
   * (`at` in the past) may book to a day already over: its summary is made stale in this transaction.
   */
  async record(m: EntityManager, bill: Bill, mv: Movement, at = new Date()): Promise<string> {
    const businessDate = await this.bookingDay(m, bill.clinicId, at);
    await m.insert(MoneyEntry, { id: randomUUID(), clinicId: bill.clinicId, businessDate, ...mv, billId: bill.id, doctorId: bill.doctorId, departmentId: bill.departmentId, createdAt: at });
    await this.summary.touch(m, bill.clinicId, businessDate);
    return businessDate;
  }
}
