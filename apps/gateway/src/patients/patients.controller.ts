import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  CreatePatientDto,
  LinkPatientDto,
  Patterns,
  SearchQuery,
  UpdatePatientDto,
  type Actor,
  type CreatePatientReply,
  type Page,
  type PatientReply,
} from '@clinic/contracts';
import { ServiceClient } from '@clinic/platform';
import { Can, CurrentActor } from '../auth/auth.decorators';

@ApiTags('patients')
@ApiBearerAuth()
@Controller('patients')
export class PatientsController {
  constructor(private readonly services: ServiceClient) {}

  @Can('patients.create')
  @Post()
  create(@CurrentActor() actor: Actor, @Body() dto: CreatePatientDto): Promise<CreatePatientReply> {
    return this.services.send('patient', Patterns.patient.createPatient, dto, actor);
  }

  @Can('patients.link')
  @Post('link')
  link(@CurrentActor() actor: Actor, @Body() dto: LinkPatientDto): Promise<CreatePatientReply> {
    return this.services.send('patient', Patterns.patient.linkPatient, dto, actor);
  }

  @Can('patients.list')
  @Get()
  search(@CurrentActor() actor: Actor, @Query() query: SearchQuery): Promise<Page<PatientReply>> {
    return this.services.send('patient', Patterns.patient.listPatients, query, actor);
  }

  @Can('patients.read')
  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<PatientReply> {
    return this.services.send('patient', Patterns.patient.getPatient, { id }, actor);
  }

  @Can('patients.update')
  @Patch(':id')
  update(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() changes: UpdatePatientDto): Promise<PatientReply> {
    return this.services.send('patient', Patterns.patient.updatePatient, { id, changes }, actor);
  }

  /** A patient account removes someone from its family; the clinic keeps the record. */
  @Can('patients.unlink')
  @Delete(':id')
  @HttpCode(204)
  async unlink(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<void> {
    await this.services.send('patient', Patterns.patient.unlinkPatient, { id }, actor);
  }
}
