import { TableCheck, TableIndex, TableUnique, type QueryRunner, type Table } from 'typeorm';

export interface CheckSpec {
  table: string;
  name: string;
  expression: string;
}

const isSqlite = (qr: QueryRunner) => qr.connection.options.type === 'better-sqlite3';

/**
 * TypeORM's MySQL runner silently leaves out the CHECKs of `createTable` and refuses to alter them, while SQLite
 * gets them. This adds, on MySQL/MariaDB, each named check the table does not have yet, so the database holds
 * the invariants there too. Safe to run again.
 */
export async function ensureChecks(qr: QueryRunner, checks: CheckSpec[]): Promise<void> {
  if (isSqlite(qr) || !checks.length) return;
  const have = await existingChecks(qr);
  for (const c of checks) {
    if (!have.has(`${c.table}.${c.name}`)) await qr.query(`ALTER TABLE \`${c.table}\` ADD CONSTRAINT \`${c.name}\` CHECK (${c.expression})`);
  }
}

/** Drops named checks on MySQL (SQLite drops them with their table). */
export async function dropChecks(qr: QueryRunner, checks: Omit<CheckSpec, 'expression'>[]): Promise<void> {
  if (isSqlite(qr) || !checks.length) return;
  const have = await existingChecks(qr);
  for (const c of checks) {
    if (have.has(`${c.table}.${c.name}`)) await qr.query(`ALTER TABLE \`${c.table}\` DROP CONSTRAINT \`${c.name}\``);
  }
}

async function existingChecks(qr: QueryRunner): Promise<Set<string>> {
  const rows: { t: string; n: string }[] = await qr.query(
    "SELECT TABLE_NAME AS t, CONSTRAINT_NAME AS n FROM information_schema.TABLE_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE() AND CONSTRAINT_TYPE = 'CHECK'",
  );
  return new Set(rows.map((r) => `${r.t}.${r.n}`));
}

/** Creates a table with its checks on both databases. */
export async function createTableWithChecks(qr: QueryRunner, table: Table): Promise<void> {
  await qr.createTable(table);
  await ensureChecks(qr, checksOf(table));
}

export function checksOf(table: Table): CheckSpec[] {
  return table.checks.map((c) => ({ table: table.name, name: c.name!, expression: c.expression! }));
}

/** Replaces a named check with a new expression: SQLite rebuilds the table, MySQL alters it in one statement. */
export async function replaceCheck(qr: QueryRunner, c: CheckSpec): Promise<void> {
  if (isSqlite(qr)) {
    await qr.dropCheckConstraint(c.table, c.name);
    await qr.createCheckConstraint(c.table, new TableCheck({ name: c.name, expression: c.expression }));
    return;
  }
  await dropChecks(qr, [c]);
  await ensureChecks(qr, [c]);
}

/** Adds a named check to an existing table: SQLite rebuilds the table with it, MySQL alters it. */
export async function addCheck(qr: QueryRunner, c: CheckSpec): Promise<void> {
  if (isSqlite(qr)) await qr.createCheckConstraint(c.table, new TableCheck({ name: c.name, expression: c.expression }));
  else await ensureChecks(qr, [c]);
}

export async function dropCheck(qr: QueryRunner, c: Omit<CheckSpec, 'expression'>): Promise<void> {
  if (isSqlite(qr)) await qr.dropCheckConstraint(c.table, c.name);
  else await dropChecks(qr, [c]);
}

/**
 * Adds a unique key to an existing table the way each database reads an entity's @Unique back: SQLite as a
 * table constraint (it rebuilds the table), MySQL as a unique index.
 */
export async function addUnique(qr: QueryRunner, table: string, name: string, columnNames: string[]): Promise<void> {
  if (isSqlite(qr)) await qr.createUniqueConstraint(table, new TableUnique({ name, columnNames }));
  else await qr.createIndex(table, new TableIndex({ name, columnNames, isUnique: true }));
}

export async function dropUnique(qr: QueryRunner, table: string, name: string): Promise<void> {
  if (isSqlite(qr)) await qr.dropUniqueConstraint(table, name);
  else await qr.dropIndex(table, name);
}
