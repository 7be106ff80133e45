import 'reflect-metadata';
import type { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { ServiceName } from '@clinic/contracts';
import type { MixedList } from 'typeorm';
import { ConfigError, loadConfig, type Config, type ProcessName } from '../config/config';
import { createDataSource, migrate } from '../database/data-source';
import { MESSAGING_ENTITIES } from '../database/outbox.entities';
import { JsonLogger } from '../logging/logger';
import { serverOptions, transportKind } from '../messaging/transport';
import { RequestContextInterceptor } from './request-context.interceptor';
import { RpcErrorFilter } from './rpc-error.filter';

/** Loads and validates settings once; a bad setting ends the process with a message that names it. */
export function configOrExit(process_: ProcessName): Config {
  try {
    return loadConfig(process_);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${process_}: ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}

export interface ServiceDefinition {
  service: ServiceName;
  entities: Function[];
  migrations: MixedList<Function>;
  module: (config: Config, logger: JsonLogger) => DynamicModule;
}

/**
 * `node main.js` runs the service; `node main.js migrate up|down` applies every pending migration or
 * reverts the last one, then exits.
 */
export async function runService(def: ServiceDefinition): Promise<void> {
  const config = configOrExit(def.service);
  const logger = new JsonLogger(`${def.service}-svc`, config.env.LOG_LEVEL);
  try {
    if (process.argv[2] === 'migrate') {
      const direction = process.argv[3] === 'down' ? 'down' : 'up';
      const ds = await createDataSource(config.dbTarget(def.service), [...def.entities, ...MESSAGING_ENTITIES], def.migrations);
      await ds.initialize();
      const names = await migrate(ds, direction);
      await ds.destroy();
      logger.event('info', 'Migrations', names.length ? `${direction}: ${names.join(', ')}` : 'nothing to do', { direction, database: config.dbTarget(def.service).database });
      return;
    }
    const app = await NestFactory.createMicroservice(def.module(config, logger), { ...serverOptions(config, def.service), logger });
    app.useGlobalFilters(new RpcErrorFilter(logger));
    app.useGlobalInterceptors(new RequestContextInterceptor());
    app.enableShutdownHooks();
    await app.listen();
    logger.event('info', 'Bootstrap', `${def.service} service ready`, { transport: transportKind(config), database: config.dbTarget(def.service).kind });
  } catch (err) {
    logger.event('error', 'Bootstrap', `${def.service} service failed to start`, { error: (err as Error)?.message, stack: (err as Error)?.stack });
    process.exit(1);
  }
}
