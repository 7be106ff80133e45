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
