import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CreateStocktakeDto, PageQuery, Patterns, StocktakeCountsDto, type Actor, type Page, type StocktakeReply } from '@clinic/contracts';
import { ServiceClient } from '@clinic/platform';
import { Can, CurrentActor } from '../auth/auth.decorators';

/** 盘点: freeze, count (in parts, while dispensing goes on), review the variance, confirm. */
@ApiTags('pharmacy')
@ApiBearerAuth()
@Controller('stocktakes')
export class StocktakeController {
  constructor(private readonly services: ServiceClient) {}

  @Can('stocktake.manage')
  @Post()
  open(@CurrentActor() actor: Actor, @Body() dto: CreateStocktakeDto): Promise<StocktakeReply> {
    return this.services.send('pharmacy', Patterns.pharmacy.createStocktake, dto, actor);
  }

  @Can('stocktake.manage')
  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: PageQuery): Promise<Page<StocktakeReply>> {
    return this.services.send('pharmacy', Patterns.pharmacy.listStocktakes, query, actor);
  }

  @Can('stocktake.manage')
  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<StocktakeReply> {
    return this.services.send('pharmacy', Patterns.pharmacy.getStocktake, { id }, actor);
  }

  @Can('stocktake.manage')
  @Put(':id/counts')
  count(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() changes: StocktakeCountsDto): Promise<StocktakeReply> {
    return this.services.send('pharmacy', Patterns.pharmacy.countStocktake, { id, changes }, actor);
  }

  @Can('stocktake.manage')
  @Post(':id/confirm')
  @HttpCode(200)
  confirm(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<StocktakeReply> {
    return this.services.send('pharmacy', Patterns.pharmacy.confirmStocktake, { id }, actor);
  }

  @Can('stocktake.manage')
  @Post(':id/cancel')
  @HttpCode(200)
  cancel(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<StocktakeReply> {
    return this.services.send('pharmacy', Patterns.pharmacy.cancelStocktake, { id }, actor);
  }
}
