import { Controller, Get, Header, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Patterns, type Actor, type BillReply, type PatientReply, type ReceiptPdfReply, type ReceiptRequest } from '@clinic/contracts';
import { DomainError, ServiceClient } from '@clinic/platform';
import { Can, CurrentActor } from '../auth/auth.decorators';

@ApiTags('billing')
@ApiBearerAuth()
@Controller('bills')
export class ReceiptsController {
  constructor(private readonly services: ServiceClient) {}

  /** The receipt (收费收据, A5) for the desk to print; 409 RECEIPT.NOTHING_PAID for a bill with nothing paid. */
  @Can('bills.receipt')
  @Get(':id/receipt.pdf')
  @Header('Content-Type', 'application/pdf')
  @Header('Cache-Control', 'no-store')
  @ApiProduces('application/pdf')
  async receipt(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<Buffer> {
    // The staff print: a patient account's own receipts go through its own route, which names its patients.
    if (actor.kind !== 'staff') throw new DomainError('NOT_FOUND', 'Bill not found');
    // Billing keeps no names: the bill says whose it is, and patient-svc gives the name to print.
    const bill = await this.services.send<BillReply>('billing', Patterns.billing.getBill, { id }, actor);
    const patient = await this.services.send<PatientReply>('patient', Patterns.patient.getPatient, { id: bill.patientId }, actor);
    const request: ReceiptRequest = { id, patientName: patient.name };
    const { pdfBase64 } = await this.services.send<ReceiptPdfReply>('billing', Patterns.billing.receipt, request, actor);
    return Buffer.from(pdfBase64, 'base64');
  }
}
