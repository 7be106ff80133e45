import { Global, Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { ServiceName } from '@clinic/contracts';
import type { MixedList } from 'typeorm';
import { Config } from './config/config';
import { dataSourceOptions } from './database/data-source';
import { MESSAGING_ENTITIES } from './database/outbox.entities';
import { JsonLogger } from './logging/logger';
import { Tx } from './database/tx';
import { AuditTrail } from './audit/audit-chain';
import { Inbox, Outbox } from './messaging/outbox';
import { ServiceClient } from './messaging/service-client';

/** Config, logger and the service client for one process; global, so features just inject them. */
@Global()
@Module({})
export class PlatformModule {
  static forProcess(config: Config, logger: JsonLogger): DynamicModule {
    return {
      module: PlatformModule,
      providers: [{ provide: Config, useValue: config }, { provide: JsonLogger, useValue: logger }, ServiceClient],
      exports: [Config, JsonLogger, ServiceClient],
    };
  }
}

/** A service's own database (its MySQL schema or SQLite file), with its outbox and inbox. */
@Global()
@Module({})
export class DatabaseModule {
  static forService(service: ServiceName, entities: Function[], migrations: MixedList<Function>): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [Config],
          useFactory: async (config: Config) => ({
            ...(await dataSourceOptions(config.dbTarget(service), [...entities, ...MESSAGING_ENTITIES], migrations)),
            migrationsRun: config.runMigrationsOnStart,
            migrationsTransactionMode: 'each' as const,
            retryAttempts: 10,
            retryDelay: 2000,
          }),
        }),
        TypeOrmModule.forFeature(entities),
      ],
      providers: [Tx, Outbox, Inbox, AuditTrail],
      exports: [TypeOrmModule, Tx, Outbox, Inbox, AuditTrail],
    };
  }
}
