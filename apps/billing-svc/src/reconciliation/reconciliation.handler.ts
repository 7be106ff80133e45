import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ImportWechatBillDto, ListReconciliationsQuery, Patterns, type Envelope } from '@clinic/contracts';
import { idOf, parsePayload, requireActor } from '@clinic/platform';
import { ReconciliationService } from './reconciliation.service';

@Controller()
export class ReconciliationHandler {
  constructor(private readonly reconciliations: ReconciliationService) {}

  @MessagePattern(Patterns.billing.importWechatBill)
  async importWechat(@Payload() msg: Envelope) {
    return this.reconciliations.importWechat(requireActor(msg, 'reconciliation.manage'), await parsePayload(ImportWechatBillDto, msg.data));
  }

  @MessagePattern(Patterns.billing.listReconciliations)
  async list(@Payload() msg: Envelope) {
    return this.reconciliations.list(requireActor(msg, 'reconciliation.manage'), await parsePayload(ListReconciliationsQuery, msg.data ?? {}));
  }

  @MessagePattern(Patterns.billing.getReconciliation)
  get(@Payload() msg: Envelope) {
    return this.reconciliations.get(requireActor(msg, 'reconciliation.manage'), idOf(msg));
  }
}
