import { Injectable } from '@nestjs/common';
import { Config, JsonLogger, PeriodicJob } from '@clinic/platform';
import { DispensingService } from '../dispensing/dispensing.service';
import { AlertsService } from './alerts.service';

/** Every PHARMACY_JOB_SECONDS: expired batches out of stock, unpaid reservations lapsed, alerts sent. */
@Injectable()
export class PharmacyJobs extends PeriodicJob {
  constructor(
    private readonly alerts: AlertsService,
    private readonly dispensing: DispensingService,
    config: Config,
    logger: JsonLogger,
  ) {
    super('PharmacyJobs', config.env.PHARMACY_JOB_SECONDS, logger);
  }

  protected async work() {
    const batchesExpired = await this.alerts.expireBatches();
    const reservationsLapsed = await this.dispensing.lapseUnpaid();
    const alertsSent = await this.alerts.notify();
    return { batchesExpired, reservationsLapsed, alertsSent };
  }
}
