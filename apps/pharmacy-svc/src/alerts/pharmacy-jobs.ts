import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Config, JsonLogger } from '@clinic/platform';
import { DispensingService } from '../dispensing/dispensing.service';
import { AlertsService } from './alerts.service';

/**
 * Every PHARMACY_JOB_SECONDS: expired batches out of stock, unpaid reservations lapsed, alerts sent.
 * Each step holds its own invariants in the database, so two copies running it at once is harmless.
 */
@Injectable()
export class PharmacyJobs implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running = false;

  constructor(
    private readonly alerts: AlertsService,
    private readonly dispensing: DispensingService,
    private readonly config: Config,
    private readonly logger: JsonLogger,
  ) {}

  onApplicationBootstrap() {
    this.timer = setInterval(() => void this.run(), this.config.env.PHARMACY_JOB_SECONDS * 1000);
    this.timer.unref();
  }

  onApplicationShutdown() {
    clearInterval(this.timer);
  }

  async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const expired = await this.alerts.expireBatches();
      const lapsed = await this.dispensing.lapseUnpaid();
      const notices = await this.alerts.notify();
      if (expired || lapsed || notices) this.logger.event('info', 'PharmacyJobs', 'stock swept', { batchesExpired: expired, reservationsLapsed: lapsed, alertsSent: notices });
    } catch (err) {
      this.logger.event('warn', 'PharmacyJobs', 'sweep failed; will retry', { error: (err as Error).message });
    } finally {
      this.running = false;
    }
  }
}
