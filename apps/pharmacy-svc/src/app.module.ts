import { Module, type DynamicModule } from '@nestjs/common';
import { Config, DatabaseModule, healthHandler, PlatformModule, type JsonLogger } from '@clinic/platform';
import { ENTITIES, MIGRATIONS } from './database';
import { DemoSeed } from './demo/demo-seed';
import { DrugsHandler } from './drugs/drugs.handler';
import { DrugsService } from './drugs/drugs.service';

@Module({})
export class AppModule {
  static forRoot(config: Config, logger: JsonLogger): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forProcess(config, logger), DatabaseModule.forService('pharmacy', ENTITIES, MIGRATIONS)],
      controllers: [healthHandler('pharmacy'), DrugsHandler],
      providers: [DrugsService, DemoSeed],
    };
  }
}
