import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Actor, CreateStockInDto, FieldError, IdReply, Page, PageQuery, StockInReply } from '@clinic/contracts';
import { DomainError, invalidFields, isUuid, notFound, paging, Tx } from '@clinic/platform';
import { DataSource, In } from 'typeorm';
import { Drug } from '../drugs/drug.entity';
import { DrugsService } from '../drugs/drugs.service';
import { SuppliersService } from '../suppliers/suppliers.service';
import { StockLedger } from './stock-ledger';
import { Batch, StockIn, StockInLine, Supplier } from './stock.entities';

@Injectable()
export class StockInService {
  constructor(
    private readonly ds: DataSource,
    private readonly tx: Tx,
    private readonly ledger: StockLedger,
    private readonly drugs: DrugsService,
    private readonly suppliers: SuppliersService,
  ) {}

  /**
   * A receipt (入库) is all or nothing: every line is checked first and the bad ones named (`items.N.field`);
   * then each line adds to its batch (a new one, or the same batch number arriving again) with an IN row.
   */
  async receive(actor: Actor, dto: CreateStockInDto): Promise<IdReply> {
    await this.suppliers.own(actor, dto.supplierId);
    const today = this.drugs.today();
    const drugIds = [...new Set(dto.items.map((i) => i.drugId))];
    const known = new Map((await this.ds.getRepository(Drug).find({ where: { id: In(drugIds), clinicId: actor.clinicId } })).map((d) => [d.id, d]));
    const problems: FieldError[] = [];
    const seen = new Map<string, number>();
    dto.items.forEach((item, i) => {
      const drug = known.get(item.drugId);
      if (!drug) problems.push({ field: `items.${i}.drugId`, errors: ['unknown drug'] });
      else if (drug.retiredAt) problems.push({ field: `items.${i}.drugId`, errors: [`${drug.name} is no longer active`] });
      if (!isRealDate(item.expiryDate)) problems.push({ field: `items.${i}.expiryDate`, errors: ['expiryDate is not a calendar date'] });
      else if (item.expiryDate < today) problems.push({ field: `items.${i}.expiryDate`, errors: [`batch ${item.batchNo} expired on ${item.expiryDate}`] });
      const key = `${item.drugId}/${item.batchNo.trim()}`;
      if (seen.has(key)) problems.push({ field: `items.${i}.batchNo`, errors: [`same drug and batch as line ${seen.get(key)! + 1}`] });
      seen.set(key, i);
    });
    if (problems.length) throw invalidFields(problems);

    const id = randomUUID();
    await this.tx.run(async (m) => {
      const now = new Date();
      await m.insert(StockIn, {
        id,
        clinicId: actor.clinicId,
        supplierId: dto.supplierId,
        invoiceNo: dto.invoiceNo?.trim() || null,
        receivedBy: actor.id,
        receivedAt: now,
        totalCostFen: dto.items.reduce((sum, i) => sum + i.quantity * i.unitCostFen, 0),
      });
      for (const [i, item] of dto.items.entries()) {
        const batchNo = item.batchNo.trim();
        let batch = await m.findOne(Batch, { where: { clinicId: actor.clinicId, drugId: item.drugId, batchNo } });
        if (batch && batch.expiryDate !== item.expiryDate) {
          throw new DomainError('STOCK.BATCH_MISMATCH', `Batch ${batchNo} is on record with expiry ${batch.expiryDate}`, [{ field: `items.${i}.expiryDate`, errors: [`batch ${batchNo} is on record with expiry ${batch.expiryDate}`] }]);
        }
        if (!batch) {
          batch = { id: randomUUID(), clinicId: actor.clinicId, drugId: item.drugId, batchNo, expiryDate: item.expiryDate, quantity: 0, reserved: 0, status: 'ACTIVE', expiredQuantity: 0, unitCostFen: item.unitCostFen, supplierId: dto.supplierId, createdAt: now };
          await m.insert(Batch, batch);
        }
        await m.insert(StockInLine, { id: randomUUID(), stockInId: id, batchId: batch.id, drugId: item.drugId, lineNo: i + 1, quantity: item.quantity, unitCostFen: item.unitCostFen });
        if (!(await this.ledger.move(m, batch, 'IN', { quantity: item.quantity, reserved: 0 }, { type: 'STOCK_IN', id, actorId: actor.id }))) {
          throw new Error(`stock-in could not add to batch ${batch.id}`);
        }
      }
    });
    return { id };
  }

  async list(actor: Actor, q: PageQuery): Promise<Page<StockInReply>> {
    const { page, pageSize, skip } = paging(q);
    const [rows, total] = await this.ds.getRepository(StockIn).findAndCount({ where: { clinicId: actor.clinicId }, order: { receivedAt: 'DESC', id: 'ASC' }, skip, take: pageSize });
    return { items: await Promise.all(rows.map((r) => this.reply(r))), total, page, pageSize };
  }

  async get(actor: Actor, id: string): Promise<StockInReply> {
    const row = isUuid(id) ? await this.ds.getRepository(StockIn).findOne({ where: { id, clinicId: actor.clinicId } }) : null;
    if (!row) throw notFound('Stock-in');
    return this.reply(row);
  }

  private async reply(r: StockIn): Promise<StockInReply> {
    const m = this.ds.manager;
    const supplier = await m.findOne(Supplier, { where: { id: r.supplierId } });
    const lines = await m.find(StockInLine, { where: { stockInId: r.id }, order: { lineNo: 'ASC' } });
    const batches = new Map((await m.find(Batch, { where: { id: In(lines.map((l) => l.batchId)) } })).map((b) => [b.id, b]));
    const drugs = new Map((await m.find(Drug, { where: { id: In(lines.map((l) => l.drugId)) } })).map((d) => [d.id, d]));
    return {
      id: r.id,
      supplierId: r.supplierId,
      supplierName: supplier?.name ?? '',
      invoiceNo: r.invoiceNo,
      receivedBy: r.receivedBy,
      receivedAt: r.receivedAt.toISOString(),
      totalCostFen: r.totalCostFen,
      items: lines.map((l) => ({ drugId: l.drugId, drugName: drugs.get(l.drugId)?.name ?? '', batchNo: batches.get(l.batchId)?.batchNo ?? '', expiryDate: batches.get(l.batchId)?.expiryDate ?? '', quantity: l.quantity, unitCostFen: l.unitCostFen })),
    };
  }
}

function isRealDate(date: string): boolean {
  const d = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === date;
}
