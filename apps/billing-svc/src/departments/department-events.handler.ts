import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Events, type DepartmentCreatedEvent, type EventEnvelope } from '@clinic/contracts';
import { Inbox } from '@clinic/platform';
import { DepartmentRef } from './department-ref.entity';

@Controller()
export class DepartmentEventsHandler {
  constructor(private readonly inbox: Inbox) {}

  @EventPattern(Events.departmentCreated)
  async departmentCreated(@Payload() event: EventEnvelope<DepartmentCreatedEvent>) {
    await this.inbox.handleOnce(event, Events.departmentCreated, async (m) => {
      const { departmentId, clinicId, name } = event.data;
      await m.upsert(DepartmentRef, { departmentId, clinicId, name }, ['departmentId']);
    });
  }
}
