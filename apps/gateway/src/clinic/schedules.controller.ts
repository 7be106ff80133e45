import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  CallNextDto,
  CancelAppointmentDto,
  CancelScheduleDto,
  CheckInDto,
  CreateAppointmentDto,
  CreateScheduleDto,
  CreateTemplateDto,
  GenerateShiftsDto,
  ListAppointmentsQuery,
  ListSchedulesQuery,
  ListTemplatesQuery,
  Patterns,
  QueueQuery,
  UpdateScheduleDto,
  WalkInDto,
  type Actor,
  type AppointmentReply,
  type CheckInCodeReply,
  type CheckInReply,
  type GenerateShiftsReply,
  type IdReply,
  type Page,
  type QueueEntryReply,
  type QueuePositionReply,
  type QueueReply,
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

  @Can('appointments.checkIn')
  @Post('appointments/:id/check-in')
  @HttpCode(200)
  checkIn(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() changes: CheckInDto): Promise<CheckInReply> {
    return this.services.send('patient', Patterns.patient.checkIn, { id, changes }, actor);
  }

  @Can('appointments.position')
  @Get('appointments/:id/queue')
  position(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<QueuePositionReply> {
    return this.services.send('patient', Patterns.patient.queuePosition, { id }, actor);
  }

  @Can('queue.walkIn')
  @Post('queue/walk-in')
  walkIn(@CurrentActor() actor: Actor, @Body() dto: WalkInDto): Promise<CheckInReply> {
    return this.services.send('patient', Patterns.patient.walkIn, dto, actor);
  }

  @Can('queue.read')
  @Get('queue')
  queue(@CurrentActor() actor: Actor, @Query() query: QueueQuery): Promise<QueueReply> {
    return this.services.send('patient', Patterns.patient.queue, query, actor);
  }

  /** For the waiting-room screen: names masked (张*三). */
  @Can('queue.display')
  @Get('queue/display')
  display(@CurrentActor() actor: Actor, @Query() query: QueueQuery): Promise<QueueReply> {
    return this.services.send('patient', Patterns.patient.queueDisplay, query, actor);
  }

  @Can('queue.checkInCode')
  @Get('queue/check-in-code')
  checkInCode(@CurrentActor() actor: Actor): Promise<CheckInCodeReply> {
    return this.services.send('patient', Patterns.patient.checkInCode, {}, actor);
  }

  @Can('queue.call')
  @Post('queue/call-next')
  @HttpCode(200)
  callNext(@CurrentActor() actor: Actor, @Body() dto: CallNextDto): Promise<QueueEntryReply> {
    return this.services.send('patient', Patterns.patient.callNext, dto, actor);
  }

  @Can('queue.call')
  @Post('appointments/:id/skip')
  @HttpCode(200)
  skip(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<QueueEntryReply> {
    return this.services.send('patient', Patterns.patient.queueAction, { id, action: 'skip' }, actor);
  }

  @Can('queue.call')
  @Post('appointments/:id/recall')
  @HttpCode(200)
  recall(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<QueueEntryReply> {
    return this.services.send('patient', Patterns.patient.queueAction, { id, action: 'recall' }, actor);
  }

  @Can('queue.call')
  @Post('appointments/:id/complete')
  @HttpCode(200)
  complete(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<QueueEntryReply> {
    return this.services.send('patient', Patterns.patient.queueAction, { id, action: 'complete' }, actor);
  }

  /** Development only, until billing exists: pays a pending registration fee (404 in production). */
  @Can('appointments.devPay')
  @Post('appointments/:id/dev-pay')
  @HttpCode(200)
  devPay(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<AppointmentReply> {
    return this.services.send('patient', Patterns.patient.devPay, { id }, actor);
  }
}
