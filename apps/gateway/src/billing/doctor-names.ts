import { Injectable } from '@nestjs/common';
import { Patterns, type Actor, type DoctorReply } from '@clinic/contracts';
import { JsonLogger, ServiceClient } from '@clinic/platform';

/**
 * Names of the clinic's doctors by id, for figures billing keeps by doctor id. patient-svc lists active doctors
 * only, so a disabled doctor stays an id; a lookup that fails leaves every doctor as an id rather than failing.
 */
@Injectable()
export class DoctorNames {
  constructor(
    private readonly services: ServiceClient,
    private readonly logger: JsonLogger,
  ) {}

  async of(actor: Actor): Promise<Record<string, string>> {
    try {
      const doctors = await this.services.send<DoctorReply[]>('patient', Patterns.patient.listDoctors, {}, actor);
      return Object.fromEntries(doctors.map((d) => [d.id, d.name]));
    } catch (err) {
      this.logger.event('warn', 'Reports', 'doctor names unavailable; the report shows doctor ids', { error: (err as Error)?.message });
      return {};
    }
  }
}
