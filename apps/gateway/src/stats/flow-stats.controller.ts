import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Patterns, StatsExportQuery, StatsPeriodQuery, type Actor, type ClinicalStats, type FlowStats } from '@clinic/contracts';
import { ServiceClient, toXlsx, type TableFile } from '@clinic/platform';
import type { FastifyReply } from 'fastify';
import { Can, CurrentActor } from '../auth/auth.decorators';
import { clinicalSheet, flowSheet, XLSX_TYPE } from './stats-sheets';
import { STATS_TIMEOUT_MS } from './stats.controller';

/** The owner's patient-flow and clinical figures (issue 8), computed by patient-svc; periods are clinic days. */
@ApiTags('stats')
@ApiBearerAuth()
@Controller('stats')
export class FlowStatsController {
  constructor(private readonly services: ServiceClient) {}

  @Can('stats.read')
  @Get('flow')
  flow(@CurrentActor() actor: Actor, @Query() q: StatsPeriodQuery): Promise<FlowStats> {
    return this.services.send<FlowStats>('patient', Patterns.patient.statsFlow, { from: q.from, to: q.to }, actor, STATS_TIMEOUT_MS);
  }

  @Can('stats.read')
  @Get('clinical')
  clinical(@CurrentActor() actor: Actor, @Query() q: StatsPeriodQuery): Promise<ClinicalStats> {
    return this.services.send<ClinicalStats>('patient', Patterns.patient.statsClinical, { from: q.from, to: q.to }, actor, STATS_TIMEOUT_MS);
  }

  /** The same figures as an .xlsx sheet with Chinese headers; the workbook is written here from the reply. */
  @Can('stats.read')
  @Get('flow/export')
  @ApiProduces(XLSX_TYPE)
  async flowExport(@CurrentActor() actor: Actor, @Query() q: StatsExportQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    return send(reply, flowSheet(await this.flow(actor, q)), `stats-flow-${q.from}_${q.to}.xlsx`, `就诊流量统计_${q.from}_${q.to}.xlsx`);
  }

  @Can('stats.read')
  @Get('clinical/export')
  @ApiProduces(XLSX_TYPE)
  async clinicalExport(@CurrentActor() actor: Actor, @Query() q: StatsExportQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    return send(reply, clinicalSheet(await this.clinical(actor, q)), `stats-clinical-${q.from}_${q.to}.xlsx`, `诊疗统计_${q.from}_${q.to}.xlsx`);
  }
}

function send(reply: FastifyReply, table: TableFile, ascii: string, name: string): Buffer {
  reply.header('Content-Type', XLSX_TYPE);
  reply.header('Content-Disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`);
  reply.header('Cache-Control', 'no-store');
  return toXlsx(table);
}
