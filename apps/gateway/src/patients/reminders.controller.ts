import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Patterns, ReminderSettingsDto, type Actor, type ReminderReply } from '@clinic/contracts';
import { ServiceClient } from '@clinic/platform';
import { Can, CurrentActor } from '../auth/auth.decorators';

/** A patient account's reminders: follow-up, medication and appointment, and which kinds it wants. */
@ApiTags('patients')
@ApiBearerAuth()
@Controller('me')
export class RemindersController {
  constructor(private readonly services: ServiceClient) {}

  @Can('account.reminders')
  @Get('reminders')
  list(@CurrentActor() actor: Actor): Promise<ReminderReply[]> {
    return this.services.send('patient', Patterns.patient.listReminders, {}, actor);
  }

  @Can('account.reminders')
  @Post('reminders/:id/done')
  @HttpCode(200)
  done(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<{ id: string; status: 'DONE' }> {
    return this.services.send('patient', Patterns.patient.reminderDone, { id }, actor);
  }

  @Can('account.reminders')
  @Get('reminder-settings')
  settings(@CurrentActor() actor: Actor): Promise<ReminderSettingsDto> {
    return this.services.send('patient', Patterns.patient.reminderSettings, {}, actor);
  }

  /** Opt out (or back in) per kind. */
  @Can('account.reminders')
  @Put('reminder-settings')
  updateSettings(@CurrentActor() actor: Actor, @Body() dto: ReminderSettingsDto): Promise<ReminderSettingsDto> {
    return this.services.send('patient', Patterns.patient.updateReminderSettings, dto, actor);
  }
}
