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
import { ReconciliationHandler } from './reconciliation/reconciliation.handler';
import { ReconciliationService } from './reconciliation/reconciliation.service';
import { ReportsHandler } from './reports/reports.handler';
import { RevenueService } from './reports/revenue.service';

@Module({})
export class AppModule {
  static forRoot(config: Config, logger: JsonLogger): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forProcess(config, logger), DatabaseModule.forService('billing', ENTITIES, MIGRATIONS)],
      controllers: [healthHandler('billing'), FeeItemsHandler, DepartmentEventsHandler, BillsHandler, ReportsHandler, ReconciliationHandler],
      providers: [FeeItemsService, BillsService, BusinessDays, RevenueService, ReconciliationService, DemoSeed],
    };
  }
}
