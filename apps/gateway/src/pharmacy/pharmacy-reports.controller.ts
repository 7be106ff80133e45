import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Patterns, PeriodQuery, type Actor, type DaysLeftRow, type MovementRow, type PharmacyAlert, type StockValuationReply, type UsageRow } from '@clinic/contracts';
import { ServiceClient } from '@clinic/platform';
import { Can, CurrentActor } from '../auth/auth.decorators';

@ApiTags('pharmacy')
@ApiBearerAuth()
@Controller('pharmacy')
export class PharmacyReportsController {
  constructor(private readonly services: ServiceClient) {}

  @Can('pharmacy.alerts')
  @Get('alerts')
  alerts(@CurrentActor() actor: Actor): Promise<PharmacyAlert[]> {
    return this.services.send('pharmacy', Patterns.pharmacy.alerts, {}, actor);
  }

  @Can('pharmacy.reports')
  @Get('reports/valuation')
  valuation(@CurrentActor() actor: Actor): Promise<StockValuationReply> {
    return this.services.send('pharmacy', Patterns.pharmacy.reportValuation, {}, actor);
  }

  /** 进销存 for the clinic's days from..to. */
  @Can('pharmacy.reports')
  @Get('reports/movements')
  movements(@CurrentActor() actor: Actor, @Query() query: PeriodQuery): Promise<MovementRow[]> {
    return this.services.send('pharmacy', Patterns.pharmacy.reportMovements, query, actor);
  }

  @Can('pharmacy.reports')
  @Get('reports/usage')
  usage(@CurrentActor() actor: Actor, @Query() query: PeriodQuery): Promise<UsageRow[]> {
    return this.services.send('pharmacy', Patterns.pharmacy.reportUsage, query, actor);
  }

  @Can('pharmacy.reports')
  @Get('reports/days-left')
  daysLeft(@CurrentActor() actor: Actor): Promise<DaysLeftRow[]> {
    return this.services.send('pharmacy', Patterns.pharmacy.reportDaysLeft, {}, actor);
  }
}
