import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Patterns, RefreshDto, StaffLoginDto, type Envelope } from '@clinic/contracts';
import { parsePayload, requireActor } from '@clinic/platform';
import { AuthService } from './auth.service';

@Controller()
export class AuthHandler {
  constructor(private readonly auth: AuthService) {}

  @MessagePattern(Patterns.patient.staffLogin)
  async login(@Payload() msg: Envelope) {
    return this.auth.login(await parsePayload(StaffLoginDto, msg.data));
  }

  @MessagePattern(Patterns.patient.refresh)
  async refresh(@Payload() msg: Envelope) {
    return this.auth.refresh((await parsePayload(RefreshDto, msg.data)).refreshToken);
  }

  @MessagePattern(Patterns.patient.logout)
  async logout(@Payload() msg: Envelope) {
    await this.auth.logout((await parsePayload(RefreshDto, msg.data)).refreshToken);
    return {};
  }

  @MessagePattern(Patterns.patient.me)
  me(@Payload() msg: Envelope) {
    return this.auth.me(requireActor(msg, 'me.read'));
  }
}
