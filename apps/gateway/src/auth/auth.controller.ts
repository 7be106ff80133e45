import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Patterns, RefreshDto, StaffLoginDto, type Actor, type MeReply, type StaffLoginReply, type TokenPairReply } from '@clinic/contracts';
import { ServiceClient } from '@clinic/platform';
import { CurrentActor, Public } from './auth.decorators';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(private readonly services: ServiceClient) {}

  @Public()
  @Post('auth/staff/login')
  @HttpCode(200)
  login(@Body() dto: StaffLoginDto): Promise<StaffLoginReply> {
    return this.services.send('patient', Patterns.patient.staffLogin, dto);
  }

  @Public()
  @Post('auth/refresh')
  @HttpCode(200)
  refresh(@Body() dto: RefreshDto): Promise<TokenPairReply> {
    return this.services.send('patient', Patterns.patient.refresh, dto);
  }

  @Public()
  @Post('auth/logout')
  @HttpCode(204)
  async logout(@Body() dto: RefreshDto): Promise<void> {
    await this.services.send('patient', Patterns.patient.logout, dto);
  }

  @ApiBearerAuth()
  @Get('me')
  me(@CurrentActor() actor: Actor): Promise<MeReply> {
    return this.services.send('patient', Patterns.patient.me, {}, actor);
  }
}
