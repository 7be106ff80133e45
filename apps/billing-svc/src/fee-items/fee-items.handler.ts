import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CreateFeeItemDto, ListFeeItemsQuery, Patterns, UpdateFeeItemDto, type Envelope } from '@clinic/contracts';
import { changesOf, idOf, parsePayload, requireActor } from '@clinic/platform';
import { FeeItemsService } from './fee-items.service';

@Controller()
export class FeeItemsHandler {
  constructor(private readonly items: FeeItemsService) {}

  @MessagePattern(Patterns.billing.createFeeItem)
  async create(@Payload() msg: Envelope) {
    return this.items.create(requireActor(msg, 'feeItems.create'), await parsePayload(CreateFeeItemDto, msg.data));
  }

  @MessagePattern(Patterns.billing.listFeeItems)
  async list(@Payload() msg: Envelope) {
    return this.items.list(requireActor(msg, 'feeItems.list'), await parsePayload(ListFeeItemsQuery, msg.data ?? {}));
  }

  @MessagePattern(Patterns.billing.updateFeeItem)
  async update(@Payload() msg: Envelope) {
    return this.items.update(requireActor(msg, 'feeItems.update'), idOf(msg), await parsePayload(UpdateFeeItemDto, changesOf(msg)));
  }

  @MessagePattern(Patterns.billing.feeItemPrices)
  prices(@Payload() msg: Envelope) {
    return this.items.prices(requireActor(msg, 'feeItems.list'), idOf(msg));
  }
}
