import { Controller } from '@nestjs/common';
import { EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import { DispensingQuery, Events, Patterns, PrescriptionRefDto, RefundReleaseDto, ReserveDto, ReturnDto, type BillPaidEvent, type Envelope, type EventEnvelope } from '@clinic/contracts';
import { changesOf, clinicNow, Config, hhmm, idOf, Inbox, parsePayload, requireActor } from '@clinic/platform';
import { dispensingLabel } from './dispensing-label';
import { DispensingService } from './dispensing.service';

@Controller()
export class DispensingHandler {
  constructor(
    private readonly dispensing: DispensingService,
    private readonly inbox: Inbox,
    private readonly config: Config,
  ) {}

  @MessagePattern(Patterns.pharmacy.reserve)
  async reserve(@Payload() msg: Envelope) {
    return this.dispensing.reserve(requireActor(msg, 'stock.reserve'), await parsePayload(ReserveDto, msg.data));
  }

  @MessagePattern(Patterns.pharmacy.release)
  async release(@Payload() msg: Envelope) {
    return this.dispensing.release(requireActor(msg, 'stock.reserve'), (await parsePayload(PrescriptionRefDto, msg.data)).prescriptionId);
  }

  @MessagePattern(Patterns.pharmacy.refundRelease)
  async refundRelease(@Payload() msg: Envelope) {
    return this.dispensing.refundRelease(requireActor(msg, 'stock.refundRelease'), await parsePayload(RefundReleaseDto, msg.data));
  }

  @MessagePattern(Patterns.pharmacy.listDispensing)
  async list(@Payload() msg: Envelope) {
    return this.dispensing.list(requireActor(msg, 'dispensing.list'), await parsePayload(DispensingQuery, msg.data));
  }

  @MessagePattern(Patterns.pharmacy.getDispensing)
  get(@Payload() msg: Envelope) {
    return this.dispensing.get(requireActor(msg, 'dispensing.list'), idOf(msg));
  }

  @MessagePattern(Patterns.pharmacy.dispense)
  dispense(@Payload() msg: Envelope) {
    return this.dispensing.dispense(requireActor(msg, 'dispensing.dispense'), idOf(msg));
  }

  /** The label as base64: the gateway sends it on as application/pdf. */
  @MessagePattern(Patterns.pharmacy.dispensingLabel)
  async label(@Payload() msg: Envelope) {
    const order = await this.dispensing.get(requireActor(msg, 'dispensing.list'), idOf(msg));
    const zone = this.config.env.CLINIC_TIMEZONE;
    const pdf = await dispensingLabel(order, (iso) => {
      const t = clinicNow(zone, new Date(iso));
      return `${t.date} ${hhmm(t.minutes)}`;
    });
    return { pdfBase64: pdf.toString('base64') };
  }

  @MessagePattern(Patterns.pharmacy.returnDrugs)
  async returnDrugs(@Payload() msg: Envelope) {
    return this.dispensing.returnDrugs(requireActor(msg, 'dispensing.return'), idOf(msg), await parsePayload(ReturnDto, changesOf(msg)));
  }

  /** Billing took the money: the bill's prescriptions go to the dispensing window, once. */
  @EventPattern(Events.billPaid)
  async billPaid(@Payload() event: EventEnvelope<BillPaidEvent>) {
    await this.inbox.handleOnce(event, Events.billPaid, (m) => this.dispensing.markPaid(m, event.data));
  }
}
