import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CreateRefundDto, Patterns, type Envelope } from '@clinic/contracts';
import { changesOf, idOf, parsePayload, requireActor } from '@clinic/platform';
import { RefundsService } from './refunds.service';

@Controller()
export class RefundsHandler {
  constructor(private readonly refunds: RefundsService) {}

  @MessagePattern(Patterns.billing.refund)
  async create(@Payload() msg: Envelope<{ id?: unknown; key?: unknown; changes?: unknown }>) {
    const key = typeof msg.data?.key === 'string' ? msg.data.key : undefined;
    return this.refunds.create(requireActor(msg, 'refunds.create'), msg.meta, idOf(msg), key, await parsePayload(CreateRefundDto, changesOf(msg)));
  }

  @MessagePattern(Patterns.billing.listRefunds)
  list(@Payload() msg: Envelope<{ billId?: unknown }>) {
    return this.refunds.list(requireActor(msg, 'refunds.read'), msg.meta, typeof msg.data?.billId === 'string' ? msg.data.billId : '');
  }
}
