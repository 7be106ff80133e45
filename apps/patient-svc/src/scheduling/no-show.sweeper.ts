import { Injectable } from '@nestjs/common';
import { Config, JsonLogger, PeriodicJob } from '@clinic/platform';
import { AppointmentsService } from './appointments.service';

/** Every NO_SHOW_SWEEP_SECONDS: releases unpaid holds that ran out and marks missed appointments as no-shows. */
@Injectable()
export class NoShowSweeper extends PeriodicJob {
  constructor(
    private readonly appointments: AppointmentsService,
    config: Config,
    logger: JsonLogger,
  ) {
    super('NoShowSweeper', config.env.NO_SHOW_SWEEP_SECONDS, logger);
  }

  protected async work() {
    const unpaidReleased = await this.appointments.releaseExpiredHolds();
    const noShows = await this.appointments.sweepNoShows();
    return { unpaidReleased, noShows };
  }
}
