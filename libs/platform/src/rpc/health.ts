import { Controller, type Type } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { Patterns, type ServiceHealthReply, type ServiceName } from '@clinic/contracts';
import { DataSource } from 'typeorm';
import { pendingMigrations } from '../database/data-source';

/** What a service says of itself: is its database answering, and is its schema current. */
export async function checkHealth(service: ServiceName, ds: DataSource): Promise<ServiceHealthReply> {
  const databaseKind = ds.options.type === 'better-sqlite3' ? 'sqlite' : 'mysql';
  try {
    await ds.query('SELECT 1');
    return { service, database: 'up', databaseKind, migrationsPending: await pendingMigrations(ds) };
  } catch {
    return { service, database: 'down', databaseKind, migrationsPending: -1 };
  }
}

/** The health message handler every service mounts. */
export function healthHandler(service: ServiceName): Type {
  @Controller()
  class HealthHandler {
    constructor(private readonly ds: DataSource) {}

    @MessagePattern(Patterns[service].health)
    health() {
      return checkHealth(service, this.ds);
    }
  }
  return HealthHandler;
}
