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
import { ReceiptsHandler } from './receipts/receipts.handler';
import { ReceiptsService } from './receipts/receipts.service';
import { ReversalsHandler } from './reversals/reversals.handler';
import { ReversalsService } from './reversals/reversals.service';
import { SettlementsHandler } from './settlements/settlements.handler';
import { SettlementsService } from './settlements/settlements.service';

@Module({})
export class AppModule {
  static forRoot(config: Config, logger: JsonLogger): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forProcess(config, logger), DatabaseModule.forService('billing', ENTITIES, MIGRATIONS)],
      controllers: [healthHandler('billing'), FeeItemsHandler, DepartmentEventsHandler, BillsHandler, SettlementsHandler, ReversalsHandler, ReceiptsHandler],
      providers: [FeeItemsService, BillsService, BusinessDays, SettlementsService, ReversalsService, ReceiptsService, DemoSeed],
    };
  }
}
