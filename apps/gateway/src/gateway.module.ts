import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { Config, PlatformModule, type JsonLogger } from '@clinic/platform';
import { AuthController } from './auth/auth.controller';
import { AuthGuard } from './auth/auth.guard';
import { RateLimiter } from './auth/rate-limiter';
import { AuditController } from './clinic/audit.controller';
import { SchedulesController } from './clinic/schedules.controller';
import { StaffController } from './clinic/staff.controller';
import { BillsController } from './billing/bills.controller';
import { FeeItemsController } from './billing/fee-items.controller';
import { MyBillsController } from './billing/my-bills.controller';
import { PaymentsController } from './billing/payments.controller';
import { RefundsController } from './billing/refunds.controller';
import { ReceiptsController } from './billing/receipts.controller';
import { SettlementsController } from './billing/settlements.controller';
import { ReconciliationsController } from './billing/reconciliations.controller';
import { ReportsController } from './billing/reports.controller';
import { DepartmentsController } from './clinic/departments.controller';
import { EncountersController } from './clinic/encounters.controller';
import { HealthController } from './health/health.controller';
import { HttpRequestContextInterceptor } from './http/request-context.interceptor';
import { PatientsController } from './patients/patients.controller';
import { RemindersController } from './patients/reminders.controller';
import { DispensingController } from './pharmacy/dispensing.controller';
import { DrugsController } from './pharmacy/drugs.controller';
import { PharmacyReportsController } from './pharmacy/pharmacy-reports.controller';
import { StockController } from './pharmacy/stock.controller';
import { StocktakeController } from './pharmacy/stocktake.controller';
import { FlowStatsController } from './stats/flow-stats.controller';
import { StatsController } from './stats/stats.controller';
import { DoctorNames } from './billing/doctor-names';

@Module({})
export class GatewayModule {
  static forRoot(config: Config, logger: JsonLogger): DynamicModule {
    return {
      module: GatewayModule,
      imports: [PlatformModule.forProcess(config, logger)],
      controllers: [HealthController, AuthController, StaffController, DepartmentsController, PatientsController, RemindersController, AuditController, SchedulesController, EncountersController, DrugsController, StockController, DispensingController, StocktakeController, PharmacyReportsController, FeeItemsController, BillsController, PaymentsController, MyBillsController, RefundsController, ReceiptsController, SettlementsController, ReportsController, ReconciliationsController, FlowStatsController, StatsController],
      providers: [
        RateLimiter,
        DoctorNames,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_INTERCEPTOR, useClass: HttpRequestContextInterceptor },
      ],
    };
  }
}
