import { Controller } from '@nestjs/common';
import { EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import {
  CreatePaymentDto,
  Events,
  ListBillsQuery,
  Patterns,
  type Actor,
  type AppointmentAwaitingPaymentEvent,
  type BillReply,
  type Page,
  type DrugReturnedEvent,
  type PrescriptionDispensedEvent,
  type Envelope,
  type EventEnvelope,
  type PrescriptionCancelledEvent,
  type PrescriptionSignedEvent,
} from '@clinic/contracts';
import { AuditTrail, changesOf, idOf, Inbox, parsePayload, requireActor } from '@clinic/platform';
import { InsurancePayments } from '../insurance/insurance-payments.service';
import { BillsService } from './bills.service';

/** The patients a gateway route scoped a patient's request to; none when it named none. */
export function patientIdsOf(msg: Envelope<{ patientIds?: unknown }>): string[] {
  return Array.isArray(msg.data?.patientIds) ? msg.data.patientIds.filter((p): p is string => typeof p === 'string') : [];
}

@Controller()
export class BillsHandler {
  constructor(
    private readonly bills: BillsService,
    private readonly insurance: InsurancePayments,
    private readonly inbox: Inbox,
    private readonly audit: AuditTrail,
  ) {}

  @MessagePattern(Patterns.billing.listBills)
  async list(@Payload() msg: Envelope) {
    const actor = requireActor(msg, 'bills.read');
    return this.read(msg, actor, await this.bills.list(actor, await parsePayload(ListBillsQuery, msg.data)));
  }

  @MessagePattern(Patterns.billing.getBill)
  async get(@Payload() msg: Envelope<{ patientIds?: string[] }>) {
    const mine = requireActor(msg).kind === 'account';
    const actor = requireActor(msg, mine ? 'bills.mine' : 'bills.read');
    const bill = await this.bills.get(actor, idOf(msg), mine ? patientIdsOf(msg) : undefined);
    await this.audit.record(actor, msg.meta, [{ action: 'BILL_READ', patientId: bill.patientId, outcome: 'OK' }]);
    return bill;
  }

  /** A patient's account: the bills of the patients on it, which the gateway names. */
  @MessagePattern(Patterns.billing.listMyBills)
  async listMine(@Payload() msg: Envelope<{ query?: unknown; patientIds?: string[] }>) {
    const actor = requireActor(msg, 'bills.mine');
    return this.read(msg, actor, await this.bills.list(actor, await parsePayload(ListBillsQuery, msg.data?.query ?? {}), patientIdsOf(msg)));
  }

  /** Reads of bills are audited once per patient whose bills were shown. */
  private async read(msg: Envelope, actor: Actor, page: Page<BillReply>): Promise<Page<BillReply>> {
    const patients = [...new Set(page.items.map((b) => b.patientId))];
    await this.audit.record(actor, msg.meta, patients.map((patientId) => ({ action: 'BILL_READ' as const, patientId, outcome: 'OK' as const })));
    return page;
  }

  @MessagePattern(Patterns.billing.pay)
  async pay(@Payload() msg: Envelope<{ id?: unknown; key?: unknown; changes?: unknown }>) {
    const key = typeof msg.data?.key === 'string' ? msg.data.key : undefined;
    const actor = requireActor(msg, 'payments.take');
    const dto = await parsePayload(CreatePaymentDto, changesOf(msg));
    return dto.method === 'INSURANCE' ? this.insurance.pay(actor, msg.meta, idOf(msg), key, dto) : this.bills.pay(actor, msg.meta, idOf(msg), key, dto);
  }

  /** A signed prescription's drug lines go on its encounter's bill, at the prices pharmacy reserved. */
  @EventPattern(Events.prescriptionSigned)
  async prescriptionSigned(@Payload() event: EventEnvelope<PrescriptionSignedEvent>) {
    await this.inbox.handleOnce(event, Events.prescriptionSigned, async (m) => {
      const e = event.data;
      await this.bills.addLines(
        m,
        { clinicId: e.clinicId, patientId: e.patientId, sourceType: 'ENCOUNTER', sourceId: e.encounterId, doctorId: e.doctorId, departmentId: e.departmentId },
        e.lines.map((l) => ({ kind: 'DRUG' as const, refId: e.prescriptionId, itemId: l.drugId, name: `${l.name} ${l.spec}`, unitPriceFen: l.unitPriceFen, quantity: l.quantity })),
      );
    });
  }

  @EventPattern(Events.prescriptionCancelled)
  async prescriptionCancelled(@Payload() event: EventEnvelope<PrescriptionCancelledEvent>) {
    await this.inbox.handleOnce(event, Events.prescriptionCancelled, (m) => this.bills.removeLines(m, event.data.clinicId, event.data.prescriptionId));
  }

  @EventPattern(Events.prescriptionDispensed)
  async dispensed(@Payload() event: EventEnvelope<PrescriptionDispensedEvent>) {
    await this.inbox.handleOnce(event, Events.prescriptionDispensed, (m) => this.bills.markDispensed(m, event.data));
  }

  @EventPattern(Events.drugReturned)
  async returned(@Payload() event: EventEnvelope<DrugReturnedEvent>) {
    await this.inbox.handleOnce(event, Events.drugReturned, (m) => this.bills.markReturned(m, event.data));
  }

  /** An online booking of a prepaid department: a bill for its registration fee. */
  @EventPattern(Events.appointmentAwaitingPayment)
  async awaitingPayment(@Payload() event: EventEnvelope<AppointmentAwaitingPaymentEvent>) {
    await this.inbox.handleOnce(event, Events.appointmentAwaitingPayment, async (m) => {
      const e = event.data;
      await this.bills.addLines(m, { clinicId: e.clinicId, patientId: e.patientId, sourceType: 'APPOINTMENT', sourceId: e.appointmentId, doctorId: e.doctorId ?? null, departmentId: e.departmentId ?? null }, [{ kind: 'REGISTRATION', refId: e.appointmentId, name: '挂号费', unitPriceFen: e.feeFen, quantity: 1 }]);
    });
  }
}
