import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
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
  type Envelope,
} from '@clinic/contracts';
import { idOf, parsePayload, requireActor } from '@clinic/platform';
import { AppointmentsService } from './appointments.service';
import { SchedulesService } from './schedules.service';

type WithBody = Envelope<{ id?: unknown; changes?: unknown }>;

@Controller()
export class SchedulingHandler {
  constructor(
    private readonly schedules: SchedulesService,
    private readonly appointments: AppointmentsService,
  ) {}

  @MessagePattern(Patterns.patient.createSchedule)
  async createSchedule(@Payload() msg: Envelope) {
    return this.schedules.create(requireActor(msg, 'schedules.manage'), await parsePayload(CreateScheduleDto, msg.data));
  }

  @MessagePattern(Patterns.patient.listSchedules)
  async listSchedules(@Payload() msg: Envelope) {
    return this.schedules.list(requireActor(msg, 'schedules.list'), await parsePayload(ListSchedulesQuery, msg.data));
  }

  @MessagePattern(Patterns.patient.updateSchedule)
  async updateSchedule(@Payload() msg: WithBody) {
    const actor = requireActor(msg, 'schedules.manage');
    return this.schedules.update(actor, idOf(msg), await parsePayload(UpdateScheduleDto, msg.data?.changes));
  }

  @MessagePattern(Patterns.patient.cancelSchedule)
  async cancelSchedule(@Payload() msg: WithBody) {
    const actor = requireActor(msg, 'schedules.manage');
    return this.schedules.cancel(actor, idOf(msg), (await parsePayload(CancelScheduleDto, msg.data?.changes)).reason);
  }

  @MessagePattern(Patterns.patient.createTemplate)
  async createTemplate(@Payload() msg: Envelope) {
    return this.schedules.createTemplate(requireActor(msg, 'schedules.manage'), await parsePayload(CreateTemplateDto, msg.data));
  }

  @MessagePattern(Patterns.patient.listTemplates)
  async listTemplates(@Payload() msg: Envelope) {
    return this.schedules.listTemplates(requireActor(msg, 'schedules.manage'), (await parsePayload(ListTemplatesQuery, msg.data)).doctorId);
  }

  @MessagePattern(Patterns.patient.generateShifts)
  async generate(@Payload() msg: Envelope) {
    const dto = await parsePayload(GenerateShiftsDto, msg.data);
    return this.schedules.generate(requireActor(msg, 'schedules.manage'), dto.weeks, dto.doctorId);
  }

  @MessagePattern(Patterns.patient.createAppointment)
  async book(@Payload() msg: Envelope) {
    return this.appointments.book(requireActor(msg, 'appointments.create'), msg.meta, await parsePayload(CreateAppointmentDto, msg.data));
  }

  @MessagePattern(Patterns.patient.listAppointments)
  async listAppointments(@Payload() msg: Envelope) {
    return this.appointments.list(requireActor(msg, 'appointments.list'), await parsePayload(ListAppointmentsQuery, msg.data));
  }

  @MessagePattern(Patterns.patient.cancelAppointment)
  async cancelAppointment(@Payload() msg: WithBody) {
    const actor = requireActor(msg, 'appointments.cancel');
    return this.appointments.cancel(actor, idOf(msg), (await parsePayload(CancelAppointmentDto, msg.data?.changes ?? {})).reason);
  }
}
