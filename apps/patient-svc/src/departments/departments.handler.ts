import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CreateDepartmentDto, Patterns, type Envelope } from '@clinic/contracts';
import { parsePayload, requireActor } from '@clinic/platform';
import { DepartmentsService } from './departments.service';

@Controller()
export class DepartmentsHandler {
  constructor(private readonly departments: DepartmentsService) {}

  @MessagePattern(Patterns.patient.createDepartment)
  async create(@Payload() msg: Envelope) {
    return this.departments.create(requireActor(msg, 'departments.create'), await parsePayload(CreateDepartmentDto, msg.data));
  }

  @MessagePattern(Patterns.patient.listDepartments)
  list(@Payload() msg: Envelope) {
    return this.departments.list(requireActor(msg, 'departments.list'));
  }
}
