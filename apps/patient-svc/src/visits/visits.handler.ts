import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { AmendEmrDto, CreateEmrTemplateDto, CreateEncounterDto, EmrContentDto, IcdQuery, ListEncountersQuery, Patterns, type Envelope } from '@clinic/contracts';
import { changesOf, idOf, parsePayload, requireActor } from '@clinic/platform';
import { EmrTemplatesService } from './emr-templates.service';
import { EncountersService } from './encounters.service';
import { Icd10Service } from './icd10.service';

@Controller()
export class VisitsHandler {
  constructor(
    private readonly encounters: EncountersService,
    private readonly icd10: Icd10Service,
    private readonly templates: EmrTemplatesService,
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
}
