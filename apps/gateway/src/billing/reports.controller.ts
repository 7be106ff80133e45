import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Patterns, RevenueExportQuery, RevenueQuery, type Actor, type FileReply, type RevenueExportRequest, type RevenueReply } from '@clinic/contracts';
import { ServiceClient } from '@clinic/platform';
import type { FastifyReply } from 'fastify';
import { Can, CurrentActor } from '../auth/auth.decorators';
import { DoctorNames } from './doctor-names';

/** Financial reports. Billing knows doctors by id only; their names come from patient-svc here. */
@ApiTags('billing')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly services: ServiceClient,
    private readonly doctors: DoctorNames,
  ) {}

  /** Taken, refunded, reversed and net per clinic day, department, doctor, method, or category, with a total. */
  @Can('reports.revenue')
  @Get('revenue')
  async revenue(@CurrentActor() actor: Actor, @Query() query: RevenueQuery): Promise<RevenueReply> {
    const report = await this.services.send<RevenueReply>('billing', Patterns.billing.revenue, query, actor);
    if (query.groupBy !== 'doctor') return report;
    const names = await this.doctors.of(actor);
    return { ...report, rows: report.rows.map((r) => (r.key !== null && names[r.key] ? { ...r, label: names[r.key] } : r)) };
  }

  /** The same report as a download: .xlsx (numbers formatted 0.00) or .csv (UTF-8 with a BOM), amounts in yuan. */
  @Can('reports.revenue')
  @Get('revenue/export')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv')
  async export(@CurrentActor() actor: Actor, @Query() query: RevenueExportQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    const request: RevenueExportRequest = { query, labels: query.groupBy === 'doctor' ? await this.doctors.of(actor) : undefined };
    const file = await this.services.send<FileReply>('billing', Patterns.billing.revenueExport, request, actor);
    const ascii = `revenue-${query.groupBy}-${query.from}_${query.to}.${query.format}`;
    reply.header('Content-Type', file.contentType);
    reply.header('Content-Disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`);
    reply.header('Cache-Control', 'no-store');
    return Buffer.from(file.base64, 'base64');
  }
}
