import { Injectable } from '@nestjs/common';
import { Config, JsonLogger, PeriodicJob } from '@clinic/platform';
import { RemindersService } from './reminders.service';

/** Every REMINDER_JOB_SECONDS: tomorrow's appointment reminders made, and everything due sent. */
@Injectable()
export class RemindersJob extends PeriodicJob {
  constructor(
    private readonly reminders: RemindersService,
    config: Config,
    logger: JsonLogger,
  ) {
    super('RemindersJob', config.env.REMINDER_JOB_SECONDS, logger);
  }

  protected async work() {
    const appointmentRemindersMade = await this.reminders.scheduleAppointments();
    const remindersSent = await this.reminders.sendDue();
    return { appointmentRemindersMade, remindersSent };
  }
}
