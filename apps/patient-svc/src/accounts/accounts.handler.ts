import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Patterns, PrivacyConsentDto, WechatLoginDto, type Envelope } from '@clinic/contracts';
import { parsePayload, requireActor } from '@clinic/platform';
import { AccountsService } from './accounts.service';

@Controller()
export class AccountsHandler {
  constructor(private readonly accounts: AccountsService) {}

  @MessagePattern(Patterns.patient.wechatLogin)
  async wechatLogin(@Payload() msg: Envelope) {
    return this.accounts.wechatLogin((await parsePayload(WechatLoginDto, msg.data)).code);
  }

  @MessagePattern(Patterns.patient.privacyConsent)
  async consent(@Payload() msg: Envelope) {
    return this.accounts.consent(requireActor(msg, 'account.consent'), (await parsePayload(PrivacyConsentDto, msg.data)).version);
  }

  @MessagePattern(Patterns.patient.exportAccount)
  export(@Payload() msg: Envelope) {
    return this.accounts.export(requireActor(msg, 'account.export'), msg.meta);
  }

  @MessagePattern(Patterns.patient.accountPayer)
  payer(@Payload() msg: Envelope) {
    return this.accounts.payer(requireActor(msg, 'bills.mine'));
  }

  @MessagePattern(Patterns.patient.closeAccount)
  async close(@Payload() msg: Envelope) {
    await this.accounts.close(requireActor(msg, 'account.close'), msg.meta);
    return {};
  }
}
