import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CreatePatientDto, Patterns, SearchQuery, STAFF_ROLES, type Actor, type CreatePatientReply, type Page, type PatientReply } from '@clinic/contracts';
import { ServiceClient } from '@clinic/platform';
import { CurrentActor, Roles } from '../auth/auth.decorators';

@ApiTags('patients')
@ApiBearerAuth()
@Controller('patients')
export class PatientsController {
  constructor(private readonly services: ServiceClient) {}

  @Roles('admin')
  @Post()
  create(@CurrentActor() actor: Actor, @Body() dto: CreatePatientDto): Promise<CreatePatientReply> {
    return this.services.send('patient', Patterns.patient.createPatient, dto, actor);
  }

  @Roles(...STAFF_ROLES)
  @Get()
  search(@CurrentActor() actor: Actor, @Query() query: SearchQuery): Promise<Page<PatientReply>> {
    return this.services.send('patient', Patterns.patient.listPatients, query, actor);
  }

  @Roles(...STAFF_ROLES)
  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<PatientReply> {
    return this.services.send('patient', Patterns.patient.getPatient, { id }, actor);
  }
}
