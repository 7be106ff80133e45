import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CreateDrugDto, Patterns, SearchQuery, type Envelope } from '@clinic/contracts';
import { parsePayload, requireActor } from '@clinic/platform';
import { DrugsService } from './drugs.service';

@Controller()
export class DrugsHandler {
  constructor(private readonly drugs: DrugsService) {}

  @MessagePattern(Patterns.pharmacy.createDrug)
  async create(@Payload() msg: Envelope) {
    return this.drugs.create(requireActor(msg, 'drugs.create'), await parsePayload(CreateDrugDto, msg.data));
  }

  @MessagePattern(Patterns.pharmacy.listDrugs)
  async list(@Payload() msg: Envelope) {
    return this.drugs.search(requireActor(msg, 'drugs.list'), await parsePayload(SearchQuery, msg.data));
  }
}
