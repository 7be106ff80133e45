import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CreateStockInDto, CreateSupplierDto, PageQuery, Patterns, SearchQuery, UpdateSupplierDto, type Actor, type IdReply, type Page, type StockInReply, type SupplierReply } from '@clinic/contracts';
import { ServiceClient } from '@clinic/platform';
import { Can, CurrentActor } from '../auth/auth.decorators';

/** Suppliers and receipts (入库). */
@ApiTags('pharmacy')
@ApiBearerAuth()
@Controller()
export class StockController {
  constructor(private readonly services: ServiceClient) {}

  @Can('suppliers.manage')
  @Post('suppliers')
  createSupplier(@CurrentActor() actor: Actor, @Body() dto: CreateSupplierDto): Promise<IdReply> {
    return this.services.send('pharmacy', Patterns.pharmacy.createSupplier, dto, actor);
  }

  @Can('suppliers.list')
  @Get('suppliers')
  suppliers(@CurrentActor() actor: Actor, @Query() query: SearchQuery): Promise<Page<SupplierReply>> {
    return this.services.send('pharmacy', Patterns.pharmacy.listSuppliers, query, actor);
  }

  @Can('suppliers.manage')
  @Patch('suppliers/:id')
  updateSupplier(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() changes: UpdateSupplierDto): Promise<SupplierReply> {
    return this.services.send('pharmacy', Patterns.pharmacy.updateSupplier, { id, changes }, actor);
  }

  /** All lines or none; a bad line is named in `details` as `items.N.field`. */
  @Can('stock.in')
  @Post('stock-ins')
  receive(@CurrentActor() actor: Actor, @Body() dto: CreateStockInDto): Promise<IdReply> {
    return this.services.send('pharmacy', Patterns.pharmacy.createStockIn, dto, actor);
  }

  @Can('stock.in')
  @Get('stock-ins')
  stockIns(@CurrentActor() actor: Actor, @Query() query: PageQuery): Promise<Page<StockInReply>> {
    return this.services.send('pharmacy', Patterns.pharmacy.listStockIns, query, actor);
  }

  @Can('stock.in')
  @Get('stock-ins/:id')
  stockIn(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<StockInReply> {
    return this.services.send('pharmacy', Patterns.pharmacy.getStockIn, { id }, actor);
  }
}
