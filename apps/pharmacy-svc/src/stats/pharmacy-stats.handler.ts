import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Patterns, PharmacyStatsQuery, type Envelope } from '@clinic/contracts';
import { parsePayload, requireActor } from '@clinic/platform';
import { PharmacyStatsService } from './pharmacy-stats.service';

@Controller()
export class PharmacyStatsHandler {
  constructor(private readonly stats: PharmacyStatsService) {}

  @MessagePattern(Patterns.pharmacy.stats)
  async pharmacy(@Payload() msg: Envelope) {
    return this.stats.stats(requireActor(msg, 'stats.pharmacy'), await parsePayload(PharmacyStatsQuery, msg.data));
  }
}
