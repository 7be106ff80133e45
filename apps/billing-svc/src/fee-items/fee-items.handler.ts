import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CreateFeeItemDto, Patterns, type Envelope } from '@clinic/contracts';
import { parsePayload, requireActor } from '@clinic/platform';
import { FeeItemsService } from './fee-items.service';

@Controller()
export class FeeItemsHandler {
  constructor(private readonly items: FeeItemsService) {}

  @MessagePattern(Patterns.billing.createFeeItem)
  async create(@Payload() msg: Envelope) {
    return this.items.create(requireActor(msg, 'feeItems.create'), await parsePayload(CreateFeeItemDto, msg.data));
  }

  @MessagePattern(Patterns.billing.listFeeItems)
  list(@Payload() msg: Envelope) {
    return this.items.list(requireActor(msg, 'feeItems.list'));
  }
}
