import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Patterns, StatsPeriodQuery, type Envelope } from '@clinic/contracts';
import { parsePayload, requireActor } from '@clinic/platform';
import { StatsService } from './stats.service';

@Controller()
export class StatsHandler {
  constructor(private readonly stats: StatsService) {}

  @MessagePattern(Patterns.patient.statsFlow)
  async flow(@Payload() msg: Envelope) {
    return this.stats.flow(requireActor(msg, 'stats.read'), await parsePayload(StatsPeriodQuery, msg.data));
  }

  @MessagePattern(Patterns.patient.statsClinical)
  async clinical(@Payload() msg: Envelope) {
    return this.stats.clinical(requireActor(msg, 'stats.read'), await parsePayload(StatsPeriodQuery, msg.data));
  }
}
