import { Module, type DynamicModule } from '@nestjs/common';
import { Config, DatabaseModule, daySummaryWarmer, healthHandler, PlatformModule, type JsonLogger } from '@clinic/platform';
import { ENTITIES, MIGRATIONS } from './database';
import { BillsHandler } from './bills/bills.handler';
import { BillsService } from './bills/bills.service';
import { BusinessDays } from './money/business-days';
import { PaymentsHandler } from './payments/payments.handler';
import { PendingMoneyJob } from './payments/pending-money.job';
import { InsuranceChannel, insuranceChannel } from './insurance/insurance.channel';
import { InsurancePayments } from './insurance/insurance-payments.service';
import { RefundsHandler } from './refunds/refunds.handler';
import { RefundsService } from './refunds/refunds.service';
import { WechatPayments } from './payments/wechat-payments.service';
import { WechatPayChannel, wechatPayChannel } from './wechatpay/wechatpay.channel';
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
import { ReconciliationHandler } from './reconciliation/reconciliation.handler';
import { ReconciliationService } from './reconciliation/reconciliation.service';
import { ReportsHandler } from './reports/reports.handler';
import { RevenueService } from './reports/revenue.service';
import { MoneyStatsHandler } from './stats/money-stats.handler';
import { MoneyDays } from './stats/money-days';
import { MoneyStatsService } from './stats/money-stats.service';

@Module({})
export class AppModule {
  static forRoot(config: Config, logger: JsonLogger): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forProcess(config, logger), DatabaseModule.forService('billing', ENTITIES, MIGRATIONS)],
      controllers: [healthHandler('billing'), FeeItemsHandler, DepartmentEventsHandler, BillsHandler, PaymentsHandler, RefundsHandler, SettlementsHandler, ReversalsHandler, ReceiptsHandler, ReportsHandler, ReconciliationHandler, MoneyStatsHandler],
      providers: [
        FeeItemsService,
        BillsService,
        BusinessDays,
        { provide: WechatPayChannel, useFactory: () => wechatPayChannel(config, logger) },
        { provide: InsuranceChannel, useFactory: () => insuranceChannel(config, logger) },
        WechatPayments,
        RefundsService,
        InsurancePayments,
        PendingMoneyJob,
        SettlementsService,
        ReversalsService,
        ReceiptsService,
        RevenueService,
        MoneyStatsService,
        MoneyDays,
        daySummaryWarmer(MoneyDays),
        ReconciliationService,
        DemoSeed,
      ],
    };
  }
}
