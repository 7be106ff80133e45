import { Controller, Get, Headers, HttpCode, Param, Post, Req } from '@nestjs/common';
import type { RawBodyRequest } from '@nestjs/common';
import { ApiBearerAuth, ApiExcludeEndpoint, ApiTags } from '@nestjs/swagger';
import { Patterns, type Actor, type PaymentReply } from '@clinic/contracts';
import { ServiceClient } from '@clinic/platform';
import type { FastifyRequest } from 'fastify';
import { Can, CurrentActor, Public } from '../auth/auth.decorators';

const SIGNATURE_HEADERS = ['wechatpay-timestamp', 'wechatpay-nonce', 'wechatpay-signature', 'wechatpay-serial'] as const;

@ApiTags('billing')
@ApiBearerAuth()
@Controller('payments')
export class PaymentsController {
  constructor(private readonly services: ServiceClient) {}

  /**
   * WeChat Pay's notification. The signature covers the exact bytes, so the raw body goes on as text. A 2xx with
   * no body tells WeChat Pay it was taken (a duplicate too); a refusal is a 4xx, and WeChat Pay tries again later.
   */
  @Public()
  @Post('wechat/notify')
  @HttpCode(204)
  @ApiExcludeEndpoint()
  async wechatNotify(@Req() req: RawBodyRequest<FastifyRequest>, @Headers() headers: Record<string, string | undefined>): Promise<void> {
    const signature = Object.fromEntries(SIGNATURE_HEADERS.map((h) => [h, headers[h]]));
    await this.services.send('billing', Patterns.billing.wechatNotify, { headers: signature, body: req.rawBody?.toString('utf8') ?? '' });
  }

  @Can('bills.read')
  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<PaymentReply> {
    return this.services.send('billing', Patterns.billing.getPayment, { id }, actor);
  }

  /** A WeChat payment that never finished: WeChat Pay is asked first, then the order is closed and its hold freed. */
  @Can('payments.close')
  @Post(':id/close')
  @HttpCode(200)
  close(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<PaymentReply> {
    return this.services.send('billing', Patterns.billing.closePayment, { id }, actor);
  }
}
