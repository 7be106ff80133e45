import { Controller, Get, Header, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  ListBillsQuery,
  Patterns,
  type AccountPayerReply,
  type Actor,
  type BillReply,
  type Page,
  type PatientReply,
  type PaymentReply,
  type ReceiptPdfReply,
  type ReceiptRequest,
  type WechatPrepayReply,
} from '@clinic/contracts';
import { ServiceClient } from '@clinic/platform';
import { Can, CurrentActor } from '../auth/auth.decorators';

/**
 * A patient's account and its bills. Billing knows no accounts: patient-svc names the account's patients (and its
 * openid, the payer of a WeChat order) and billing answers only for them, 404 for anyone else's.
 */
@ApiTags('billing')
@ApiBearerAuth()
@Controller('me')
export class MyBillsController {
  constructor(private readonly services: ServiceClient) {}

  @Can('bills.mine')
  @Get('bills')
  async list(@CurrentActor() actor: Actor, @Query() query: ListBillsQuery): Promise<Page<BillReply>> {
    const { patientIds } = await this.payer(actor);
    return this.services.send('billing', Patterns.billing.listMyBills, { query, patientIds }, actor);
  }

  @Can('bills.mine')
  @Get('bills/:id')
  async get(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<BillReply> {
    const { patientIds } = await this.payer(actor);
    return this.services.send('billing', Patterns.billing.getBill, { id, patientIds }, actor);
  }

  /** Opens a WeChat Pay order for what is due and answers wx.requestPayment's signed parameters. */
  @Can('payments.wechat')
  @Post('bills/:id/wechat-pay')
  @HttpCode(200)
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: '8-64 printable characters, one per payment attempt' })
  async wechatPay(@CurrentActor() actor: Actor, @Param('id') id: string, @Headers('idempotency-key') key: string | undefined): Promise<WechatPrepayReply> {
    const payer = await this.payer(actor);
    return this.services.send('billing', Patterns.billing.wechatPrepay, { id, key, payer: { openid: payer.openid }, patientIds: payer.patientIds }, actor);
  }

  /** The page waiting after requestPayment polls this; a pending payment is asked about at WeChat Pay. */
  @Can('payments.wechat')
  @Get('payments/:id')
  async payment(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<PaymentReply> {
    const { patientIds } = await this.payer(actor);
    return this.services.send('billing', Patterns.billing.getPayment, { id, patientIds }, actor);
  }

  /** Development payment adapter only (no merchant configured; never in production): 404 otherwise. */
  @Can('payments.wechat')
  @Post('payments/:id/dev-complete')
  @HttpCode(200)
  async devComplete(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<PaymentReply> {
    const { patientIds } = await this.payer(actor);
    return this.services.send('billing', Patterns.billing.wechatDevComplete, { id, patientIds }, actor);
  }

  /** The receipt of one of the account's own bills, as the desk prints it. */
  @Can('bills.mine')
  @Get('bills/:id/receipt.pdf')
  @Header('Content-Type', 'application/pdf')
  @Header('Cache-Control', 'no-store')
  @ApiProduces('application/pdf')
  async receipt(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<Buffer> {
    const { patientIds } = await this.payer(actor);
    const bill = await this.services.send<BillReply>('billing', Patterns.billing.getBill, { id, patientIds }, actor);
    const patient = await this.services.send<PatientReply>('patient', Patterns.patient.getPatient, { id: bill.patientId }, actor);
    const request: ReceiptRequest = { id, patientName: patient.name, patientIds };
    const { pdfBase64 } = await this.services.send<ReceiptPdfReply>('billing', Patterns.billing.receipt, request, actor);
    return Buffer.from(pdfBase64, 'base64');
  }

  private payer(actor: Actor): Promise<AccountPayerReply> {
    return this.services.send('patient', Patterns.patient.accountPayer, {}, actor);
  }
}
