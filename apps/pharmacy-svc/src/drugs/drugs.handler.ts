import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CreateDrugDto, DrugSearchQuery, Patterns, UpdateDrugDto, type Envelope } from '@clinic/contracts';
import { changesOf, idOf, parsePayload, requireActor } from '@clinic/platform';
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
    return this.drugs.search(requireActor(msg, 'drugs.list'), await parsePayload(DrugSearchQuery, msg.data));
  }

  @MessagePattern(Patterns.pharmacy.getDrug)
  get(@Payload() msg: Envelope) {
    return this.drugs.get(requireActor(msg, 'drugs.list'), idOf(msg));
  }

  @MessagePattern(Patterns.pharmacy.updateDrug)
  async update(@Payload() msg: Envelope) {
    return this.drugs.update(requireActor(msg, 'drugs.update'), idOf(msg), await parsePayload(UpdateDrugDto, changesOf(msg)));
  }

  @MessagePattern(Patterns.pharmacy.drugPrices)
  prices(@Payload() msg: Envelope) {
    return this.drugs.prices(requireActor(msg, 'drugs.list'), idOf(msg));
  }

  @MessagePattern(Patterns.pharmacy.drugStock)
  stock(@Payload() msg: Envelope) {
    return this.drugs.stock(requireActor(msg, 'stock.read'), idOf(msg));
  }
}
