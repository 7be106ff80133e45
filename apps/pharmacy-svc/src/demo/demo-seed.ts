import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DEFAULT_CLINIC_ID, type Actor, type CreateDrugDto } from '@clinic/contracts';
import { addDays, Config, DomainError, JsonLogger } from '@clinic/platform';
import { DrugsService } from '../drugs/drugs.service';
import { StockInService } from '../stock/stock-in.service';
import { SuppliersService } from '../suppliers/suppliers.service';

/**
 * Generic names and dosage forms are taken from 国家基本医疗保险、工伤保险和生育保险药品目录（2024年）
 * (shared/data/drugs-cn.csv); the catalogue lists no strengths, barcodes or shelf prices, so specs, barcodes,
 * prices and costs here are made up for the demo.
 */
const DRUGS: (CreateDrugDto & { costFen: number })[] = [
  { name: '阿莫西林胶囊', genericName: '阿莫西林', spec: '0.25g*24粒', dosageForm: '胶囊剂', unit: '盒', packSize: 24, priceFen: 1280, costFen: 850, category: '抗感染药', reorderLevel: 20, allergyClass: 'PENICILLIN', barcode: '6900000000011' },
  { name: '头孢克肟胶囊', genericName: '头孢克肟', spec: '0.1g*6粒', dosageForm: '胶囊剂', unit: '盒', packSize: 6, priceFen: 2650, costFen: 1900, category: '抗感染药', reorderLevel: 10, allergyClass: 'CEPHALOSPORIN', barcode: '6900000000028' },
  { name: '奥美拉唑肠溶胶囊', genericName: '奥美拉唑', spec: '20mg*14粒', dosageForm: '肠溶胶囊', unit: '盒', packSize: 14, priceFen: 1860, costFen: 1200, category: '消化系统用药', reorderLevel: 15, barcode: '6900000000035' },
  { name: '盐酸二甲双胍片', genericName: '二甲双胍', spec: '0.5g*48片', dosageForm: '片剂', unit: '盒', packSize: 48, priceFen: 990, costFen: 600, category: '内分泌用药', reorderLevel: 30, barcode: '6900000000042' },
  { name: '苯磺酸氨氯地平片', genericName: '氨氯地平', spec: '5mg*28片', dosageForm: '片剂', unit: '盒', packSize: 28, priceFen: 2380, costFen: 1600, category: '心血管用药', reorderLevel: 30, barcode: '6900000000059' },
  { name: '布洛芬缓释胶囊', genericName: '布洛芬', spec: '0.3g*20粒', dosageForm: '缓释胶囊', unit: '盒', packSize: 20, priceFen: 1650, costFen: 1050, category: '解热镇痛药', reorderLevel: 20, allergyClass: 'NSAID', isPrescription: false, barcode: '6900000000066' },
  { name: '蒙脱石散', genericName: '蒙脱石', spec: '3g*10袋', dosageForm: '散剂', unit: '盒', packSize: 10, priceFen: 1550, costFen: 980, category: '消化系统用药', reorderLevel: 10, isPrescription: false, barcode: '6900000000073' },
];

@Injectable()
export class DemoSeed implements OnApplicationBootstrap {
  constructor(
    private readonly config: Config,
    private readonly drugs: DrugsService,
    private readonly suppliers: SuppliersService,
    private readonly stockIns: StockInService,
    private readonly logger: JsonLogger,
  ) {}

  async onApplicationBootstrap() {
    if (!this.config.env.CLINIC_DEMO_DATA) return;
    const system: Actor = { kind: 'staff', id: 'demo-seed', roles: ['admin'], clinicId: DEFAULT_CLINIC_ID };
    if ((await this.drugs.search(system, { pageSize: 1, includeInactive: true })).total > 0) return;
    try {
      const ids: string[] = [];
      for (const { costFen: _cost, ...d } of DRUGS) ids.push((await this.drugs.create(system, d)).id);
      const supplier = await this.suppliers.create(system, { name: '华东医药配送（演示）', contact: '王经理 13800000000' });
      const today = this.drugs.today();
      // Two batches each: a fresh one, and for every other drug one that expires soon (近效期), so alerts have something to show.
      await this.stockIns.receive(system, {
        supplierId: supplier.id,
        invoiceNo: 'DEMO-0001',
        items: DRUGS.flatMap((d, i) => [
          { drugId: ids[i], batchNo: `D${2026}${String(i + 1).padStart(2, '0')}A`, expiryDate: addDays(today, 700), quantity: 60, unitCostFen: d.costFen },
          { drugId: ids[i], batchNo: `D${2025}${String(i + 1).padStart(2, '0')}B`, expiryDate: addDays(today, i % 2 ? 45 : 400), quantity: i === 4 ? 5 : 20, unitCostFen: d.costFen },
        ]),
      });
      this.logger.event('info', 'DemoSeed', 'demo drugs and stock seeded', { drugs: DRUGS.length });
    } catch (err) {
      if (!(err instanceof DomainError && (err.code === 'DRUG.DUPLICATE' || err.code === 'SUPPLIER.NAME_TAKEN'))) throw err; // another copy is seeding
    }
  }
}
