import { Module, type DynamicModule } from '@nestjs/common';
import { Config, DatabaseModule, daySummaryWarmer, healthHandler, PlatformModule, type JsonLogger } from '@clinic/platform';
import { AlertsService } from './alerts/alerts.service';
import { PharmacyJobs } from './alerts/pharmacy-jobs';
import { ENTITIES, MIGRATIONS } from './database';
import { DemoSeed } from './demo/demo-seed';
import { DispensingHandler } from './dispensing/dispensing.handler';
import { DispensingService } from './dispensing/dispensing.service';
import { DrugsHandler } from './drugs/drugs.handler';
import { DrugsService } from './drugs/drugs.service';
import { ReportsHandler } from './reports/reports.handler';
import { ReportsService } from './reports/reports.service';
import { UsageDays } from './reports/usage-days';
import { PharmacyStatsHandler } from './stats/pharmacy-stats.handler';
import { PharmacyStatsService } from './stats/pharmacy-stats.service';
import { StockInHandler } from './stock/stock-in.handler';
import { StockInService } from './stock/stock-in.service';
import { StockLedger } from './stock/stock-ledger';
import { StocktakeHandler } from './stocktake/stocktake.handler';
import { StocktakeService } from './stocktake/stocktake.service';
import { SuppliersHandler } from './suppliers/suppliers.handler';
import { SuppliersService } from './suppliers/suppliers.service';

@Module({})
export class AppModule {
  static forRoot(config: Config, logger: JsonLogger): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forProcess(config, logger), DatabaseModule.forService('pharmacy', ENTITIES, MIGRATIONS)],
      controllers: [healthHandler('pharmacy'), DrugsHandler, SuppliersHandler, StockInHandler, DispensingHandler, StocktakeHandler, ReportsHandler, PharmacyStatsHandler],
      providers: [DrugsService, SuppliersService, StockLedger, StockInService, DispensingService, StocktakeService, AlertsService, ReportsService, UsageDays, daySummaryWarmer(UsageDays), PharmacyStatsService, PharmacyJobs, DemoSeed],
    };
  }
}
