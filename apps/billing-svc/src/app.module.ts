import { Module, type DynamicModule } from '@nestjs/common';
import { Config, DatabaseModule, healthHandler, PlatformModule, type JsonLogger } from '@clinic/platform';
import { ENTITIES, MIGRATIONS } from './database';
import { BillsHandler } from './bills/bills.handler';
import { BillsService } from './bills/bills.service';
import { BusinessDays } from './money/business-days';
import { DemoSeed } from './demo/demo-seed';
import { DepartmentEventsHandler } from './departments/department-events.handler';
import { FeeItemsHandler } from './fee-items/fee-items.handler';
import { FeeItemsService } from './fee-items/fee-items.service';

@Module({})
export class AppModule {
  static forRoot(config: Config, logger: JsonLogger): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forProcess(config, logger), DatabaseModule.forService('billing', ENTITIES, MIGRATIONS)],
      controllers: [healthHandler('billing'), FeeItemsHandler, DepartmentEventsHandler, BillsHandler],
      providers: [FeeItemsService, BillsService, BusinessDays, DemoSeed],
    };
  }
}
