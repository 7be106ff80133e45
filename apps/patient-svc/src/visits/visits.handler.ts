import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { AmendEmrDto, CancelPrescriptionDto, CreateEmrTemplateDto, CreateEncounterDto, CreatePrescriptionDto, EmrContentDto, IcdQuery, ListEncountersQuery, ListPrescriptionsQuery, Patterns, type Envelope } from '@clinic/contracts';
import { changesOf, clinicNow, Config, hhmm, idOf, parsePayload, requireActor } from '@clinic/platform';
import { EmrTemplatesService } from './emr-templates.service';
import { EncountersService } from './encounters.service';
import { Icd10Service } from './icd10.service';
import { prescriptionSheet } from './prescription-sheet';
import { PrescriptionsService } from './prescriptions.service';

@Controller()
export class VisitsHandler {
  constructor(
    private readonly encounters: EncountersService,
    private readonly icd10: Icd10Service,
    private readonly templates: EmrTemplatesService,
    private readonly prescriptions: PrescriptionsService,
    private readonly config: Config,
  ) {}

  @MessagePattern(Patterns.patient.createEncounter)
  async open(@Payload() msg: Envelope) {
    return this.encounters.open(requireActor(msg, 'encounters.create'), msg.meta, await parsePayload(CreateEncounterDto, msg.data));
  }

  @MessagePattern(Patterns.patient.listEncounters)
  async list(@Payload() msg: Envelope) {
    return this.encounters.list(requireActor(msg, 'encounters.read'), msg.meta, await parsePayload(ListEncountersQuery, msg.data));
  }

  @MessagePattern(Patterns.patient.getEncounter)
  get(@Payload() msg: Envelope) {
    return this.encounters.get(requireActor(msg, 'encounters.read'), msg.meta, idOf(msg));
  }

  @MessagePattern(Patterns.patient.emrVersions)
  versions(@Payload() msg: Envelope) {
    return this.encounters.versions(requireActor(msg, 'encounters.read'), msg.meta, idOf(msg));
  }

  @MessagePattern(Patterns.patient.saveEmr)
  async save(@Payload() msg: Envelope) {
    return this.encounters.save(requireActor(msg, 'emr.write'), msg.meta, idOf(msg), await parsePayload(EmrContentDto, changesOf(msg)));
  }

  @MessagePattern(Patterns.patient.signEmr)
  sign(@Payload() msg: Envelope) {
    return this.encounters.sign(requireActor(msg, 'emr.write'), msg.meta, idOf(msg));
  }

  @MessagePattern(Patterns.patient.amendEmr)
  async amend(@Payload() msg: Envelope) {
    return this.encounters.amend(requireActor(msg, 'emr.write'), msg.meta, idOf(msg), await parsePayload(AmendEmrDto, changesOf(msg)));
  }

  @MessagePattern(Patterns.patient.finishEncounter)
  finish(@Payload() msg: Envelope) {
    return this.encounters.finish(requireActor(msg, 'emr.write'), msg.meta, idOf(msg));
  }

  @MessagePattern(Patterns.patient.searchIcd10)
  async searchIcd10(@Payload() msg: Envelope) {
    requireActor(msg, 'icd10.search');
    return this.icd10.search(await parsePayload(IcdQuery, msg.data));
  }

  @MessagePattern(Patterns.patient.listEmrTemplates)
  listTemplates(@Payload() msg: Envelope) {
    return this.templates.list(requireActor(msg, 'emr.templates'));
  }

  @MessagePattern(Patterns.patient.createEmrTemplate)
  async createTemplate(@Payload() msg: Envelope) {
    return this.templates.create(requireActor(msg, 'emr.templates'), await parsePayload(CreateEmrTemplateDto, msg.data));
  }

  @MessagePattern(Patterns.patient.deleteEmrTemplate)
  async deleteTemplate(@Payload() msg: Envelope) {
    await this.templates.remove(requireActor(msg, 'emr.templates'), idOf(msg));
    return { deleted: true };
  }

  @MessagePattern(Patterns.patient.createPrescription)
  async createPrescription(@Payload() msg: Envelope) {
    return this.prescriptions.create(requireActor(msg, 'prescriptions.write'), msg.meta, idOf(msg), await parsePayload(CreatePrescriptionDto, changesOf(msg)));
  }

  @MessagePattern(Patterns.patient.listPrescriptions)
  async listPrescriptions(@Payload() msg: Envelope) {
    return this.prescriptions.list(requireActor(msg, 'prescriptions.read'), msg.meta, await parsePayload(ListPrescriptionsQuery, msg.data));
  }

  @MessagePattern(Patterns.patient.getPrescription)
  getPrescription(@Payload() msg: Envelope) {
    return this.prescriptions.get(requireActor(msg, 'prescriptions.read'), msg.meta, idOf(msg));
  }

  @MessagePattern(Patterns.patient.signPrescription)
  signPrescription(@Payload() msg: Envelope) {
    return this.prescriptions.sign(requireActor(msg, 'prescriptions.write'), msg.meta, idOf(msg));
  }

  @MessagePattern(Patterns.patient.cancelPrescription)
  async cancelPrescription(@Payload() msg: Envelope) {
    return this.prescriptions.cancel(requireActor(msg, 'prescriptions.write'), msg.meta, idOf(msg), (await parsePayload(CancelPrescriptionDto, changesOf(msg))).reason);
  }

  /** The sheet as base64: the gateway sends it on as application/pdf. */
  @MessagePattern(Patterns.patient.prescriptionPdf)
  async prescriptionPdf(@Payload() msg: Envelope) {
    const facts = await this.prescriptions.sheet(requireActor(msg, 'prescriptions.read'), msg.meta, idOf(msg));
    const zone = this.config.env.CLINIC_TIMEZONE;
    const clinicTime = (iso: string) => {
      const t = clinicNow(zone, new Date(iso));
      return `${t.date} ${hhmm(t.minutes)}`;
    };
    const pdf = await prescriptionSheet({ ...facts, clinicTime, clinicDate: clinicNow(zone).date });
    return { pdfBase64: pdf.toString('base64') };
  }
}
