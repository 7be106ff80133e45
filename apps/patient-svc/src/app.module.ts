import { Module, type DynamicModule } from '@nestjs/common';
import { Config, DatabaseModule, daySummaryWarmer, healthHandler, PiiCipher, PlatformModule, type JsonLogger } from '@clinic/platform';
import { AccountsHandler } from './accounts/accounts.handler';
import { AccountsService } from './accounts/accounts.service';
import { AuditHandler } from './audit/audit.handler';
import { AuditService } from './audit/audit.service';
import { ENTITIES, MIGRATIONS } from './database';
import { DemoSeed } from './demo/demo-seed';
import { DepartmentsHandler } from './departments/departments.handler';
import { DepartmentsService } from './departments/departments.service';
import { AuthHandler } from './identity/auth.handler';
import { AuthService } from './identity/auth.service';
import { PatientsHandler } from './patients/patients.handler';
import { PatientsService } from './patients/patients.service';
import { AppointmentsService } from './scheduling/appointments.service';
import { NoShowSweeper } from './scheduling/no-show.sweeper';
import { PaymentEventsHandler } from './scheduling/payment-events.handler';
import { QueueService } from './scheduling/queue.service';
import { SchedulingHandler } from './scheduling/scheduling.handler';
import { SchedulesService } from './scheduling/schedules.service';
import { StaffHandler } from './staff/staff.handler';
import { StatsHandler } from './stats/stats.handler';
import { StatsDays } from './stats/stats-days';
import { StatsService } from './stats/stats.service';
import { StaffService } from './staff/staff.service';
import { wechatAdapterProvider } from './wechat/wechat-auth.adapter';

import { EmrTemplatesService } from './visits/emr-templates.service';
import { EncountersService } from './visits/encounters.service';
import { Icd10Service } from './visits/icd10.service';
import { PrescriptionsService } from './visits/prescriptions.service';
import { VisitsHandler } from './visits/visits.handler';
import { reminderSenderProvider } from './reminders/reminder-sender';
import { RemindersHandler } from './reminders/reminders.handler';
import { RemindersJob } from './reminders/reminders.job';
import { RemindersService } from './reminders/reminders.service';

@Module({})
export class AppModule {
  static forRoot(config: Config, logger: JsonLogger): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forProcess(config, logger), DatabaseModule.forService('patient', ENTITIES, MIGRATIONS)],
      controllers: [healthHandler('patient'), AuthHandler, AccountsHandler, StaffHandler, DepartmentsHandler, PatientsHandler, AuditHandler, SchedulingHandler, PaymentEventsHandler, VisitsHandler, RemindersHandler, StatsHandler],
      providers: [
        {
          provide: PiiCipher,
          useFactory: () => new PiiCipher(config.env.PII_KEYS!, config.env.PII_ACTIVE_KEY_VERSION, Buffer.from(config.env.PII_INDEX_KEY!, 'base64')),
        },
        wechatAdapterProvider(),
        AuthService,
        AccountsService,
        StaffService,
        AuditService,
        DepartmentsService,
        PatientsService,
        SchedulesService,
        AppointmentsService,
        Icd10Service,
        EncountersService,
        EmrTemplatesService,
        PrescriptionsService,
        reminderSenderProvider(),
        RemindersService,
        RemindersJob,
        QueueService,
        NoShowSweeper,
        DemoSeed,
        StatsService,
        StatsDays,
        daySummaryWarmer(StatsDays),
      ],
    };
  }
}
