import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDataSource, migrate, MESSAGING_ENTITIES, type DbTarget } from '@clinic/platform';
import mysql from 'mysql2/promise';
import type { DataSource } from 'typeorm';
import * as billing from '../apps/billing-svc/src/database';
import * as patient from '../apps/patient-svc/src/database';
import * as pharmacy from '../apps/pharmacy-svc/src/database';
import { assertTestName, TEST_MYSQL_URL } from './support/settings';

const services = { patient, pharmacy, billing };
const server = new URL(TEST_MYSQL_URL);

async function mysqlTarget(name: string): Promise<DbTarget> {
  assertTestName(name);
  const root = { host: server.hostname, port: Number(server.port || 3306), user: decodeURIComponent(server.username), password: decodeURIComponent(server.password) };
  const conn = await mysql.createConnection(root);
  await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
  await conn.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await conn.end();
  return { kind: 'mysql', database: name, host: root.host, port: root.port, username: root.user, password: root.password };
}

async function tables(ds: DataSource): Promise<string[]> {
  const rows: { name: string }[] =
    ds.options.type !== 'better-sqlite3'
      ? await ds.query('SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()')
      : await ds.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
  return rows.map((r) => r.name).sort();
}

async function checks(ds: DataSource): Promise<string[]> {
  if (ds.options.type !== 'better-sqlite3') {
    const rows: { t: string; n: string }[] = await ds.query("SELECT TABLE_NAME AS t, CONSTRAINT_NAME AS n FROM information_schema.TABLE_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE() AND CONSTRAINT_TYPE = 'CHECK'");
    return rows.map((r) => `${r.t}.${r.n}`).sort();
  }
  const rows: { name: string; sql: string }[] = await ds.query("SELECT name, sql FROM sqlite_master WHERE type = 'table'");
  return rows.flatMap((r) => [...r.sql.matchAll(/CONSTRAINT "(\w+)" CHECK/g)].map((m) => `${r.name}.${m[1]}`)).sort();
}

/**
 * Every service's migrations run up and down on both databases, and what they build is exactly what the
 * entities describe (TypeORM finds nothing to change), so `synchronize` is never needed.
 */
describe.each(['mysql', 'sqlite'] as const)('migrations on %s', (kind) => {
  describe.each(Object.keys(services) as (keyof typeof services)[])('%s-svc', (service) => {
    let ds: DataSource;

    beforeAll(async () => {
      const target = kind === 'mysql' ? await mysqlTarget(`clinic_migrations_test_${service}`) : { kind, database: join(mkdtempSync(join(tmpdir(), 'clinic-mig-test-')), `${service}.sqlite`) };
      ds = await createDataSource(target as DbTarget, [...services[service].ENTITIES, ...MESSAGING_ENTITIES], services[service].MIGRATIONS);
      await ds.initialize();
    });
    afterAll(() => ds?.destroy());

    it('builds the schema the entities describe, reverts it, and builds it again', async () => {
      expect(await migrate(ds, 'up')).toEqual(services[service].MIGRATIONS.map((m) => m.name));
      const built = await tables(ds);
      expect(built).toEqual(expect.arrayContaining(['migrations', 'outbox_events', 'inbox_events', ...ds.entityMetadatas.map((m) => m.tableName)]));
      const drift = await ds.driver.createSchemaBuilder().log();
      expect(drift.upQueries.map((q) => q.query)).toEqual([]);
      // TypeORM's schema diff ignores CHECKs on MySQL, so they are compared by name here: the database must hold them.
      const declared = ds.entityMetadatas.flatMap((m) => m.checks.map((c) => `${m.tableName}.${c.name}`)).sort();
      expect(await checks(ds)).toEqual(declared);

      for (let i = 0; i < services[service].MIGRATIONS.length; i++) await migrate(ds, 'down');
      expect(await tables(ds)).toEqual(['migrations']);

      await migrate(ds, 'up');
      expect(await tables(ds)).toEqual(built);
      expect(await migrate(ds, 'up')).toEqual([]); // nothing left to do
    });
  });
});
