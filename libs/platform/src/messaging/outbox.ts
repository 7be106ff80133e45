import { randomUUID } from 'node:crypto';
import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { EVENT_SUBSCRIBERS, type EventEnvelope, type EventName, type ServiceName } from '@clinic/contracts';
import { lastValueFrom, timeout } from 'rxjs';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { Config } from '../config/config';
import { InboxEvent, OutboxEvent } from '../database/outbox.entities';
import { isUniqueViolation } from '../database/data-source';
import { Tx } from '../database/tx';
import { currentRequestId, JsonLogger } from '../logging/logger';
import { ServiceClient } from './service-client';
import { transportKind } from './transport';

/**
 * Transactional outbox. `add` writes the event with the caller's transaction manager, so the event exists
 * exactly when the change does; the relay publishes unpublished rows in order and marks them. Delivery is
 * at least once: a crash between publish and mark sends again, and consumers' inboxes drop the repeat.
 */
@Injectable()
export class Outbox implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running = false;
  private stopped = false;

  constructor(
    private readonly ds: DataSource,
    private readonly tx: Tx,
    private readonly clients: ServiceClient,
    private readonly config: Config,
    private readonly logger: JsonLogger,
  ) {}

  async add<T>(manager: EntityManager, eventName: EventName, data: T): Promise<void> {
    await manager.insert(OutboxEvent, {
      id: randomUUID(),
      eventName,
      payload: JSON.stringify(data),
      requestId: currentRequestId() ?? null,
      createdAt: new Date(),
      publishedAt: null,
      attempts: 0,
      lastError: null,
    });
    // Publish soon after the caller's commit; the poll catches whatever this misses.
    setTimeout(() => void this.relay(), this.config.env.OUTBOX_DELAY_MS).unref();
  }

  onApplicationBootstrap() {
    this.timer = setInterval(() => void this.relay(), this.config.env.OUTBOX_POLL_MS);
    this.timer.unref();
  }

  onApplicationShutdown() {
    this.stopped = true;
    clearInterval(this.timer);
  }

  /** Publishes what is waiting; returns how many went out. */
  async relay(): Promise<number> {
    if (this.running || this.stopped) return 0;
    this.running = true;
    let sent = 0;
    try {
      const batch = await this.ds.getRepository(OutboxEvent).find({ where: { publishedAt: IsNull() }, order: { createdAt: 'ASC' }, take: 50 });
      for (const row of batch) {
        try {
          await this.publish(row);
        } catch (err) {
          const lastError = String((err as Error)?.message ?? err).slice(0, 500);
          await this.tx.run((m) => m.update(OutboxEvent, row.id, { attempts: row.attempts + 1, lastError }));
          this.logger.event('warn', 'Outbox', 'publish failed; will retry', { eventId: row.id, eventName: row.eventName });
          break; // keep order: nothing after a failed event goes first
        }
        await this.tx.run((m) => m.update(OutboxEvent, { id: row.id, publishedAt: IsNull() }, { publishedAt: new Date(), attempts: row.attempts + 1 }));
        sent++;
      }
    } catch (err) {
      if (!this.stopped) this.logger.event('warn', 'Outbox', 'relay failed', { error: (err as Error)?.message });
    } finally {
      this.running = false;
    }
    return sent;
  }

  private async publish(row: OutboxEvent) {
    const envelope: EventEnvelope = {
      meta: { requestId: row.requestId ?? 'outbox', eventId: row.id, occurredAt: row.createdAt.toISOString(), source: 'outbox' },
      data: JSON.parse(row.payload),
    };
    const name = row.eventName as EventName;
    // Redis pub/sub reaches every subscriber with one publish; loopback TCP needs one send per subscriber.
    const subscribers = EVENT_SUBSCRIBERS[name] ?? [];
    // Over Redis any client reaches the broker; with no subscriber yet the event is still published there.
    const targets: readonly ServiceName[] = transportKind(this.config) === 'redis' ? [subscribers[0] ?? 'patient'] : subscribers;
    for (const service of targets) {
      await lastValueFrom(this.clients.client(service).emit(name, envelope).pipe(timeout(this.config.env.RPC_TIMEOUT_MS)), { defaultValue: undefined });
    }
  }
}

/** Consumers remember what they handled, in the same transaction as the handling. */
@Injectable()
export class Inbox {
  constructor(private readonly tx: Tx) {}

  /** Runs `handle` once per event id, however often the event arrives. Returns false for a repeat. */
  async handleOnce(event: EventEnvelope, eventName: EventName, handle: (manager: EntityManager) => Promise<void>): Promise<boolean> {
    const repeat = Symbol('repeat');
    try {
      await this.tx.run(async (manager) => {
        try {
          await manager.insert(InboxEvent, { eventId: event.meta.eventId, eventName, handledAt: new Date() });
        } catch (err) {
          throw isUniqueViolation(err) ? repeat : err;
        }
        await handle(manager);
      });
      return true;
    } catch (err) {
      if (err === repeat) return false;
      throw err;
    }
  }
}
