import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Patterns, RevenueExportQuery, RevenueQuery, type Envelope, type FileReply } from '@clinic/contracts';
import { DomainError, parsePayload, requireActor } from '@clinic/platform';
import { revenueFile } from './revenue-export';
import { RevenueService } from './revenue.service';

const MAX_LABELS = 5000;

/** Names for keys billing does not know (doctors): an object of short strings, or nothing. */
function labelsOf(value: unknown): Map<string, string> {
  if (value === undefined || value === null) return new Map();
  const bad = () => new DomainError('VALIDATION.FAILED', 'Invalid fields: labels', [{ field: 'labels', errors: ['labels must map ids to names of at most 100 characters'] }]);
  if (typeof value !== 'object' || Array.isArray(value)) throw bad();
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > MAX_LABELS || entries.some(([k, v]) => k.length > 64 || typeof v !== 'string' || v.length > 100)) throw bad();
  return new Map(entries as [string, string][]);
}

@Controller()
export class ReportsHandler {
  constructor(private readonly revenue: RevenueService) {}

  @MessagePattern(Patterns.billing.revenue)
  async report(@Payload() msg: Envelope) {
    return this.revenue.revenue(requireActor(msg, 'reports.revenue'), await parsePayload(RevenueQuery, msg.data));
  }

  /** The report as an .xlsx or .csv file, base64 over the wire; the gateway sends the bytes. */
  @MessagePattern(Patterns.billing.revenueExport)
  async export(@Payload() msg: Envelope<{ query?: unknown; labels?: unknown }>): Promise<FileReply> {
    const actor = requireActor(msg, 'reports.revenue');
    const query = await parsePayload(RevenueExportQuery, msg.data?.query);
    const labels = labelsOf(msg.data?.labels);
    const report = await this.revenue.revenue(actor, query);
    report.rows = report.rows.map((r) => (r.key !== null && labels.has(r.key) ? { ...r, label: labels.get(r.key)! } : r));
    return revenueFile(report, query.format);
  }
}
