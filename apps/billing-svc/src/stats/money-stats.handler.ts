import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Patterns, StatsPeriodQuery, type Envelope } from '@clinic/contracts';
import { parsePayload, requireActor } from '@clinic/platform';
import { MoneyStatsService } from './money-stats.service';

@Controller()
export class MoneyStatsHandler {
  constructor(private readonly stats: MoneyStatsService) {}

  @MessagePattern(Patterns.billing.stats)
  async money(@Payload() msg: Envelope) {
    return this.stats.stats(requireActor(msg, 'stats.read'), await parsePayload(StatsPeriodQuery, msg.data));
  }
}
