import { randomUUID } from 'node:crypto';
import { ClientProxyFactory, Transport, type ClientProxy } from '@nestjs/microservices';
import { DEFAULT_CLINIC_ID, Events, Patterns, type Actor, type BillPaidEvent, type EventEnvelope, type ReservationReply } from '@clinic/contracts';
import { lastValueFrom } from 'rxjs';
import { eventually, queryService } from './db';
import { TEST_REDIS_URL } from './settings';
import type { RunningSystem } from './system';

export interface RxItem {
  drugId: string;
  quantity: number;
  dosage?: string;
  frequency?: string;
  route?: string;
  days?: number;
}

/**
 * Speaks to pharmacy over Redis as the other services do: the prescriptions service reserving stock when a doctor
 * signs, and billing announcing a paid bill. Neither sender exists yet, so the tests play them.
 */
export class PharmacyBus {
  private constructor(private readonly client: ClientProxy) {}

  /** Over Redis in the production topology; straight to pharmacy's loopback port in the embedded mode. */
  static async open(sys: RunningSystem): Promise<PharmacyBus> {
    const redis = new URL(TEST_REDIS_URL);
    const client =
      sys.mode === 'production'
        ? ClientProxyFactory.create({ transport: Transport.REDIS, options: { host: redis.hostname, port: Number(redis.port) } })
        : ClientProxyFactory.create({ transport: Transport.TCP, options: { host: '127.0.0.1', port: Number(sys.env.PHARMACY_SVC_PORT) } });
    await client.connect();
    return new PharmacyBus(client);
  }

  readonly doctor: Actor = { kind: 'staff', id: randomUUID(), roles: ['doctor'], clinicId: DEFAULT_CLINIC_ID };

  /** Resolves with the reply, or rejects with the error body ({code, message, details}). */
  send<R>(pattern: string, data: unknown, actor: Actor = this.doctor): Promise<R> {
    return lastValueFrom(this.client.send<R>(pattern, { meta: { requestId: randomUUID(), actor }, data }));
  }

  reserve(prescriptionId: string, items: RxItem[], opts: { patientName?: string; validUntil?: Date } = {}): Promise<ReservationReply> {
    return this.send(Patterns.pharmacy.reserve, {
      prescriptionId,
      patientId: randomUUID(),
      patientName: opts.patientName ?? '测试患者',
      doctorName: '测试医生',
      validUntil: (opts.validUntil ?? new Date(Date.now() + 86_400_000)).toISOString(),
      items,
    });
  }

  /** Billing's event: the bill holding these prescriptions is paid. */
  async paid(prescriptionIds: string[], eventId = randomUUID()): Promise<void> {
    const event: EventEnvelope<BillPaidEvent> = {
      meta: { requestId: randomUUID(), eventId, occurredAt: new Date().toISOString(), source: 'e2e' },
      data: { clinicId: DEFAULT_CLINIC_ID, billId: randomUUID(), patientId: randomUUID(), prescriptionIds, appointmentIds: [], paidAt: new Date().toISOString() },
    };
    await lastValueFrom(this.client.emit(Events.billPaid, event), { defaultValue: undefined });
  }

  close(): Promise<void> {
    return this.client.close() as Promise<void>;
  }
}

/** A prescription reserved and paid, waiting at the dispensing window (READY). Returns its id. */
export async function readyPrescription(sys: RunningSystem, items: RxItem[], patientName?: string): Promise<string> {
  const bus = await PharmacyBus.open(sys);
  try {
    const id = randomUUID();
    await bus.reserve(id, items, { patientName });
    await bus.paid([id]);
    await waitForStatus(sys, id, 'READY');
    return id;
  } finally {
    await bus.close();
  }
}

/** Waits until pharmacy holds the prescription in this status (events arrive asynchronously). */
export async function waitForStatus(sys: RunningSystem, prescriptionId: string, status: string): Promise<void> {
  const reached = await eventually(async () => (await queryService(sys, 'pharmacy', 'SELECT status FROM pharmacy_orders WHERE prescription_id = ?', [prescriptionId]))[0]?.status === status);
  if (!reached) throw new Error(`prescription ${prescriptionId} never became ${status}`);
}
