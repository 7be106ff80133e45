import type { ServiceHealthReply, ServiceName } from '@clinic/contracts';
import type { DataSource } from 'typeorm';
import { pendingMigrations } from '../database/data-source';

/** What a service says of itself: is its database answering, and is its schema current. */
export async function checkHealth(service: ServiceName, ds: DataSource): Promise<ServiceHealthReply> {
  const databaseKind = ds.options.type === 'mysql' ? 'mysql' : 'sqlite';
  try {
    await ds.query('SELECT 1');
    return { service, database: 'up', databaseKind, migrationsPending: await pendingMigrations(ds) };
  } catch {
    return { service, database: 'down', databaseKind, migrationsPending: -1 };
  }
}
