import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/**
 * Every write goes through `run`. On MySQL it is a plain transaction. SQLite has one connection per
 * process, so two transactions at once would nest (and a stray write would join someone else's
 * transaction): there they run one after another.
 */
@Injectable()
export class Tx {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly ds: DataSource) {}

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.ds.options.type !== 'better-sqlite3') return this.ds.transaction(work);
    const result = this.tail.then(() => this.ds.transaction(work));
    this.tail = result.catch(() => undefined);
    return result;
  }
}
