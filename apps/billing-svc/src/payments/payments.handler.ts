import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Patterns, type Actor, type Envelope } from '@clinic/contracts';
import { idOf, requireActor } from '@clinic/platform';
import { patientIdsOf } from '../bills/bills.handler';
import { WechatPayments, type Payer } from './wechat-payments.service';

interface Scoped {
  id?: unknown;
  key?: unknown;
  /** Set by the gateway for a patient's account: the patients it may see. */
  patientIds?: unknown;
  payer?: Payer;
}


@Controller()
export class PaymentsHandler {
  constructor(private readonly wechat: WechatPayments) {}

  @MessagePattern(Patterns.billing.wechatPrepay)
  prepay(@Payload() msg: Envelope<Scoped>) {
    const payer: Payer = { openid: typeof msg.data?.payer?.openid === 'string' ? msg.data.payer.openid : null, patientIds: patientIdsOf(msg) };
    return this.wechat.prepay(requireActor(msg, 'payments.wechat'), msg.meta, idOf(msg), typeof msg.data?.key === 'string' ? msg.data.key : undefined, payer);
  }

  /** WeChat Pay's notification, passed on by the gateway with its signature headers and the exact body. */
  @MessagePattern(Patterns.billing.wechatNotify)
  notify(@Payload() msg: Envelope<{ headers?: Record<string, string | undefined>; body?: unknown }>) {
    return this.wechat.notify(msg.data?.headers ?? {}, typeof msg.data?.body === 'string' ? msg.data.body : '');
  }

  @MessagePattern(Patterns.billing.wechatDevComplete)
  devComplete(@Payload() msg: Envelope<Scoped>) {
    return this.wechat.devComplete(requireActor(msg, 'payments.wechat'), idOf(msg), patientIdsOf(msg));
  }

  /** A patient's account sees its own patients' payments; staff who read bills see any. */
  @MessagePattern(Patterns.billing.getPayment)
  get(@Payload() msg: Envelope<Scoped>) {
    const actor: Actor = requireActor(msg);
    if (actor.kind === 'account') return this.wechat.get(requireActor(msg, 'payments.wechat'), msg.meta, idOf(msg), patientIdsOf(msg));
    return this.wechat.get(requireActor(msg, 'bills.read'), msg.meta, idOf(msg));
  }

  @MessagePattern(Patterns.billing.closePayment)
  close(@Payload() msg: Envelope) {
    return this.wechat.close(requireActor(msg, 'payments.close'), msg.meta, idOf(msg));
  }
}
