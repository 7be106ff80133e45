import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Config, JsonLogger } from '@clinic/platform';
import { AppointmentsService } from './appointments.service';

/**
 * Every NO_SHOW_SWEEP_SECONDS: releases unpaid holds that ran out and marks missed appointments as no-shows.
 * Each change is a conditional update, so two copies sweeping at once is harmless.
 */
@Injectable()
export class NoShowSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running = false;

  constructor(
    private readonly appointments: AppointmentsService,
    private readonly config: Config,
    private readonly logger: JsonLogger,
  ) {}

  onApplicationBootstrap() {
    this.timer = setInterval(() => void this.sweep(), this.config.env.NO_SHOW_SWEEP_SECONDS * 1000);
    this.timer.unref();
  }

  onApplicationShutdown() {
    clearInterval(this.timer);
  }

  private async sweep() {
    if (this.running) return;
    this.running = true;
    try {
      const released = await this.appointments.releaseExpiredHolds();
      const swept = await this.appointments.sweepNoShows();
      if (released || swept) this.logger.event('info', 'NoShowSweeper', 'appointments swept', { unpaidReleased: released, noShows: swept });
    } catch (err) {
      this.logger.event('warn', 'NoShowSweeper', 'sweep failed; will retry', { error: (err as Error).message });
    } finally {
      this.running = false;
    }
  }
}
