import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CreateDepartmentDto, Patterns, type Actor, type DepartmentReply, type IdReply } from '@clinic/contracts';
import { ServiceClient } from '@clinic/platform';
import { Can, CurrentActor } from '../auth/auth.decorators';

@ApiTags('clinic')
@ApiBearerAuth()
@Controller('departments')
export class DepartmentsController {
  constructor(private readonly services: ServiceClient) {}

  @Can('departments.create')
  @Post()
  create(@CurrentActor() actor: Actor, @Body() dto: CreateDepartmentDto): Promise<IdReply> {
    return this.services.send('patient', Patterns.patient.createDepartment, dto, actor);
  }

  @Can('departments.list')
  @Get()
  list(@CurrentActor() actor: Actor): Promise<DepartmentReply[]> {
    return this.services.send('patient', Patterns.patient.listDepartments, {}, actor);
  }
}
