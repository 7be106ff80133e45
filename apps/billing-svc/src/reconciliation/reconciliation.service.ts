import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Actor, ImportWechatBillDto, ImportWechatBillReply, ListReconciliationsQuery, Page, ReconciliationDetailReply, ReconciliationItemReply, ReconciliationReply } from '@clinic/contracts';
import { addDays, clinicDayStart, clinicNow, Config, isUniqueViolation, isUuid, notFound, paging, sqlTime, Tx } from '@clinic/platform';
import { DataSource, In } from 'typeorm';
import { Payment, RefundLeg } from '../bills/bill.entities';
import { reconcile, type Difference, type OurTxn } from './reconcile';
import { Reconciliation, ReconciliationItem } from './reconciliation.entities';
import { fileSha256, parseTradeBill } from './wechat-trade-bill';

/**
 * 对账: WeChat Pay's trade bill for a day against our succeeded WeChat payments paid that clinic day (paid_at, in
 * CLINIC_TIMEZONE, not the business day they were booked to: the bill follows when WeChat took the money) and our
 * WeChat refund legs completed that day. The result is kept as it stood at import.
 */
@Injectable()
export class ReconciliationService {
  constructor(
    private readonly ds: DataSource,
    private readonly tx: Tx,
    private readonly config: Config,
  ) {}

  async importWechat(actor: Actor, dto: ImportWechatBillDto): Promise<ImportWechatBillReply> {
    const sha = fileSha256(dto.csv);
    const earlier = await this.byFile(actor.clinicId, dto.date, sha);
    if (earlier) return { ...(await this.detail(earlier)), alreadyImported: true };

    const bill = parseTradeBill(dto.csv, dto.date);
    const { payments, refunds } = await this.ours(actor.clinicId, dto.date);
    const { matched, differences } = reconcile(bill.rows, payments, refunds);
    const notes = await this.notes(actor.clinicId, differences);
    const sum = (xs: { amountFen: number }[]) => xs.reduce((s, x) => s + x.amountFen, 0);
    const count = (result: Difference['result']) => differences.filter((d) => d.result === result).length;
    const paid = bill.rows.filter((r) => r.status === 'SUCCESS');
    const refunded = bill.rows.filter((r) => r.status === 'REFUND');
    const row: Reconciliation = {
      id: randomUUID(),
      clinicId: actor.clinicId,
      date: dto.date,
      fileSha256: sha,
      matched,
      missingInSystem: count('MISSING_IN_SYSTEM'),
      missingInWechat: count('MISSING_IN_WECHAT'),
      amountMismatch: count('AMOUNT_MISMATCH'),
      txnIdMismatch: count('TXN_ID_MISMATCH'),
      wechatPayments: paid.length,
      wechatPaymentsFen: paid.reduce((s, r) => s + r.orderFen, 0),
      wechatRefunds: refunded.length,
      wechatRefundsFen: refunded.reduce((s, r) => s + r.refundFen, 0),
      wechatFeeFen: bill.feeFen,
      systemPayments: payments.length,
      systemPaymentsFen: sum(payments),
      systemRefunds: refunds.length,
      systemRefundsFen: sum(refunds),
      createdBy: actor.id,
      createdAt: new Date(),
    };
    const items: ReconciliationItem[] = differences.map((d) => ({ id: randomUUID(), reconciliationId: row.id, ...d, note: notes.get(d) ?? null }));
    try {
      await this.tx.run(async (m) => {
        await m.insert(Reconciliation, row);
        for (let i = 0; i < items.length; i += 200) await m.insert(ReconciliationItem, items.slice(i, i + 200));
      });
    } catch (err) {
      // The same file imported at the same moment by someone else: theirs stands.
      if (!isUniqueViolation(err)) throw err;
      return { ...(await this.detail((await this.byFile(actor.clinicId, dto.date, sha))!)), alreadyImported: true };
    }
    return { ...summary(row), items: sortItems(items).map(itemReply), alreadyImported: false };
  }

  async list(actor: Actor, q: ListReconciliationsQuery): Promise<Page<ReconciliationReply>> {
    const { page, pageSize, skip } = paging(q);
    const [rows, total] = await this.ds.getRepository(Reconciliation).findAndCount({
      where: { clinicId: actor.clinicId, ...(q.date ? { date: q.date } : {}) },
      order: { date: 'DESC', createdAt: 'DESC', id: 'ASC' },
      skip,
      take: pageSize,
    });
    return { items: rows.map(summary), total, page, pageSize };
  }

  async get(actor: Actor, id: string): Promise<ReconciliationDetailReply> {
    const row = isUuid(id) ? await this.ds.getRepository(Reconciliation).findOneBy({ id, clinicId: actor.clinicId }) : null;
    if (!row) throw notFound('Reconciliation');
    return this.detail(row);
  }

  private byFile(clinicId: string, date: string, fileSha256: string) {
    return this.ds.getRepository(Reconciliation).findOneBy({ clinicId, date, fileSha256 });
  }

  private async detail(row: Reconciliation): Promise<ReconciliationDetailReply> {
    const items = await this.ds.getRepository(ReconciliationItem).findBy({ reconciliationId: row.id });
    return { ...summary(row), items: sortItems(items).map(itemReply) };
  }

  /** Our side of the day: succeeded WeChat payments paid on it and WeChat refund legs completed on it. */
  private async ours(clinicId: string, date: string): Promise<{ payments: OurTxn[]; refunds: OurTxn[] }> {
    const zone = this.config.env.CLINIC_TIMEZONE;
    const range = { start: sqlTime(this.ds, clinicDayStart(zone, date)), end: sqlTime(this.ds, clinicDayStart(zone, addDays(date, 1))), clinicId };
    const paid = await this.ds
      .getRepository(Payment)
      .createQueryBuilder('p')
      .where("p.clinicId = :clinicId AND p.method = 'WECHAT' AND p.status = 'SUCCEEDED' AND p.outTradeNo IS NOT NULL AND p.paidAt >= :start AND p.paidAt < :end", range)
      .getMany();
    const legs = await this.ds
      .getRepository(RefundLeg)
      .createQueryBuilder('l')
      .where("l.clinicId = :clinicId AND l.method = 'WECHAT' AND l.status = 'SUCCEEDED' AND l.completedAt >= :start AND l.completedAt < :end", range)
      .getMany();
    const legPayments = legs.length ? await this.ds.getRepository(Payment).findBy({ id: In([...new Set(legs.map((l) => l.paymentId))]) }) : [];
    const billOf = new Map(legPayments.map((p) => [p.id, p.billId]));
    return {
      payments: paid.map((p) => ({ outNo: p.outTradeNo!, wechatId: p.channelTxnId, amountFen: p.amountFen, paymentId: p.id, refundLegId: null, billId: p.billId })),
      refunds: legs.map((l) => ({ outNo: l.outRefundNo, wechatId: l.channelRefundId, amountFen: l.amountFen, paymentId: l.paymentId, refundLegId: l.id, billId: billOf.get(l.paymentId) ?? null })),
    };
  }

  /**
   * For a row we do not have on that day: whether we have it at all, and how (still pending, or on another day),
   * with our payment or refund leg named so the cashier can find it.
   */
  private async notes(clinicId: string, differences: Difference[]): Promise<Map<Difference, string>> {
    const notes = new Map<Difference, string>();
    const missing = differences.filter((d) => d.result === 'MISSING_IN_SYSTEM');
    const zone = this.config.env.CLINIC_TIMEZONE;
    const day = (at: Date | null) => (at ? clinicNow(zone, at).date : '?');
    const tradeNos = missing.filter((d) => d.type === 'PAYMENT').map((d) => d.outNo);
    const refundNos = missing.filter((d) => d.type === 'REFUND').map((d) => d.outNo);
    const payments = tradeNos.length ? await this.ds.getRepository(Payment).findBy({ clinicId, outTradeNo: In(tradeNos) }) : [];
    const legs = refundNos.length ? await this.ds.getRepository(RefundLeg).findBy({ clinicId, outRefundNo: In(refundNos) }) : [];
    for (const d of missing) {
      if (d.type === 'PAYMENT') {
        const p = payments.find((x) => x.outTradeNo === d.outNo);
        if (!p) continue;
        Object.assign(d, { paymentId: p.id, billId: p.billId, systemAmountFen: p.amountFen, systemWechatId: p.channelTxnId });
        notes.set(d, p.status === 'SUCCEEDED' ? `本系统记为 ${day(p.paidAt)} 支付` : `本系统有此订单，状态 ${p.status}`);
      } else {
        const l = legs.find((x) => x.outRefundNo === d.outNo);
        if (!l) continue;
        Object.assign(d, { paymentId: l.paymentId, refundLegId: l.id, systemAmountFen: l.amountFen, systemWechatId: l.channelRefundId });
        notes.set(d, l.status === 'SUCCEEDED' ? `本系统记为 ${day(l.completedAt)} 退款` : `本系统有此退款，状态 ${l.status}`);
      }
    }
    return notes;
  }
}

function summary(r: Reconciliation): ReconciliationReply {
  return {
    id: r.id,
    date: r.date,
    fileSha256: r.fileSha256,
    matched: r.matched,
    missingInSystem: r.missingInSystem,
    missingInWechat: r.missingInWechat,
    amountMismatch: r.amountMismatch,
    txnIdMismatch: r.txnIdMismatch,
    wechatPayments: r.wechatPayments,
    wechatPaymentsFen: r.wechatPaymentsFen,
    wechatRefunds: r.wechatRefunds,
    wechatRefundsFen: r.wechatRefundsFen,
    wechatFeeFen: r.wechatFeeFen,
    systemPayments: r.systemPayments,
    systemPaymentsFen: r.systemPaymentsFen,
    systemRefunds: r.systemRefunds,
    systemRefundsFen: r.systemRefundsFen,
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
  };
}

/** The file's order first, then what the file lacks, by our number. */
function sortItems(items: ReconciliationItem[]): ReconciliationItem[] {
  return [...items].sort((a, b) => (a.lineNo ?? Infinity) - (b.lineNo ?? Infinity) || a.type.localeCompare(b.type) || a.outNo.localeCompare(b.outNo) || a.result.localeCompare(b.result));
}

function itemReply(i: ReconciliationItem): ReconciliationItemReply {
  return {
    id: i.id,
    result: i.result,
    type: i.type,
    outNo: i.outNo,
    wechatId: i.wechatId,
    systemWechatId: i.systemWechatId,
    wechatAmountFen: i.wechatAmountFen,
    systemAmountFen: i.systemAmountFen,
    paymentId: i.paymentId,
    refundLegId: i.refundLegId,
    billId: i.billId,
    lineNo: i.lineNo,
    tradedAt: i.tradedAt,
    note: i.note,
  };
}
