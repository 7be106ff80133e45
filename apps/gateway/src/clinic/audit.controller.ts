import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuditQuery, Patterns, type Actor, type AuditEntryReply, type Page } from '@clinic/contracts';
import { ServiceClient } from '@clinic/platform';
import { Can, CurrentActor } from '../auth/auth.decorators';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit-logs')
export class AuditController {
  constructor(private readonly services: ServiceClient) {}

  @Can('audit.list')
  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: AuditQuery): Promise<Page<AuditEntryReply>> {
    return this.services.send('patient', Patterns.patient.listAudit, query, actor);
  }
}
