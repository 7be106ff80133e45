import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CreateStaffDto, ListDoctorsQuery, ListStaffQuery, Patterns, UpdateStaffDto, type Envelope } from '@clinic/contracts';
import { DomainError, idOf, parsePayload, requireActor } from '@clinic/platform';
import { StaffService } from './staff.service';

type WithId<T = object> = Envelope<T & { id?: unknown }>;

@Controller()
export class StaffHandler {
  constructor(private readonly staff: StaffService) {}

  @MessagePattern(Patterns.patient.createStaff)
  async create(@Payload() msg: Envelope) {
    return this.staff.create(requireActor(msg, 'staff.create'), await parsePayload(CreateStaffDto, msg.data));
  }

  @MessagePattern(Patterns.patient.listStaff)
  async list(@Payload() msg: Envelope) {
    return this.staff.list(requireActor(msg, 'staff.list'), await parsePayload(ListStaffQuery, msg.data));
  }

  @MessagePattern(Patterns.patient.getStaff)
  get(@Payload() msg: WithId) {
    return this.staff.get(requireActor(msg, 'staff.read'), idOf(msg));
  }

  @MessagePattern(Patterns.patient.updateStaff)
  async update(@Payload() msg: WithId<{ changes?: unknown }>) {
    const actor = requireActor(msg, 'staff.update');
    return this.staff.update(actor, idOf(msg), await parsePayload(UpdateStaffDto, msg.data?.changes));
  }

  @MessagePattern(Patterns.patient.setStaffStatus)
  setStatus(@Payload() msg: WithId<{ status?: unknown }>) {
    const actor = requireActor(msg, 'staff.disable');
    const status = msg.data?.status;
    if (status !== 'ACTIVE' && status !== 'DISABLED') throw new DomainError('VALIDATION.FAILED', 'Invalid fields: status', [{ field: 'status', errors: ['status must be ACTIVE or DISABLED'] }]);
    return this.staff.setStatus(actor, idOf(msg), status);
  }

  @MessagePattern(Patterns.patient.listDoctors)
  async doctors(@Payload() msg: Envelope) {
    return this.staff.doctors(requireActor(msg, 'doctors.list'), await parsePayload(ListDoctorsQuery, msg.data));
  }
}
