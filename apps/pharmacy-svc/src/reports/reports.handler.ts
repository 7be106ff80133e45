import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Patterns, PeriodQuery, type Envelope } from '@clinic/contracts';
import { parsePayload, requireActor } from '@clinic/platform';
import { AlertsService } from '../alerts/alerts.service';
import { ReportsService } from './reports.service';

@Controller()
export class ReportsHandler {
  constructor(
    private readonly reports: ReportsService,
    private readonly alerts: AlertsService,
  ) {}

  @MessagePattern(Patterns.pharmacy.alerts)
  alertList(@Payload() msg: Envelope) {
    return this.alerts.list(requireActor(msg, 'pharmacy.alerts').clinicId);
  }

  @MessagePattern(Patterns.pharmacy.reportValuation)
  valuation(@Payload() msg: Envelope) {
    return this.reports.valuation(requireActor(msg, 'pharmacy.reports'));
  }

  @MessagePattern(Patterns.pharmacy.reportMovements)
  async movements(@Payload() msg: Envelope) {
    return this.reports.movements(requireActor(msg, 'pharmacy.reports'), await parsePayload(PeriodQuery, msg.data));
  }

  @MessagePattern(Patterns.pharmacy.reportUsage)
  async usage(@Payload() msg: Envelope) {
    return this.reports.usage(requireActor(msg, 'pharmacy.reports'), await parsePayload(PeriodQuery, msg.data));
  }

  @MessagePattern(Patterns.pharmacy.reportDaysLeft)
  daysLeft(@Payload() msg: Envelope) {
    return this.reports.daysLeft(requireActor(msg, 'pharmacy.reports'));
  }
}
