import { Controller } from '@nestjs/common';
import { EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import { Events, Patterns, ReminderSettingsDto, type Envelope, type EventEnvelope, type PrescriptionDispensedEvent } from '@clinic/contracts';
import { idOf, Inbox, parsePayload, requireActor } from '@clinic/platform';
import { RemindersService } from './reminders.service';

@Controller()
export class RemindersHandler {
  constructor(
    private readonly reminders: RemindersService,
    private readonly inbox: Inbox,
  ) {}

  @MessagePattern(Patterns.patient.listReminders)
  list(@Payload() msg: Envelope) {
    return this.reminders.list(requireActor(msg, 'account.reminders'));
  }

  @MessagePattern(Patterns.patient.reminderDone)
  done(@Payload() msg: Envelope) {
    return this.reminders.done(requireActor(msg, 'account.reminders'), idOf(msg));
  }

  @MessagePattern(Patterns.patient.reminderSettings)
  settings(@Payload() msg: Envelope) {
    return this.reminders.settings(requireActor(msg, 'account.reminders'));
  }

  @MessagePattern(Patterns.patient.updateReminderSettings)
  async updateSettings(@Payload() msg: Envelope) {
    return this.reminders.updateSettings(requireActor(msg, 'account.reminders'), await parsePayload(ReminderSettingsDto, msg.data));
  }

  /** Pharmacy handed the drugs out: medication reminders over the prescription's days, made once. */
  @EventPattern(Events.prescriptionDispensed)
  async dispensed(@Payload() event: EventEnvelope<PrescriptionDispensedEvent>) {
    await this.inbox.handleOnce(event, Events.prescriptionDispensed, async (m) => {
      await this.reminders.scheduleMedication(m, event.data);
    });
  }
}
