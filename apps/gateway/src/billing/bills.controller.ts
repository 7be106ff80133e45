import { Body, Controller, Get, Headers, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import { CreatePaymentDto, ListBillsQuery, Patterns, type Actor, type BillReply, type Page, type PaymentReply } from '@clinic/contracts';
import { ServiceClient } from '@clinic/platform';
import { Can, CurrentActor } from '../auth/auth.decorators';

@ApiTags('billing')
@ApiBearerAuth()
@Controller('bills')
export class BillsController {
  constructor(private readonly services: ServiceClient) {}

  @Can('bills.read')
  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: ListBillsQuery): Promise<Page<BillReply>> {
    return this.services.send('billing', Patterns.billing.listBills, query, actor);
  }

  @Can('bills.read')
  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<BillReply> {
    return this.services.send('billing', Patterns.billing.getBill, { id }, actor);
  }

  /** Cash (with the amount handed over and the change) or card at the desk. The same Idempotency-Key twice pays once. */
  @Can('payments.take')
  @Post(':id/payments')
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: '8-64 printable characters, one per payment attempt' })
  pay(@CurrentActor() actor: Actor, @Param('id') id: string, @Headers('idempotency-key') key: string | undefined, @Body() changes: CreatePaymentDto): Promise<PaymentReply> {
    return this.services.send('billing', Patterns.billing.pay, { id, key, changes }, actor);
  }
}
