import { createHash } from 'node:crypto';
import { Body, Controller, Get, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  Patterns,
  PrivacyConsentDto,
  RefreshDto,
  StaffLoginDto,
  WechatLoginDto,
  type AccountReply,
  type Actor,
  type MeReply,
  type NotificationReply,
  type PatientExportReply,
  type StaffLoginReply,
  type TokenPairReply,
  type WechatLoginReply,
} from '@clinic/contracts';
import { ServiceClient } from '@clinic/platform';
import { Can, CurrentActor, Public } from './auth.decorators';
import { RateLimiter } from './rate-limiter';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly services: ServiceClient,
    private readonly limiter: RateLimiter,
  ) {}

  @Public()
  @Post('auth/staff/login')
  @HttpCode(200)
  async login(@Body() dto: StaffLoginDto, @Ip() ip: string): Promise<StaffLoginReply> {
    await this.limiter.check('login', { ip, account: dto.username });
    return this.services.send('patient', Patterns.patient.staffLogin, dto);
  }

  @Public()
  @Post('auth/wechat/login')
  @HttpCode(200)
  async wechatLogin(@Body() dto: WechatLoginDto, @Ip() ip: string): Promise<WechatLoginReply> {
    await this.limiter.check('wechat-login', { ip });
    return this.services.send('patient', Patterns.patient.wechatLogin, dto);
  }

  @Public()
  @Post('auth/refresh')
  @HttpCode(200)
  async refresh(@Body() dto: RefreshDto, @Ip() ip: string): Promise<TokenPairReply> {
    // The token stands for the account here; only a digest of it is used as a key.
    await this.limiter.check('refresh', { ip, account: createHash('sha256').update(dto.refreshToken).digest('hex').slice(0, 32) });
    return this.services.send('patient', Patterns.patient.refresh, dto);
  }

  @Public()
  @Post('auth/logout')
  @HttpCode(204)
  async logout(@Body() dto: RefreshDto): Promise<void> {
    await this.services.send('patient', Patterns.patient.logout, dto);
  }

  @ApiBearerAuth()
  @Can('me.read')
  @Get('me')
  me(@CurrentActor() actor: Actor): Promise<MeReply> {
    return this.services.send('patient', Patterns.patient.me, {}, actor);
  }

  @ApiBearerAuth()
  @Can('account.consent')
  @Post('me/privacy-consent')
  @HttpCode(200)
  consent(@CurrentActor() actor: Actor, @Body() dto: PrivacyConsentDto): Promise<AccountReply> {
    return this.services.send('patient', Patterns.patient.privacyConsent, dto, actor);
  }

  @ApiBearerAuth()
  @Can('account.export')
  @Get('me/export')
  export(@CurrentActor() actor: Actor): Promise<PatientExportReply> {
    return this.services.send('patient', Patterns.patient.exportAccount, {}, actor);
  }

  @ApiBearerAuth()
  @Can('account.close')
  @Post('me/close')
  @HttpCode(204)
  async close(@CurrentActor() actor: Actor): Promise<void> {
    await this.services.send('patient', Patterns.patient.closeAccount, {}, actor);
  }

  @ApiBearerAuth()
  @Can('account.notifications')
  @Get('me/notifications')
  notifications(@CurrentActor() actor: Actor): Promise<NotificationReply[]> {
    return this.services.send('patient', Patterns.patient.listNotifications, {}, actor);
  }
}
