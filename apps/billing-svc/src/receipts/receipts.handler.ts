import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Patterns, ReceiptRequest, type Envelope, type ReceiptPdfReply } from '@clinic/contracts';
import { AuditTrail, notFound, parsePayload, requireActor } from '@clinic/platform';
import { BillsService } from '../bills/bills.service';
import { ReceiptsService } from './receipts.service';

@Controller()
export class ReceiptsHandler {
  constructor(
    private readonly receipts: ReceiptsService,
    private readonly bills: BillsService,
    private readonly audit: AuditTrail,
  ) {}

  /** The receipt as base64: the gateway sends it on as application/pdf. */
  @MessagePattern(Patterns.billing.receipt)
  async receipt(@Payload() msg: Envelope): Promise<ReceiptPdfReply> {
    const actor = requireActor(msg, 'bills.receipt');
    const req = await parsePayload(ReceiptRequest, msg.data);
    // A patient account reaches only the patients the gateway names for it; naming none reaches nothing.
    if (actor.kind === 'account' && !req.patientIds) throw notFound('Bill');
    const pdf = await this.receipts.render(actor, req);
    const bill = await this.bills.get(actor, req.id);
    await this.audit.record(actor, msg.meta, [{ action: 'RECEIPT_READ', patientId: bill.patientId, outcome: 'OK' }]);
    return { pdfBase64: pdf.toString('base64') };
  }
}
