import { Body, Controller, Get, Header, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { DispensingQuery, Patterns, ReturnDto, type Actor, type DispensingReply, type Page, type ReturnReply } from '@clinic/contracts';
import { ServiceClient } from '@clinic/platform';
import { Can, CurrentActor } from '../auth/auth.decorators';

/** The dispensing window (发药) and returns (退药). */
@ApiTags('pharmacy')
@ApiBearerAuth()
@Controller()
export class DispensingController {
  constructor(private readonly services: ServiceClient) {}

  /** Paid prescriptions waiting (status=READY, the default), or those dispensed. */
  @Can('dispensing.list')
  @Get('dispensing')
  list(@CurrentActor() actor: Actor, @Query() query: DispensingQuery): Promise<Page<DispensingReply>> {
    return this.services.send('pharmacy', Patterns.pharmacy.listDispensing, query, actor);
  }

  @Can('dispensing.list')
  @Get('dispensing/:id')
  get(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<DispensingReply> {
    return this.services.send('pharmacy', Patterns.pharmacy.getDispensing, { id }, actor);
  }

  /** Takes each line from the batches that expire first; 409 PRESCRIPTION.NOT_READY / PRESCRIPTION.EXPIRED / STOCK.INSUFFICIENT. */
  @Can('dispensing.dispense')
  @Post('prescriptions/:id/dispense')
  @HttpCode(200)
  dispense(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<DispensingReply> {
    return this.services.send('pharmacy', Patterns.pharmacy.dispense, { id }, actor);
  }

  @Can('dispensing.list')
  @Get('prescriptions/:id/label.pdf')
  @Header('Content-Type', 'application/pdf')
  @Header('Cache-Control', 'no-store')
  @ApiProduces('application/pdf')
  async label(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<Buffer> {
    const { pdfBase64 } = await this.services.send<{ pdfBase64: string }>('pharmacy', Patterns.pharmacy.dispensingLabel, { id }, actor);
    return Buffer.from(pdfBase64, 'base64');
  }

  /** Back to the batches they came from; 409 RETURN.EXCEEDS_DISPENSED beyond what was handed out. */
  @Can('dispensing.return')
  @Post('prescriptions/:id/returns')
  returnDrugs(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() changes: ReturnDto): Promise<ReturnReply> {
    return this.services.send('pharmacy', Patterns.pharmacy.returnDrugs, { id, changes }, actor);
  }
}
