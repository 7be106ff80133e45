import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { AuditQuery, Patterns, type Envelope } from '@clinic/contracts';
import { parsePayload, requireActor } from '@clinic/platform';
import { AuditService } from './audit.service';

@Controller()
export class AuditHandler {
  constructor(private readonly audit: AuditService) {}

  @MessagePattern(Patterns.patient.listAudit)
  async list(@Payload() msg: Envelope) {
    return this.audit.list(requireActor(msg, 'audit.list'), await parsePayload(AuditQuery, msg.data));
  }
}
