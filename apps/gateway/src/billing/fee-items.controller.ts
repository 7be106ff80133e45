import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CreateFeeItemDto, Patterns, type Actor, type FeeItemReply, type IdReply } from '@clinic/contracts';
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

  @Can('feeItems.list')
  @Get()
  list(@CurrentActor() actor: Actor): Promise<FeeItemReply[]> {
    return this.services.send('billing', Patterns.billing.listFeeItems, {}, actor);
  }
}
