import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CreateSupplierDto, Patterns, SearchQuery, UpdateSupplierDto, type Envelope } from '@clinic/contracts';
import { changesOf, idOf, parsePayload, requireActor } from '@clinic/platform';
import { SuppliersService } from './suppliers.service';

@Controller()
export class SuppliersHandler {
  constructor(private readonly suppliers: SuppliersService) {}

  @MessagePattern(Patterns.pharmacy.createSupplier)
  async create(@Payload() msg: Envelope) {
    return this.suppliers.create(requireActor(msg, 'suppliers.manage'), await parsePayload(CreateSupplierDto, msg.data));
  }

  @MessagePattern(Patterns.pharmacy.listSuppliers)
  async list(@Payload() msg: Envelope) {
    return this.suppliers.list(requireActor(msg, 'suppliers.list'), await parsePayload(SearchQuery, msg.data));
  }

  @MessagePattern(Patterns.pharmacy.updateSupplier)
  async update(@Payload() msg: Envelope) {
    return this.suppliers.update(requireActor(msg, 'suppliers.manage'), idOf(msg), await parsePayload(UpdateSupplierDto, changesOf(msg)));
  }
}
