import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DEFAULT_CLINIC_ID, type Actor, type CreateDrugDto } from '@clinic/contracts';
import { Config, DomainError, JsonLogger } from '@clinic/platform';
import { DrugsService } from '../drugs/drugs.service';

/**
 * Generic names and dosage forms are taken from 国家基本医疗保险、工伤保险和生育保险药品目录（2024年）
 * (shared/data/drugs-cn.csv); the catalogue lists no strengths or shelf prices, so specs and prices here
 * are made up for the demo.
 */
const DRUGS: CreateDrugDto[] = [
  { name: '阿莫西林胶囊', genericName: '阿莫西林', spec: '0.25g*24粒', unit: '盒', priceFen: 1280, reorderLevel: 20 },
  { name: '头孢克肟胶囊', genericName: '头孢克肟', spec: '0.1g*6粒', unit: '盒', priceFen: 2650, reorderLevel: 10 },
  { name: '奥美拉唑肠溶胶囊', genericName: '奥美拉唑', spec: '20mg*14粒', unit: '盒', priceFen: 1860, reorderLevel: 15 },
  { name: '盐酸二甲双胍片', genericName: '二甲双胍', spec: '0.5g*48片', unit: '盒', priceFen: 990, reorderLevel: 30 },
  { name: '苯磺酸氨氯地平片', genericName: '氨氯地平', spec: '5mg*28片', unit: '盒', priceFen: 2380, reorderLevel: 30 },
  { name: '蒙脱石散', genericName: '蒙脱石', spec: '3g*10袋', unit: '盒', priceFen: 1550, reorderLevel: 10, isPrescription: false },
];

@Injectable()
export class DemoSeed implements OnApplicationBootstrap {
  constructor(
    private readonly config: Config,
    private readonly drugs: DrugsService,
    private readonly logger: JsonLogger,
  ) {}

  async onApplicationBootstrap() {
    if (!this.config.env.CLINIC_DEMO_DATA) return;
    const system: Actor = { kind: 'staff', id: 'demo-seed', roles: ['admin'], clinicId: DEFAULT_CLINIC_ID };
    if ((await this.drugs.search(system, { pageSize: 1 })).total > 0) return;
    try {
      for (const d of DRUGS) await this.drugs.create(system, d);
      this.logger.event('info', 'DemoSeed', 'demo drugs seeded', { drugs: DRUGS.length });
    } catch (err) {
      if (!(err instanceof DomainError && err.code === 'DRUG.DUPLICATE')) throw err; // another copy is seeding
    }
  }
}
