import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CreateStockInDto, PageQuery, Patterns, type Envelope } from '@clinic/contracts';
import { idOf, parsePayload, requireActor } from '@clinic/platform';
import { StockInService } from './stock-in.service';

@Controller()
export class StockInHandler {
  constructor(private readonly stockIns: StockInService) {}

  @MessagePattern(Patterns.pharmacy.createStockIn)
  async create(@Payload() msg: Envelope) {
    return this.stockIns.receive(requireActor(msg, 'stock.in'), await parsePayload(CreateStockInDto, msg.data));
  }

  @MessagePattern(Patterns.pharmacy.listStockIns)
  async list(@Payload() msg: Envelope) {
    return this.stockIns.list(requireActor(msg, 'stock.in'), await parsePayload(PageQuery, msg.data));
  }

  @MessagePattern(Patterns.pharmacy.getStockIn)
  get(@Payload() msg: Envelope) {
    return this.stockIns.get(requireActor(msg, 'stock.in'), idOf(msg));
  }
}
