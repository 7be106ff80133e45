import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { PAYMENT_METHODS, type Actor, type CloseDayDto, type DailySettlementReply, type ListSettlementsQuery, type MessageMeta, type Page, type SettlementMethodTotals, type SettlementTotals } from '@clinic/contracts';
import { AuditTrail, DomainError, forShare, forUpdate, isUniqueViolation, paging, Tx } from '@clinic/platform';
import { DataSource, In, type EntityManager } from 'typeorm';
import { BusinessDay, MoneyEntry } from '../bills/bill.entities';
import { BusinessDays } from '../money/business-days';
import { Settlement, SettlementLine } from './settlement.entities';

type MethodTotals = SettlementMethodTotals;

/**
 * The daily close (日结). The journal (money_entries) is the only source: a day's totals are the sums of its rows
 * by method and kind. Closing locks the day's business_days row exclusively; every movement of money holds that row
 * shared until it commits, so the close waits for those in flight and every later one books to the next open day.
 */
@Injectable()
export class SettlementsService {
  constructor(
    private readonly ds: DataSource,
    private readonly tx: Tx,
    private readonly days: BusinessDays,
    private readonly audit: AuditTrail,
  ) {}

  /** An open day's live totals, or a closed day's stored settlement. */
  async preview(actor: Actor, date: string): Promise<DailySettlementReply> {
    this.notAfterToday(date);
    const stored = await this.ds.getRepository(Settlement).findOneBy({ clinicId: actor.clinicId, businessDate: date });
    if (stored) return (await this.replies([stored]))[0];
    const methods = await this.journalTotals(this.ds.manager, actor.clinicId, date, false);
    return { ...summary(date, methods), id: null, status: 'OPEN', countedCashFen: null, differenceFen: null, note: null, closedBy: null, closedAt: null };
  }

  async close(actor: Actor, meta: MessageMeta, dto: CloseDayDto): Promise<DailySettlementReply> {
    const today = this.days.today();
    if (dto.date > today) throw new DomainError('SETTLEMENT.DAY_NOT_STARTED', `${dto.date} has not begun yet (today is ${today})`, { date: dto.date, today });
    const closedAt = new Date();
    const note = dto.note?.trim() || null;
    try {
      return await this.tx.run(async (m) => {
        const clinicId = actor.clinicId;
        await m.createQueryBuilder().insert().into(BusinessDay).values({ clinicId, day: dto.date, status: 'OPEN', closedAt: null, closedBy: null }).orIgnore().execute();
        // Waits here for every payment, refund and reversal that holds the day shared; none can start on it after.
        const day = await forUpdate(m.createQueryBuilder(BusinessDay, 'd').where('d.clinicId = :clinicId AND d.day = :day', { clinicId, day: dto.date })).getOneOrFail();
        if (day.status === 'CLOSED') throw dayClosed(dto.date);
        const methods = await this.journalTotals(m, clinicId, dto.date, true);
        const expected = methods.find((t) => t.method === 'CASH')!.netFen;
        const settlement: Settlement = {
          id: randomUUID(),
          clinicId,
          businessDate: dto.date,
          expectedCashFen: expected,
          countedCashFen: dto.countedCashFen,
          differenceFen: dto.countedCashFen - expected,
          note,
          closedBy: actor.id,
          closedAt,
        };
        await m.insert(Settlement, settlement);
        await m.insert(
          SettlementLine,
          methods.map((t) => ({ id: randomUUID(), settlementId: settlement.id, ...t })),
        );
        const marked = await m.update(BusinessDay, { clinicId, day: dto.date, status: 'OPEN' }, { status: 'CLOSED', closedAt, closedBy: actor.id });
        if (marked.affected !== 1) throw dayClosed(dto.date);
        await this.audit.append(m, actor, meta, [{ action: 'SETTLEMENT_CLOSE', patientId: null, outcome: 'OK' }]);
        return reply(settlement, methods);
      });
    } catch (err) {
      // The unique day key is the last guard: a second close of the day never stores a second settlement.
      if (isUniqueViolation(err)) throw dayClosed(dto.date);
      throw err;
    }
  }

  async list(actor: Actor, q: ListSettlementsQuery): Promise<Page<DailySettlementReply>> {
    if (q.from && q.to && q.from > q.to) {
      throw new DomainError('VALIDATION.FAILED', 'Invalid fields: to', [{ field: 'to', errors: ['to must not be before from'] }]);
    }
    const { page, pageSize, skip } = paging(q);
    const qb = this.ds.getRepository(Settlement).createQueryBuilder('s').where('s.clinicId = :clinicId', { clinicId: actor.clinicId });
    if (q.from) qb.andWhere('s.businessDate >= :from', { from: q.from });
    if (q.to) qb.andWhere('s.businessDate <= :to', { to: q.to });
    const [rows, total] = await qb.orderBy('s.businessDate', 'DESC').skip(skip).take(pageSize).getManyAndCount();
    return { items: await this.replies(rows), total, page, pageSize };
  }

  /** A day not yet begun has nothing to show; the close refuses it with its own code. */
  private notAfterToday(date: string): void {
    const today = this.days.today();
    if (date > today) throw new DomainError('VALIDATION.FAILED', 'Invalid fields: date', [{ field: 'date', errors: [`date must not be after today (${today})`] }]);
  }

  /**
   * The day's journal by method and kind. Under the close, a locking read: it sees the latest committed rows
   * whatever snapshot the transaction has, and keeps them from moving until the settlement is written.
   */
  private async journalTotals(m: EntityManager, clinicId: string, date: string, lock: boolean): Promise<MethodTotals[]> {
    let qb = m
      .createQueryBuilder(MoneyEntry, 'e')
      .select('e.method', 'method')
      .addSelect('e.kind', 'kind')
      .addSelect('COUNT(*)', 'n')
      .addSelect('SUM(e.amountFen)', 'fen')
      .where('e.clinicId = :clinicId AND e.businessDate = :date', { clinicId, date })
      .groupBy('e.method')
      .addGroupBy('e.kind');
    if (lock) qb = forShare(qb);
    const rows: { method: string; kind: MoneyEntry['kind']; n: unknown; fen: unknown }[] = await qb.getRawMany();
    return PAYMENT_METHODS.map((method) => {
      const of = (kind: MoneyEntry['kind']) => rows.find((r) => r.method === method && r.kind === kind);
      const payments = of('PAYMENT');
      const refunds = of('REFUND');
      const reversals = of('REVERSAL');
      const t = {
        method,
        paymentsFen: whole(payments?.fen),
        paymentCount: whole(payments?.n),
        // Out-going rows are negative in the journal; the settlement shows them as amounts out.
        refundsFen: -whole(refunds?.fen),
        refundCount: whole(refunds?.n),
        reversalsFen: -whole(reversals?.fen),
        reversalCount: whole(reversals?.n),
      };
      return { ...t, netFen: t.paymentsFen - t.refundsFen - t.reversalsFen };
    });
  }

  private async replies(rows: Settlement[]): Promise<DailySettlementReply[]> {
    if (!rows.length) return [];
    const lines = await this.ds.getRepository(SettlementLine).findBy({ settlementId: In(rows.map((s) => s.id)) });
    return rows.map((s) => {
      const own = lines.filter((l) => l.settlementId === s.id);
      const methods = PAYMENT_METHODS.map((method) => {
        const l = own.find((x) => x.method === method);
        return {
          method,
          paymentsFen: l?.paymentsFen ?? 0,
          paymentCount: l?.paymentCount ?? 0,
          refundsFen: l?.refundsFen ?? 0,
          refundCount: l?.refundCount ?? 0,
          reversalsFen: l?.reversalsFen ?? 0,
          reversalCount: l?.reversalCount ?? 0,
          netFen: l?.netFen ?? 0,
        };
      });
      return reply(s, methods);
    });
  }
}

function dayClosed(date: string): DomainError {
  return new DomainError('SETTLEMENT.DAY_CLOSED', `${date} is already closed`, { date });
}

function reply(s: Settlement, methods: MethodTotals[]): DailySettlementReply {
  return {
    ...summary(s.businessDate, methods),
    id: s.id,
    status: 'CLOSED',
    expectedCashFen: s.expectedCashFen,
    countedCashFen: s.countedCashFen,
    differenceFen: s.differenceFen,
    note: s.note,
    closedBy: s.closedBy,
    closedAt: s.closedAt.toISOString(),
  };
}

function summary(date: string, methods: MethodTotals[]): Pick<DailySettlementReply, 'date' | 'methods' | 'totals' | 'expectedCashFen'> {
  const totals: SettlementTotals = { paymentsFen: 0, paymentCount: 0, refundsFen: 0, refundCount: 0, reversalsFen: 0, reversalCount: 0, netFen: 0 };
  for (const t of methods) for (const k of Object.keys(totals) as (keyof SettlementTotals)[]) totals[k] += t[k];
  return { date, methods, totals, expectedCashFen: methods.find((t) => t.method === 'CASH')?.netFen ?? 0 };
}

/** COUNT and SUM come back as numbers (SQLite) or integer strings (MySQL's DECIMAL): integers either way. */
function whole(v: unknown): number {
  if (v === null || v === undefined) return 0;
  if (typeof v === 'number' && Number.isSafeInteger(v)) return v;
  if (typeof v === 'string' && /^-?\d+$/.test(v) && Number.isSafeInteger(Number(v))) return Number(v);
  if (typeof v === 'bigint') return Number(v);
  throw new Error(`not a whole number of fen: ${String(v)}`);
}
