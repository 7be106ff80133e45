import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import type { IsolationLevel } from 'typeorm/driver/types/IsolationLevel';

/**
 * Every write goes through `run`. On MySQL it is a plain transaction. SQLite has one connection per
 * process, so two transactions at once would nest (and a stray write would join someone else's
 * transaction): there they run one after another.
 */
@Injectable()
export class Tx {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly ds: DataSource) {}

  /** `isolation` applies on MySQL (REPEATABLE READ by default there); SQLite's transactions are serializable. */
  run<T>(work: (manager: EntityManager) => Promise<T>, isolation?: IsolationLevel): Promise<T> {
    if (this.ds.options.type !== 'better-sqlite3') return this.withRetry(work, isolation);
    const result = this.tail.then(() => this.ds.transaction(work));
    this.tail = result.catch(() => undefined);
    return result;
  }

  /**
   * InnoDB may pick a transaction as a deadlock victim when many take the same rows at once (a crowd booking
   * the last places). The victim was rolled back whole, so running it again is safe.
   */
  private async withRetry<T>(work: (manager: EntityManager) => Promise<T>, isolation: IsolationLevel | undefined, attempt = 1): Promise<T> {
    try {
      return await (isolation ? this.ds.transaction(isolation, work) : this.ds.transaction(work));
    } catch (err) {
      const e = err as { errno?: number; driverError?: { errno?: number } };
      const errno = e.driverError?.errno ?? e.errno;
      if ((errno === 1213 || errno === 1205) && attempt < 5) return this.withRetry(work, isolation, attempt + 1);
      throw err;
    }
  }
}

/**
 * Locks the selected rows until the transaction ends (SELECT … FOR UPDATE). SQLite has no row locks and needs
 * none: Tx runs its transactions one at a time.
 */
export function forUpdate<Q extends SelectQueryBuilder<ObjectLiteral>>(qb: Q): Q {
  return qb.connection.options.type === 'better-sqlite3' ? qb : (qb.setLock('pessimistic_write') as Q);
}

/**
 * An instant as a raw query parameter. mysql2 binds a Date itself (in UTC, the connection's zone); better-sqlite3
 * binds no Date, and TypeORM stores datetimes there as 'YYYY-MM-DD HH:MM:SS.mmm' UTC text, which compares in order.
 */
export function sqlTime(ds: DataSource, at: Date): Date | string {
  return ds.options.type === 'better-sqlite3' ? at.toISOString().replace('T', ' ').replace('Z', '') : at;
}

/** Reads the selected rows under a shared lock (LOCK IN SHARE MODE): many readers, and a forUpdate waits for them. */
export function forShare<Q extends SelectQueryBuilder<ObjectLiteral>>(qb: Q): Q {
  return qb.connection.options.type === 'better-sqlite3' ? qb : (qb.setLock('pessimistic_read') as Q);
}
