import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CreateStocktakeDto, PageQuery, Patterns, StocktakeCountsDto, type Envelope } from '@clinic/contracts';
import { changesOf, idOf, parsePayload, requireActor } from '@clinic/platform';
import { StocktakeService } from './stocktake.service';

@Controller()
export class StocktakeHandler {
  constructor(private readonly stocktakes: StocktakeService) {}

  @MessagePattern(Patterns.pharmacy.createStocktake)
  async open(@Payload() msg: Envelope) {
    return this.stocktakes.open(requireActor(msg, 'stocktake.manage'), await parsePayload(CreateStocktakeDto, msg.data));
  }

  @MessagePattern(Patterns.pharmacy.listStocktakes)
  async list(@Payload() msg: Envelope) {
    return this.stocktakes.list(requireActor(msg, 'stocktake.manage'), await parsePayload(PageQuery, msg.data));
  }

  @MessagePattern(Patterns.pharmacy.getStocktake)
  get(@Payload() msg: Envelope) {
    return this.stocktakes.get(requireActor(msg, 'stocktake.manage'), idOf(msg));
  }

  @MessagePattern(Patterns.pharmacy.countStocktake)
  async count(@Payload() msg: Envelope) {
    return this.stocktakes.count(requireActor(msg, 'stocktake.manage'), idOf(msg), await parsePayload(StocktakeCountsDto, changesOf(msg)));
  }

  @MessagePattern(Patterns.pharmacy.confirmStocktake)
  confirm(@Payload() msg: Envelope) {
    return this.stocktakes.confirm(requireActor(msg, 'stocktake.manage'), idOf(msg));
  }

  @MessagePattern(Patterns.pharmacy.cancelStocktake)
  cancel(@Payload() msg: Envelope) {
    return this.stocktakes.cancel(requireActor(msg, 'stocktake.manage'), idOf(msg));
  }
}
