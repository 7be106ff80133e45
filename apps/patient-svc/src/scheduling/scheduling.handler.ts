import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
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
  type Envelope,
} from '@clinic/contracts';
import { InjectRepository } from '@nestjs/typeorm';
import { DomainError, idOf, parsePayload, requireActor } from '@clinic/platform';
import type { Repository } from 'typeorm';
import { AppointmentsService } from './appointments.service';
import { listNotifications } from './notifications';
import { QueueService } from './queue.service';
import { Notification } from './scheduling.entities';
import { SchedulesService } from './schedules.service';

type WithBody = Envelope<{ id?: unknown; changes?: unknown }>;

@Controller()
export class SchedulingHandler {
  constructor(
    private readonly schedules: SchedulesService,
    private readonly appointments: AppointmentsService,
    private readonly queue: QueueService,
    @InjectRepository(Notification) private readonly notifications: Repository<Notification>,
  ) {}

  @MessagePattern(Patterns.patient.listNotifications)
  listNotifications(@Payload() msg: Envelope) {
    return listNotifications(this.notifications, requireActor(msg, 'account.notifications'));
  }

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

  @MessagePattern(Patterns.patient.checkIn)
  async checkIn(@Payload() msg: WithBody) {
    const actor = requireActor(msg, 'appointments.checkIn');
    return this.queue.checkIn(actor, idOf(msg), (await parsePayload(CheckInDto, msg.data?.changes ?? {})).code);
  }

  @MessagePattern(Patterns.patient.queuePosition)
  position(@Payload() msg: WithBody) {
    return this.queue.position(requireActor(msg, 'appointments.position'), idOf(msg));
  }

  @MessagePattern(Patterns.patient.walkIn)
  async walkIn(@Payload() msg: Envelope) {
    return this.queue.walkIn(requireActor(msg, 'queue.walkIn'), msg.meta, await parsePayload(WalkInDto, msg.data));
  }

  @MessagePattern(Patterns.patient.queue)
  async getQueue(@Payload() msg: Envelope) {
    return this.queue.queue(requireActor(msg, 'queue.read'), await parsePayload(QueueQuery, msg.data), false);
  }

  @MessagePattern(Patterns.patient.queueDisplay)
  async display(@Payload() msg: Envelope) {
    return this.queue.queue(requireActor(msg, 'queue.display'), await parsePayload(QueueQuery, msg.data), true);
  }

  @MessagePattern(Patterns.patient.callNext)
  async callNext(@Payload() msg: Envelope) {
    const dto = await parsePayload(CallNextDto, msg.data);
    return this.queue.callNext(requireActor(msg, 'queue.call'), dto.doctorId, dto.scheduleId);
  }

  @MessagePattern(Patterns.patient.queueAction)
  act(@Payload() msg: Envelope<{ id?: unknown; action?: unknown }>) {
    const actor = requireActor(msg, 'queue.call');
    const action = msg.data?.action;
    if (action !== 'skip' && action !== 'recall' && action !== 'complete') {
      throw new DomainError('VALIDATION.FAILED', 'Invalid fields: action', [{ field: 'action', errors: ['action must be skip, recall or complete'] }]);
    }
    return this.queue.act(actor, idOf(msg), action);
  }

  @MessagePattern(Patterns.patient.devPay)
  devPay(@Payload() msg: Envelope) {
    return this.appointments.devPay(requireActor(msg, 'appointments.devPay'), idOf(msg));
  }

  @MessagePattern(Patterns.patient.checkInCode)
  checkInCode(@Payload() msg: Envelope) {
    return this.queue.checkInCode(requireActor(msg, 'queue.checkInCode'));
  }
}
