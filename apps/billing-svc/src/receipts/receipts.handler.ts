import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Patterns, ReceiptRequest, type Envelope, type ReceiptPdfReply } from '@clinic/contracts';
import { notFound, parsePayload, requireActor } from '@clinic/platform';
import { ReceiptsService } from './receipts.service';

@Controller()
export class ReceiptsHandler {
  constructor(private readonly receipts: ReceiptsService) {}

  /** The receipt as base64: the gateway sends it on as application/pdf. */
  @MessagePattern(Patterns.billing.receipt)
  async receipt(@Payload() msg: Envelope): Promise<ReceiptPdfReply> {
    const actor = requireActor(msg, 'bills.receipt');
    const req = await parsePayload(ReceiptRequest, msg.data);
    // A patient account reaches only the patients the gateway names for it; naming none reaches nothing.
    if (actor.kind === 'account' && !req.patientIds) throw notFound('Bill');
    return { pdfBase64: (await this.receipts.render(actor, req)).toString('base64') };
  }
}
