import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CreateDrugDto, DrugSearchQuery, Patterns, UpdateDrugDto, type Actor, type DrugPriceReply, type DrugReply, type IdReply, type Page, type StockReply } from '@clinic/contracts';
import { ServiceClient } from '@clinic/platform';
import { Can, CurrentActor } from '../auth/auth.decorators';

@ApiTags('pharmacy')
@ApiBearerAuth()
@Controller('drugs')
export class DrugsController {
  constructor(private readonly services: ServiceClient) {}

  @Can('drugs.create')
  @Post()
  create(@CurrentActor() actor: Actor, @Body() dto: CreateDrugDto): Promise<IdReply> {
    return this.services.send('pharmacy', Patterns.pharmacy.createDrug, dto, actor);
  }

  /** By name, generic name, pinyin initials (amxl → 阿莫西林) or barcode, with the units available now. */
  @Can('drugs.list')
  @Get()
  search(@CurrentActor() actor: Actor, @Query() query: DrugSearchQuery): Promise<Page<DrugReply>> {
    return this.services.send('pharmacy', Patterns.pharmacy.listDrugs, query, actor);
  }

  @Can('drugs.list')
  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<DrugReply> {
    return this.services.send('pharmacy', Patterns.pharmacy.getDrug, { id }, actor);
  }

  /** A new price starts a new history row; bills keep the price they charged. `active: false` retires the drug. */
  @Can('drugs.update')
  @Patch(':id')
  update(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() changes: UpdateDrugDto): Promise<DrugReply> {
    return this.services.send('pharmacy', Patterns.pharmacy.updateDrug, { id, changes }, actor);
  }

  @Can('drugs.list')
  @Get(':id/prices')
  prices(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<DrugPriceReply[]> {
    return this.services.send('pharmacy', Patterns.pharmacy.drugPrices, { id }, actor);
  }

  /** On hand, reserved, expired and available, with each batch. */
  @Can('stock.read')
  @Get(':id/stock')
  stock(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<StockReply> {
    return this.services.send('pharmacy', Patterns.pharmacy.drugStock, { id }, actor);
  }
}
