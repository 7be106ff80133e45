import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CreatePatientDto, Patterns, SearchQuery, STAFF_ROLES, type Envelope } from '@clinic/contracts';
import { parsePayload, requireActor } from '@clinic/platform';
import { PatientsService } from './patients.service';

@Controller()
export class PatientsHandler {
  constructor(private readonly patients: PatientsService) {}

  @MessagePattern(Patterns.patient.createPatient)
  async create(@Payload() msg: Envelope) {
    return this.patients.create(requireActor(msg, 'admin'), await parsePayload(CreatePatientDto, msg.data));
  }

  @MessagePattern(Patterns.patient.listPatients)
  async list(@Payload() msg: Envelope) {
    return this.patients.search(requireActor(msg, ...STAFF_ROLES), await parsePayload(SearchQuery, msg.data));
  }

  @MessagePattern(Patterns.patient.getPatient)
  async get(@Payload() msg: Envelope<{ id: string }>) {
    return this.patients.get(requireActor(msg, ...STAFF_ROLES), String(msg.data?.id ?? ''));
  }
}
