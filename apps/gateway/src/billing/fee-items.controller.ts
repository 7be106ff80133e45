import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CreateFeeItemDto, ListFeeItemsQuery, Patterns, UpdateFeeItemDto, type Actor, type FeeItemPriceReply, type FeeItemReply, type IdReply } from '@clinic/contracts';
import { ServiceClient } from '@clinic/platform';
import { Can, CurrentActor } from '../auth/auth.decorators';

@ApiTags('billing')
@ApiBearerAuth()
@Controller('fee-items')
export class FeeItemsController {
  constructor(private readonly services: ServiceClient) {}

  @Can('feeItems.create')
  @Post()
  create(@CurrentActor() actor: Actor, @Body() dto: CreateFeeItemDto): Promise<IdReply> {
    return this.services.send('billing', Patterns.billing.createFeeItem, dto, actor);
  }

  /** Items on offer; `?all=1` adds the retired ones. */
  @Can('feeItems.list')
  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: ListFeeItemsQuery): Promise<FeeItemReply[]> {
    return this.services.send('billing', Patterns.billing.listFeeItems, query, actor);
  }

  /** A new price starts a new history row; bills keep the price they charged. `active: false` retires the item. */
  @Can('feeItems.update')
  @Patch(':id')
  update(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() changes: UpdateFeeItemDto): Promise<FeeItemReply> {
    return this.services.send('billing', Patterns.billing.updateFeeItem, { id, changes }, actor);
  }

  /** Every price the item had, newest first. */
  @Can('feeItems.list')
  @Get(':id/prices')
  prices(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<FeeItemPriceReply[]> {
    return this.services.send('billing', Patterns.billing.feeItemPrices, { id }, actor);
  }
}
