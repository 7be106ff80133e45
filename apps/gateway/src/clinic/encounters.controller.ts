import { Body, Controller, Delete, Get, Header, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  AmendEmrDto,
  CancelPrescriptionDto,
  CreatePrescriptionDto,
  ListPrescriptionsQuery,
  type PrescriptionReply,
  CreateEmrTemplateDto,
  CreateEncounterDto,
  EmrContentDto,
  IcdQuery,
  ListEncountersQuery,
  Patterns,
  type Actor,
  type EmrTemplateReply,
  type EmrVersionReply,
  type EncounterReply,
  type IcdCodeReply,
  type Page,
} from '@clinic/contracts';
import { ServiceClient } from '@clinic/platform';
import { Can, CurrentActor } from '../auth/auth.decorators';

/** 接诊 and the medical record: every read and write of it is audited by patient-svc. */
@ApiTags('visits')
@ApiBearerAuth()
@Controller()
export class EncountersController {
  constructor(private readonly services: ServiceClient) {}

  /** From the appointment the doctor called (`appointmentId`), or for a walk-in (`patientId`). */
  @Can('encounters.create')
  @Post('encounters')
  open(@CurrentActor() actor: Actor, @Body() dto: CreateEncounterDto): Promise<EncounterReply> {
    return this.services.send('patient', Patterns.patient.createEncounter, dto, actor);
  }

  @Can('encounters.read')
  @Get('encounters')
  list(@CurrentActor() actor: Actor, @Query() query: ListEncountersQuery): Promise<Page<EncounterReply>> {
    return this.services.send('patient', Patterns.patient.listEncounters, query, actor);
  }

  @Can('encounters.read')
  @Get('encounters/:id')
  get(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<EncounterReply> {
    return this.services.send('patient', Patterns.patient.getEncounter, { id }, actor);
  }

  /** Every version of the record, oldest first. */
  @Can('encounters.read')
  @Get('encounters/:id/emr/versions')
  versions(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<EmrVersionReply[]> {
    return this.services.send('patient', Patterns.patient.emrVersions, { id }, actor);
  }

  /** Saves the draft; 409 EMR.SIGNED once signed. */
  @Can('emr.write')
  @Put('encounters/:id/emr')
  save(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() changes: EmrContentDto): Promise<EncounterReply> {
    return this.services.send('patient', Patterns.patient.saveEmr, { id, changes }, actor);
  }

  /** 400 EMR.INCOMPLETE naming the empty required fields. */
  @Can('emr.write')
  @Post('encounters/:id/sign')
  @HttpCode(200)
  sign(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<EncounterReply> {
    return this.services.send('patient', Patterns.patient.signEmr, { id }, actor);
  }

  @Can('emr.write')
  @Post('encounters/:id/amendments')
  amend(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() changes: AmendEmrDto): Promise<EncounterReply> {
    return this.services.send('patient', Patterns.patient.amendEmr, { id, changes }, actor);
  }

  @Can('emr.write')
  @Post('encounters/:id/finish')
  @HttpCode(200)
  finish(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<EncounterReply> {
    return this.services.send('patient', Patterns.patient.finishEncounter, { id }, actor);
  }

  /** ICD-10 国家临床版 2.0: by code prefix, words of the name, or pinyin initials. */
  @Can('icd10.search')
  @Get('icd10')
  icd10(@CurrentActor() actor: Actor, @Query() query: IcdQuery): Promise<IcdCodeReply[]> {
    return this.services.send('patient', Patterns.patient.searchIcd10, query, actor);
  }

  @Can('emr.templates')
  @Get('emr-templates')
  templates(@CurrentActor() actor: Actor): Promise<EmrTemplateReply[]> {
    return this.services.send('patient', Patterns.patient.listEmrTemplates, {}, actor);
  }

  @Can('emr.templates')
  @Post('emr-templates')
  createTemplate(@CurrentActor() actor: Actor, @Body() dto: CreateEmrTemplateDto): Promise<EmrTemplateReply> {
    return this.services.send('patient', Patterns.patient.createEmrTemplate, dto, actor);
  }

  @Can('emr.templates')
  @Delete('emr-templates/:id')
  @HttpCode(204)
  async deleteTemplate(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<void> {
    await this.services.send('patient', Patterns.patient.deleteEmrTemplate, { id }, actor);
  }

  /** A draft prescription on the doctor's open encounter; the rules and allergy check answer 4xx with their codes. */
  @Can('prescriptions.write')
  @Post('encounters/:id/prescriptions')
  prescribe(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() changes: CreatePrescriptionDto): Promise<PrescriptionReply> {
    return this.services.send('patient', Patterns.patient.createPrescription, { id, changes }, actor);
  }

  @Can('prescriptions.read')
  @Get('prescriptions')
  prescriptions(@CurrentActor() actor: Actor, @Query() query: ListPrescriptionsQuery): Promise<Page<PrescriptionReply>> {
    return this.services.send('patient', Patterns.patient.listPrescriptions, query, actor);
  }

  @Can('prescriptions.read')
  @Get('prescriptions/:id')
  prescription(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<PrescriptionReply> {
    return this.services.send('patient', Patterns.patient.getPrescription, { id }, actor);
  }

  /** Reserves the stock in pharmacy, then signs; 409 STOCK.INSUFFICIENT naming each short drug, and nothing signed. */
  @Can('prescriptions.write')
  @Post('prescriptions/:id/sign')
  @HttpCode(200)
  signPrescription(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<PrescriptionReply> {
    return this.services.send('patient', Patterns.patient.signPrescription, { id }, actor);
  }

  /** A signed prescription gives its stock back; 409 PRESCRIPTION.NOT_RELEASABLE once paid. */
  @Can('prescriptions.write')
  @Post('prescriptions/:id/cancel')
  @HttpCode(200)
  cancelPrescription(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() changes: CancelPrescriptionDto): Promise<PrescriptionReply> {
    return this.services.send('patient', Patterns.patient.cancelPrescription, { id, changes }, actor);
  }

  @Can('prescriptions.read')
  @Get('prescriptions/:id/pdf')
  @Header('Content-Type', 'application/pdf')
  @Header('Cache-Control', 'no-store')
  @ApiProduces('application/pdf')
  async prescriptionPdf(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<Buffer> {
    const { pdfBase64 } = await this.services.send<{ pdfBase64: string }>('patient', Patterns.patient.prescriptionPdf, { id }, actor);
    return Buffer.from(pdfBase64, 'base64');
  }
}
