import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { JsonLogger } from '../logging/logger';

/**
 * A sweep that runs every few seconds in each copy of a service. Runs never overlap within a process; across
 * copies, each step must hold its own invariants in the database (conditional updates, unique keys, row locks).
 * A failed run is logged and the next one tries again.
 */
export abstract class PeriodicJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running = false;

  protected constructor(
    private readonly name: string,
    protected readonly everySeconds: number,
    protected readonly logger: JsonLogger,
  ) {}

  /** One run; the counts it returns are logged when any is non-zero. */
  protected abstract work(): Promise<Record<string, number>>;

  onApplicationBootstrap() {
    this.timer = setInterval(() => void this.run(), this.everySeconds * 1000);
    this.timer.unref();
  }

  onApplicationShutdown() {
    clearInterval(this.timer);
  }

  async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const counts = await this.work();
      if (Object.values(counts).some((n) => n > 0)) this.logger.event('info', this.name, 'swept', counts);
    } catch (err) {
      this.logger.event('warn', this.name, 'sweep failed; will retry', { error: (err as Error).message });
    } finally {
      this.running = false;
    }
  }
}
