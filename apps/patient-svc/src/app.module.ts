import { Module, type DynamicModule } from '@nestjs/common';
import { Config, DatabaseModule, healthHandler, PiiCipher, PlatformModule, type JsonLogger } from '@clinic/platform';
import { ENTITIES, MIGRATIONS } from './database';
import { DemoSeed } from './demo/demo-seed';
import { DepartmentsHandler } from './departments/departments.handler';
import { DepartmentsService } from './departments/departments.service';
import { AuthHandler } from './identity/auth.handler';
import { AuthService } from './identity/auth.service';
import { PatientsHandler } from './patients/patients.handler';
import { PatientsService } from './patients/patients.service';

@Module({})
export class AppModule {
  static forRoot(config: Config, logger: JsonLogger): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forProcess(config, logger), DatabaseModule.forService('patient', ENTITIES, MIGRATIONS)],
      controllers: [healthHandler('patient'), AuthHandler, DepartmentsHandler, PatientsHandler],
      providers: [
        {
          provide: PiiCipher,
          useFactory: () => new PiiCipher(config.env.PII_KEYS!, config.env.PII_ACTIVE_KEY_VERSION, Buffer.from(config.env.PII_INDEX_KEY!, 'base64')),
        },
        AuthService,
        DepartmentsService,
        PatientsService,
        DemoSeed,
      ],
    };
  }
}
