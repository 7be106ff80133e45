import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DEFAULT_CLINIC_ID, type Actor, type CreateFeeItemDto } from '@clinic/contracts';
import { Config, DomainError, JsonLogger } from '@clinic/platform';
import { FeeItemsService } from '../fee-items/fee-items.service';

const FEE_ITEMS: CreateFeeItemDto[] = [
  { name: '普通门诊挂号费', priceFen: 500, category: 'REGISTRATION' },
  { name: '专家门诊挂号费', priceFen: 2000, category: 'REGISTRATION' },
  { name: '门诊诊查费', priceFen: 1000, category: 'CONSULTATION' },
  { name: '血常规', priceFen: 2500, category: 'LAB' },
  { name: '尿常规', priceFen: 1500, category: 'LAB' },
  { name: '心电图', priceFen: 3000, category: 'EXAMINATION' },
  { name: '静脉输液', priceFen: 1200, category: 'TREATMENT' },
];

@Injectable()
export class DemoSeed implements OnApplicationBootstrap {
  constructor(
    private readonly config: Config,
    private readonly items: FeeItemsService,
    private readonly logger: JsonLogger,
  ) {}

  async onApplicationBootstrap() {
    if (!this.config.env.CLINIC_DEMO_DATA) return;
    const system: Actor = { kind: 'staff', id: 'demo-seed', roles: ['admin'], clinicId: DEFAULT_CLINIC_ID };
    if ((await this.items.list(system)).length > 0) return;
    try {
      for (const f of FEE_ITEMS) await this.items.create(system, f);
      this.logger.event('info', 'DemoSeed', 'demo fee items seeded', { feeItems: FEE_ITEMS.length });
    } catch (err) {
      if (!(err instanceof DomainError && err.code === 'FEE_ITEM.NAME_TAKEN')) throw err; // another copy is seeding
    }
  }
}
