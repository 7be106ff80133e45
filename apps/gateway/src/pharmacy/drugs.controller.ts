import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CreateDrugDto, Patterns, SearchQuery, STAFF_ROLES, type Actor, type DrugReply, type IdReply, type Page } from '@clinic/contracts';
import { ServiceClient } from '@clinic/platform';
import { CurrentActor, Roles } from '../auth/auth.decorators';

@ApiTags('pharmacy')
@ApiBearerAuth()
@Controller('drugs')
export class DrugsController {
  constructor(private readonly services: ServiceClient) {}

  @Roles('admin')
  @Post()
  create(@CurrentActor() actor: Actor, @Body() dto: CreateDrugDto): Promise<IdReply> {
    return this.services.send('pharmacy', Patterns.pharmacy.createDrug, dto, actor);
  }

  @Roles(...STAFF_ROLES)
  @Get()
  search(@CurrentActor() actor: Actor, @Query() query: SearchQuery): Promise<Page<DrugReply>> {
    return this.services.send('pharmacy', Patterns.pharmacy.listDrugs, query, actor);
  }
}
