import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource, MigrationExecutor, type DataSourceOptions, type MixedList } from 'typeorm';
import { createConnection } from 'mysql2/promise';
import type { DbTarget } from '../config/config';

type EntityList = MixedList<Function>;

/**
 * TypeORM reads MariaDB's catalogue differently from MySQL's (defaults of nullable columns, for one), so the
 * dialect must match the server: asked once, at connection time, so MYSQL_URL works for either.
 */
async function mysqlFlavour(target: DbTarget): Promise<'mysql' | 'mariadb'> {
  const conn = await createConnection({ host: target.host, port: target.port, user: target.username, password: target.password, database: target.database });
  try {
    const [rows] = await conn.query('SELECT VERSION() AS v');
    return /mariadb/i.test(String((rows as { v: string }[])[0]?.v)) ? 'mariadb' : 'mysql';
  } finally {
    await conn.end();
  }
}

export async function dataSourceOptions(target: DbTarget, entities: EntityList, migrations: EntityList): Promise<DataSourceOptions> {
  // Schema changes come only from migrations, run by command (or at start in embedded mode).
  const common = { entities, migrations, synchronize: false, migrationsRun: false, migrationsTableName: 'migrations' } as const;
  if (target.kind === 'sqlite') {
    mkdirSync(dirname(target.database), { recursive: true });
    return {
      ...common,
      type: 'better-sqlite3',
      database: target.database,
      enableWAL: true,
      prepareDatabase: (db: { pragma(s: string): unknown }) => {
        db.pragma('busy_timeout = 5000');
        db.pragma('foreign_keys = ON');
      },
    };
  }
  return {
    ...common,
    type: await mysqlFlavour(target),
    host: target.host,
    port: target.port,
    username: target.username,
    password: target.password,
    database: target.database,
    charset: 'utf8mb4',
    timezone: 'Z',
    extra: { connectionLimit: 10 },
  };
}

export async function createDataSource(target: DbTarget, entities: EntityList, migrations: EntityList): Promise<DataSource> {
  return new DataSource(await dataSourceOptions(target, entities, migrations));
}

export async function pendingMigrations(ds: DataSource): Promise<number> {
  return (await new MigrationExecutor(ds).getPendingMigrations()).length;
}

/** Runs every pending migration (up), or reverts the last one (down), each in its own transaction. */
export async function migrate(ds: DataSource, direction: 'up' | 'down'): Promise<string[]> {
  if (direction === 'up') return (await ds.runMigrations({ transaction: 'each' })).map((m) => m.name);
  const before = await ds.query(`SELECT name FROM ${ds.options.migrationsTableName ?? 'migrations'} ORDER BY id DESC`);
  await ds.undoLastMigration({ transaction: 'each' });
  return before.length ? [before[0].name as string] : [];
}

/** A unique or primary key said no: the database holding an invariant, reported as a 409 by the caller. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; errno?: number; driverError?: { code?: string; errno?: number } };
  const code = e?.driverError?.code ?? e?.code;
  const errno = e?.driverError?.errno ?? e?.errno;
  return code === 'ER_DUP_ENTRY' || errno === 1062 || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/**
 * A LIKE pattern matching values that start with `text`. `!` escapes the wildcards: unlike a backslash,
 * it means the same inside a string literal on MySQL and on SQLite. Use with `LIKE :p ESCAPE '!'`.
 */
export function likePrefix(text: string): string {
  return `${escapeLike(text)}%`;
}

/** A LIKE pattern matching values that contain `text`; same escaping as likePrefix. */
export function likeContains(text: string): string {
  return `%${escapeLike(text)}%`;
}

function escapeLike(text: string): string {
  return text.replace(/[!%_]/g, (c) => `!${c}`);
}
