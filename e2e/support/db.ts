import { join } from 'node:path';
import Database from 'better-sqlite3';
import mysql from 'mysql2/promise';
import { TEST_DB_PREFIX, TEST_MYSQL_URL } from './settings';
import type { RunningSystem } from './system';

/** Reads a service's own database directly, to check what the API cannot show (rows, encryption). */
export async function queryService(sys: RunningSystem, service: 'patient' | 'pharmacy' | 'billing', sql: string, params: unknown[] = []): Promise<any[]> {
  if (sys.mode === 'embedded') {
    const db = new Database(join(sys.dataDir, `${service}.sqlite`), { readonly: true, fileMustExist: true });
    try {
      return db.prepare(sql).all(...params);
    } finally {
      db.close();
    }
  }
  const server = new URL(TEST_MYSQL_URL);
  const conn = await mysql.createConnection({
    host: server.hostname,
    port: Number(server.port || 3306),
    user: decodeURIComponent(server.username),
    password: decodeURIComponent(server.password),
    database: `${TEST_DB_PREFIX}${service}`,
  });
  try {
    const [rows] = await conn.query(sql, params);
    return rows as any[];
  } finally {
    await conn.end();
  }
}

/** Polls until `check` returns a truthy value or the time is up. */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Writes rows straight into a service's own tables, for what no API can make (history in the past): the test plays
 * the part of a flow that ran earlier. Columns are the keys of the first row; times as UTC 'YYYY-MM-DD HH:MM:SS.mmm'.
 */
export async function insertRows(sys: RunningSystem, service: 'patient' | 'pharmacy' | 'billing', table: string, rows: Record<string, unknown>[]): Promise<void> {
  if (!rows.length) return;
  const columns = Object.keys(rows[0]);
  const sql = `INSERT INTO \`${table}\` (${columns.map((c) => `\`${c}\``).join(', ')}) VALUES ${rows.map(() => `(${columns.map(() => '?').join(', ')})`).join(', ')}`;
  await writeService(sys, service, sql, rows.flatMap((r) => columns.map((c) => r[c])));
}

/** Runs a statement that changes a service's own tables, past the service, on either database. */
export async function writeService(sys: RunningSystem, service: 'patient' | 'pharmacy' | 'billing', sql: string, params: unknown[] = []): Promise<void> {
  if (sys.mode === 'production') {
    await queryService(sys, service, sql, params);
    return;
  }
  // The running service holds the file too: SQLite's own locking serialises the two writers.
  const db = new Database(join(sys.dataDir, `${service}.sqlite`), { fileMustExist: true, timeout: 10_000 });
  try {
    db.prepare(sql).run(...params);
  } finally {
    db.close();
  }
}
