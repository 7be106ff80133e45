import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Events, type EventEnvelope, type RegistrationPaidEvent } from '@clinic/contracts';
import { Inbox, JsonLogger } from '@clinic/platform';
import { AppointmentsService } from './appointments.service';

/** Billing says a registration fee was paid: the waiting appointment is confirmed, once. */
@Controller()
export class PaymentEventsHandler {
  constructor(
    private readonly inbox: Inbox,
    private readonly appointments: AppointmentsService,
    private readonly logger: JsonLogger,
  ) {}

  @EventPattern(Events.registrationPaid)
  async registrationPaid(@Payload() event: EventEnvelope<RegistrationPaidEvent>) {
    await this.inbox.handleOnce(event, Events.registrationPaid, async (m) => {
      const confirmed = await this.appointments.confirmPayment(m, event.data.appointmentId);
      // Paid after the hold ran out: the place is gone. Billing refunds on the cancellation event it already has.
      if (!confirmed) this.logger.event('warn', 'Payments', 'payment for an appointment no longer waiting', { appointmentId: event.data.appointmentId });
    });
  }
}
