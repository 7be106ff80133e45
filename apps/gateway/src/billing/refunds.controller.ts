import { Body, Controller, Get, Headers, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CreateRefundDto, Patterns, type Actor, type RefundReply } from '@clinic/contracts';
import { ServiceClient } from '@clinic/platform';
import { Can, CurrentActor } from '../auth/auth.decorators';

@ApiTags('billing')
@ApiBearerAuth()
@Controller()
export class RefundsController {
  constructor(private readonly services: ServiceClient) {}

  /**
   * Per line (units) or in part (an amount of a service line), back the way it was paid. 409 REFUND.NOT_RETURNED
   * for dispensed drugs not yet returned at the window; the same Idempotency-Key resumes a refund, never repeats it.
   */
  @Can('refunds.create')
  @Post('bills/:id/refunds')
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: '8-64 printable characters, one per refund' })
  create(@CurrentActor() actor: Actor, @Param('id') id: string, @Headers('idempotency-key') key: string | undefined, @Body() changes: CreateRefundDto): Promise<RefundReply> {
    return this.services.send('billing', Patterns.billing.refund, { id, key, changes }, actor);
  }

  @Can('refunds.read')
  @Get('refunds')
  @ApiQuery({ name: 'billId', required: true })
  list(@CurrentActor() actor: Actor, @Query('billId') billId: string): Promise<RefundReply[]> {
    return this.services.send('billing', Patterns.billing.listRefunds, { billId }, actor);
  }
}
