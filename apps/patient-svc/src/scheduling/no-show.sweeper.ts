import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Config, JsonLogger } from '@clinic/platform';
import { AppointmentsService } from './appointments.service';

/** Runs the no-show sweep every NO_SHOW_SWEEP_SECONDS; running it twice at once (two copies) is harmless. */
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
      const swept = await this.appointments.sweepNoShows();
      if (swept) this.logger.event('info', 'NoShowSweeper', 'appointments marked as no-shows', { swept });
    } catch (err) {
      this.logger.event('warn', 'NoShowSweeper', 'sweep failed; will retry', { error: (err as Error).message });
    } finally {
      this.running = false;
    }
  }
}
