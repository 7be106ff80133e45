import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CreateDrugDto, Patterns, SearchQuery, type Actor, type DrugReply, type IdReply, type Page } from '@clinic/contracts';
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

  @Can('drugs.list')
  @Get()
  search(@CurrentActor() actor: Actor, @Query() query: SearchQuery): Promise<Page<DrugReply>> {
    return this.services.send('pharmacy', Patterns.pharmacy.listDrugs, query, actor);
  }
}
