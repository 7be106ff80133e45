import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ImportWechatBillDto, ListReconciliationsQuery, Patterns, type Actor, type ImportWechatBillReply, type Page, type ReconciliationDetailReply, type ReconciliationReply } from '@clinic/contracts';
import { ServiceClient } from '@clinic/platform';
import { Can, CurrentActor } from '../auth/auth.decorators';

/** 对账: WeChat Pay's daily trade bill against what billing recorded. */
@ApiTags('billing')
@ApiBearerAuth()
@Controller('reconciliations')
export class ReconciliationsController {
  constructor(private readonly services: ServiceClient) {}

  /** The trade bill's text for a day; the same file again answers the earlier reconciliation. 400 RECONCILIATION.BAD_FILE names the line. */
  @Can('reconciliation.manage')
  @Post('wechat')
  importWechat(@CurrentActor() actor: Actor, @Body() dto: ImportWechatBillDto): Promise<ImportWechatBillReply> {
    return this.services.send('billing', Patterns.billing.importWechatBill, dto, actor);
  }

  @Can('reconciliation.manage')
  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: ListReconciliationsQuery): Promise<Page<ReconciliationReply>> {
    return this.services.send('billing', Patterns.billing.listReconciliations, query, actor);
  }

  @Can('reconciliation.manage')
  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<ReconciliationDetailReply> {
    return this.services.send('billing', Patterns.billing.getReconciliation, { id }, actor);
  }
}
