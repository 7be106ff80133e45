import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CreateStaffDto, ListDoctorsQuery, ListStaffQuery, Patterns, UpdateStaffDto, type Actor, type DoctorReply, type IdReply, type Page, type StaffReply } from '@clinic/contracts';
import { ServiceClient } from '@clinic/platform';
import { Can, CurrentActor } from '../auth/auth.decorators';

@ApiTags('clinic')
@ApiBearerAuth()
@Controller()
export class StaffController {
  constructor(private readonly services: ServiceClient) {}

  @Can('staff.create')
  @Post('staff')
  create(@CurrentActor() actor: Actor, @Body() dto: CreateStaffDto): Promise<IdReply> {
    return this.services.send('patient', Patterns.patient.createStaff, dto, actor);
  }

  @Can('staff.list')
  @Get('staff')
  list(@CurrentActor() actor: Actor, @Query() query: ListStaffQuery): Promise<Page<StaffReply>> {
    return this.services.send('patient', Patterns.patient.listStaff, query, actor);
  }

  @Can('staff.read')
  @Get('staff/:id')
  get(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<StaffReply> {
    return this.services.send('patient', Patterns.patient.getStaff, { id }, actor);
  }

  @Can('staff.update')
  @Patch('staff/:id')
  update(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() changes: UpdateStaffDto): Promise<StaffReply> {
    return this.services.send('patient', Patterns.patient.updateStaff, { id, changes }, actor);
  }

  @Can('staff.disable')
  @Post('staff/:id/disable')
  @HttpCode(200)
  disable(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<StaffReply> {
    return this.services.send('patient', Patterns.patient.setStaffStatus, { id, status: 'DISABLED' }, actor);
  }

  @Can('staff.disable')
  @Post('staff/:id/enable')
  @HttpCode(200)
  enable(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<StaffReply> {
    return this.services.send('patient', Patterns.patient.setStaffStatus, { id, status: 'ACTIVE' }, actor);
  }

  @Can('doctors.list')
  @Get('doctors')
  doctors(@CurrentActor() actor: Actor, @Query() query: ListDoctorsQuery): Promise<DoctorReply[]> {
    return this.services.send('patient', Patterns.patient.listDoctors, query, actor);
  }
}
