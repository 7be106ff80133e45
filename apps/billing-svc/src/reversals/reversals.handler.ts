import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Patterns, ReversePaymentDto, type Envelope } from '@clinic/contracts';
import { changesOf, idOf, parsePayload, requireActor } from '@clinic/platform';
import { ReversalsService } from './reversals.service';

@Controller()
export class ReversalsHandler {
  constructor(private readonly reversals: ReversalsService) {}

  @MessagePattern(Patterns.billing.reversePayment)
  async reverse(@Payload() msg: Envelope<{ id?: unknown; key?: unknown; changes?: unknown }>) {
    const actor = requireActor(msg, 'payments.reverse');
    const key = typeof msg.data?.key === 'string' ? msg.data.key : undefined;
    return this.reversals.reverse(actor, msg.meta, idOf(msg), key, await parsePayload(ReversePaymentDto, changesOf(msg)));
  }
}
