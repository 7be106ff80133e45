import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  CancelAppointmentDto,
  CancelScheduleDto,
  CreateAppointmentDto,
  CreateScheduleDto,
  CreateTemplateDto,
  GenerateShiftsDto,
  ListAppointmentsQuery,
  ListSchedulesQuery,
  ListTemplatesQuery,
  Patterns,
  UpdateScheduleDto,
  type Actor,
  type AppointmentReply,
  type GenerateShiftsReply,
  type IdReply,
  type Page,
  type ScheduleReply,
  type TemplateReply,
} from '@clinic/contracts';
import { ServiceClient } from '@clinic/platform';
import { Can, CurrentActor } from '../auth/auth.decorators';

@ApiTags('appointments')
@ApiBearerAuth()
@Controller()
export class SchedulesController {
  constructor(private readonly services: ServiceClient) {}

  @Can('schedules.manage')
  @Post('schedules')
  create(@CurrentActor() actor: Actor, @Body() dto: CreateScheduleDto): Promise<IdReply> {
    return this.services.send('patient', Patterns.patient.createSchedule, dto, actor);
  }

  @Can('schedules.list')
  @Get('schedules')
  list(@CurrentActor() actor: Actor, @Query() query: ListSchedulesQuery): Promise<ScheduleReply[]> {
    return this.services.send('patient', Patterns.patient.listSchedules, query, actor);
  }

  @Can('schedules.manage')
  @Patch('schedules/:id')
  update(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() changes: UpdateScheduleDto): Promise<ScheduleReply> {
    return this.services.send('patient', Patterns.patient.updateSchedule, { id, changes }, actor);
  }

  /** Stops the shift (停诊): every booked patient is cancelled with the reason. */
  @Can('schedules.manage')
  @Post('schedules/:id/cancel')
  @HttpCode(200)
  cancel(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() changes: CancelScheduleDto): Promise<ScheduleReply> {
    return this.services.send('patient', Patterns.patient.cancelSchedule, { id, changes }, actor);
  }

  @Can('schedules.manage')
  @Post('schedule-templates')
  createTemplate(@CurrentActor() actor: Actor, @Body() dto: CreateTemplateDto): Promise<IdReply> {
    return this.services.send('patient', Patterns.patient.createTemplate, dto, actor);
  }

  @Can('schedules.manage')
  @Get('schedule-templates')
  listTemplates(@CurrentActor() actor: Actor, @Query() query: ListTemplatesQuery): Promise<TemplateReply[]> {
    return this.services.send('patient', Patterns.patient.listTemplates, query, actor);
  }

  @Can('schedules.manage')
  @Post('schedule-templates/generate')
  @HttpCode(200)
  generate(@CurrentActor() actor: Actor, @Body() dto: GenerateShiftsDto): Promise<GenerateShiftsReply> {
    return this.services.send('patient', Patterns.patient.generateShifts, dto, actor);
  }

  @Can('appointments.create')
  @Post('appointments')
  book(@CurrentActor() actor: Actor, @Body() dto: CreateAppointmentDto): Promise<AppointmentReply> {
    return this.services.send('patient', Patterns.patient.createAppointment, dto, actor);
  }

  @Can('appointments.list')
  @Get('appointments')
  listAppointments(@CurrentActor() actor: Actor, @Query() query: ListAppointmentsQuery): Promise<Page<AppointmentReply>> {
    return this.services.send('patient', Patterns.patient.listAppointments, query, actor);
  }

  @Can('appointments.cancel')
  @Post('appointments/:id/cancel')
  @HttpCode(200)
  cancelAppointment(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() changes: CancelAppointmentDto): Promise<AppointmentReply> {
    return this.services.send('patient', Patterns.patient.cancelAppointment, { id, changes }, actor);
  }
}
