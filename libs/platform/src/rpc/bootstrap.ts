import 'reflect-metadata';
import type { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { ServiceName } from '@clinic/contracts';
import type { DataSource, MixedList } from 'typeorm';
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
  /** Maintenance commands, `node main.js <name>`: given the service's data source, they return the exit code. */
  commands?: Record<string, (ds: DataSource, logger: JsonLogger) => Promise<number>>;
}

/**
 * `node main.js` runs the service; `node main.js migrate up|down` applies every pending migration or
 * reverts the last one, then exits; `node main.js <command>` runs one of the service's maintenance commands.
 */
export async function runService(def: ServiceDefinition): Promise<void> {
  const config = configOrExit(def.service);
  const logger = new JsonLogger(`${def.service}-svc`, config.env.LOG_LEVEL);
  try {
    const command = process.argv[2] === 'migrate' ? undefined : def.commands?.[process.argv[2] ?? ''];
    if (process.argv[2] === 'migrate' || command) {
      const ds = await createDataSource(config.dbTarget(def.service), [...def.entities, ...MESSAGING_ENTITIES], def.migrations);
      await ds.initialize();
      try {
        if (command) {
          process.exitCode = await command(ds, logger);
          return;
        }
        const direction = process.argv[3] === 'down' ? 'down' : 'up';
        const names = await migrate(ds, direction);
        logger.event('info', 'Migrations', names.length ? `${direction}: ${names.join(', ')}` : 'nothing to do', { direction, database: config.dbTarget(def.service).database });
      } finally {
        await ds.destroy();
      }
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
