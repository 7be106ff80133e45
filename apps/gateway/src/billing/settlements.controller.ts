import { Body, Controller, Get, Headers, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import {
  CloseDayDto,
  ListSettlementsQuery,
  Patterns,
  ReversePaymentDto,
  SettlementDateParam,
  type Actor,
  type DailySettlementReply,
  type Page,
  type PaymentReversalReply,
} from '@clinic/contracts';
import { ServiceClient } from '@clinic/platform';
import { Can, CurrentActor } from '../auth/auth.decorators';

/** The cashier's daily close (日结) and corrections (冲正) of desk payments. */
@ApiTags('billing')
@ApiBearerAuth()
@Controller()
export class SettlementsController {
  constructor(private readonly services: ServiceClient) {}

  /** An open day: live totals by method and the cash the drawer should hold. A closed day: its settlement. */
  @Can('settlements.read')
  @Get('settlements/daily/:date')
  preview(@CurrentActor() actor: Actor, @Param() params: SettlementDateParam): Promise<DailySettlementReply> {
    return this.services.send('billing', Patterns.billing.previewDay, { date: params.date }, actor);
  }

  /** Closes the day: totals from the journal, counted cash against expected; 409 SETTLEMENT.DAY_CLOSED / SETTLEMENT.DAY_NOT_STARTED. */
  @Can('settlements.close')
  @Post('settlements/daily')
  close(@CurrentActor() actor: Actor, @Body() dto: CloseDayDto): Promise<DailySettlementReply> {
    return this.services.send('billing', Patterns.billing.closeDay, dto, actor);
  }

  @Can('settlements.read')
  @Get('settlements')
  list(@CurrentActor() actor: Actor, @Query() query: ListSettlementsQuery): Promise<Page<DailySettlementReply>> {
    return this.services.send('billing', Patterns.billing.listSettlements, query, actor);
  }

  /** Takes a cash or card payment back off its bill, booked to an open day. The same Idempotency-Key twice reverses once. */
  @Can('payments.reverse')
  @Post('payments/:id/reversals')
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: '8-64 printable characters, one per reversal' })
  reverse(@CurrentActor() actor: Actor, @Param('id') id: string, @Headers('idempotency-key') key: string | undefined, @Body() changes: ReversePaymentDto): Promise<PaymentReversalReply> {
    return this.services.send('billing', Patterns.billing.reversePayment, { id, key, changes }, actor);
  }
}
