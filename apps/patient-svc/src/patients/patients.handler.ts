import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CreatePatientDto, LinkPatientDto, Patterns, SearchQuery, UpdatePatientDto, type Envelope } from '@clinic/contracts';
import { idOf, parsePayload, requireActor } from '@clinic/platform';
import { PatientsService } from './patients.service';

type WithId<T = object> = Envelope<T & { id?: unknown }>;

@Controller()
export class PatientsHandler {
  constructor(private readonly patients: PatientsService) {}

  @MessagePattern(Patterns.patient.createPatient)
  async create(@Payload() msg: Envelope) {
    return this.patients.create(requireActor(msg, 'patients.create'), msg.meta, await parsePayload(CreatePatientDto, msg.data));
  }

  @MessagePattern(Patterns.patient.listPatients)
  async list(@Payload() msg: Envelope) {
    return this.patients.search(requireActor(msg, 'patients.list'), msg.meta, await parsePayload(SearchQuery, msg.data));
  }

  @MessagePattern(Patterns.patient.getPatient)
  get(@Payload() msg: WithId) {
    return this.patients.get(requireActor(msg, 'patients.read'), msg.meta, idOf(msg));
  }

  @MessagePattern(Patterns.patient.updatePatient)
  async update(@Payload() msg: WithId<{ changes?: unknown }>) {
    const actor = requireActor(msg, 'patients.update');
    return this.patients.update(actor, msg.meta, idOf(msg), await parsePayload(UpdatePatientDto, msg.data?.changes));
  }

  @MessagePattern(Patterns.patient.linkPatient)
  async link(@Payload() msg: Envelope) {
    return this.patients.link(requireActor(msg, 'patients.link'), msg.meta, await parsePayload(LinkPatientDto, msg.data));
  }

  @MessagePattern(Patterns.patient.unlinkPatient)
  async unlink(@Payload() msg: WithId) {
    await this.patients.unlink(requireActor(msg, 'patients.unlink'), msg.meta, idOf(msg));
    return {};
  }
}
