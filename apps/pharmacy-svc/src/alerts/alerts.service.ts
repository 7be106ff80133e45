import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { PharmacyAlert } from '@clinic/contracts';
import { addDays, Config, isUniqueViolation, JsonLogger, Tx } from '@clinic/platform';
import { DataSource } from 'typeorm';
import { Drug } from '../drugs/drug.entity';
import { DrugsService } from '../drugs/drugs.service';
import { StockLedger } from '../stock/stock-ledger';
import { Batch } from '../stock/stock.entities';
import { AlertNotice } from './alert-notice.entity';

/** Expired batches stay on the alert list this long after their date, to be taken off the shelf. */
const EXPIRED_SHOWN_DAYS = 30;

@Injectable()
export class AlertsService {
  constructor(
    private readonly ds: DataSource,
    private readonly tx: Tx,
    private readonly ledger: StockLedger,
    private readonly drugs: DrugsService,
    private readonly config: Config,
    private readonly logger: JsonLogger,
  ) {}

  /** The alerts as they stand now: low stock by available units, batches near or past their date. */
  async list(clinicId: string): Promise<PharmacyAlert[]> {
    const today = this.drugs.today();
    const active = await this.ds.getRepository(Drug).createQueryBuilder('d').where('d.clinicId = :clinicId AND d.retiredAt IS NULL', { clinicId }).orderBy('d.name').getMany();
    const available = await this.drugs.availableOf(clinicId, active.map((d) => d.id));
    const alerts: PharmacyAlert[] = [];
    for (const d of active) {
      const units = available.get(d.id) ?? 0;
      if (units < d.reorderLevel) alerts.push({ type: 'LOW_STOCK', drugId: d.id, drugName: d.name, spec: d.spec, unit: d.unit, quantity: Math.max(0, units), reorderLevel: d.reorderLevel });
    }
    const horizon = addDays(today, this.config.env.NEAR_EXPIRY_DAYS);
    const batches = await this.ds
      .getRepository(Batch)
      .createQueryBuilder('b')
      .innerJoinAndMapOne('b.drug', Drug, 'd', 'd.id = b.drugId')
      .where('b.clinicId = :clinicId AND b.expiryDate <= :horizon AND b.expiryDate >= :oldest', { clinicId, horizon, oldest: addDays(today, -EXPIRED_SHOWN_DAYS) })
      .andWhere('(b.quantity > 0 OR b.expiredQuantity > 0)')
      .orderBy('b.expiryDate')
      .getMany();
    for (const b of batches as (Batch & { drug: Drug })[]) {
      const common = { drugId: b.drugId, drugName: b.drug.name, spec: b.drug.spec, unit: b.drug.unit, batchId: b.id, batchNo: b.batchNo, expiryDate: b.expiryDate };
      if (b.expiryDate < today) alerts.push({ type: 'EXPIRED', ...common, quantity: b.quantity + b.expiredQuantity });
      else if (b.quantity > 0) alerts.push({ type: 'NEAR_EXPIRY', ...common, quantity: b.quantity, daysLeft: daysBetween(today, b.expiryDate) });
    }
    return alerts;
  }

  /**
   * Moves batches past their date out of stock with an EXPIRE row, giving back what prescriptions held on them.
   * Each batch is locked and re-read, so running twice (or in two copies at once) moves it once.
   */
  async expireBatches(): Promise<number> {
    const today = this.drugs.today();
    const due = await this.ds
      .getRepository(Batch)
      .createQueryBuilder('b')
      .where("b.expiryDate < :today AND (b.status = 'ACTIVE' OR b.quantity > 0)", { today })
      .take(500)
      .getMany();
    let moved = 0;
    for (const candidate of due) {
      await this.tx.run(async (m) => {
        const batch = (await this.ledger.lock(m, [candidate.id])).get(candidate.id)!;
        if (batch.status === 'EXPIRED' && batch.quantity === 0) return;
        const source = { type: 'EXPIRY' as const, id: batch.id, actorId: 'system', note: `expired ${batch.expiryDate}` };
        if (batch.reserved > 0) await this.ledger.evict(m, batch, source);
        const units = batch.quantity;
        if (units > 0 && !(await this.ledger.move(m, batch, 'EXPIRE', { quantity: -units, reserved: 0 }, source))) throw new Error(`could not expire batch ${batch.id}`);
        await m.update(Batch, { id: batch.id }, { status: 'EXPIRED', expiredQuantity: batch.expiredQuantity + units });
        moved++;
      });
    }
    return moved;
  }

  /**
   * Sends each alert to the pharmacists once a day. The notice's unique key decides which copy of the service
   * sends it; there is no staff messaging channel yet, so the notice is recorded and logged (the development
   * notification adapter) and the alerts page shows the live list.
   */
  async notify(): Promise<number> {
    const clinics: { clinic_id: string }[] = await this.ds.query('SELECT DISTINCT clinic_id FROM drugs');
    const today = this.drugs.today();
    let sent = 0;
    for (const { clinic_id: clinicId } of clinics) {
      const sentToday = new Set((await this.ds.getRepository(AlertNotice).find({ where: { clinicId, raisedOn: today }, select: { type: true, subjectId: true } })).map((n) => `${n.type}/${n.subjectId}`));
      for (const alert of await this.list(clinicId)) {
        if (sentToday.has(`${alert.type}/${alert.batchId ?? alert.drugId}`)) continue;
        const notice = { id: randomUUID(), clinicId, type: alert.type, subjectId: alert.batchId ?? alert.drugId, raisedOn: today, ...describe(alert), createdAt: new Date() };
        try {
          await this.tx.run((m) => m.insert(AlertNotice, notice));
        } catch (err) {
          if (isUniqueViolation(err)) continue;
          throw err;
        }
        this.logger.event('info', 'PharmacyAlerts', notice.title, { clinicId, type: alert.type, drugId: alert.drugId, batchNo: alert.batchNo });
        sent++;
      }
    }
    return sent;
  }
}

function describe(a: PharmacyAlert): { title: string; body: string } {
  const drug = `${a.drugName}（${a.spec}）`;
  if (a.type === 'LOW_STOCK') return { title: `库存不足：${a.drugName}`, body: `${drug}可用库存 ${a.quantity}${a.unit}，低于补货线 ${a.reorderLevel}${a.unit}` };
  if (a.type === 'NEAR_EXPIRY') return { title: `近效期：${a.drugName}`, body: `${drug}批号 ${a.batchNo} 将于 ${a.expiryDate} 到期，尚余 ${a.quantity}${a.unit}` };
  return { title: `已过期：${a.drugName}`, body: `${drug}批号 ${a.batchNo} 已于 ${a.expiryDate} 过期（${a.quantity}${a.unit}），请下架处理` };
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
