import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CloseDayDto, ListSettlementsQuery, Patterns, SettlementDateParam, type Envelope } from '@clinic/contracts';
import { parsePayload, requireActor } from '@clinic/platform';
import { SettlementsService } from './settlements.service';

@Controller()
export class SettlementsHandler {
  constructor(private readonly settlements: SettlementsService) {}

  @MessagePattern(Patterns.billing.previewDay)
  async preview(@Payload() msg: Envelope) {
    return this.settlements.preview(requireActor(msg, 'settlements.read'), (await parsePayload(SettlementDateParam, msg.data)).date);
  }

  @MessagePattern(Patterns.billing.closeDay)
  async close(@Payload() msg: Envelope) {
    return this.settlements.close(requireActor(msg, 'settlements.close'), msg.meta, await parsePayload(CloseDayDto, msg.data));
  }

  @MessagePattern(Patterns.billing.listSettlements)
  async list(@Payload() msg: Envelope) {
    return this.settlements.list(requireActor(msg, 'settlements.read'), await parsePayload(ListSettlementsQuery, msg.data));
  }
}
