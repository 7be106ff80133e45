import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { DATE_ONLY } from './stock.dto';

export type PharmacyAlertType = 'LOW_STOCK' | 'NEAR_EXPIRY' | 'EXPIRED';

export interface PharmacyAlert {
  type: PharmacyAlertType;
  drugId: string;
  drugName: string;
  spec: string;
  unit: string;
  batchId?: string;
  batchNo?: string;
  expiryDate?: string;
  /** LOW_STOCK: available units; NEAR_EXPIRY / EXPIRED: units in the batch. */
  quantity: number;
  /** LOW_STOCK: the reorder level. */
  reorderLevel?: number;
  /** NEAR_EXPIRY: days until the expiry date (0 = expires today). */
  daysLeft?: number;
}

export class PeriodQuery {
  @ApiProperty({ example: '2026-11-01', description: 'first day, in the clinic\'s time zone' })
  @Matches(DATE_ONLY, { message: 'from must be YYYY-MM-DD' })
  from: string;

  @ApiProperty({ example: '2026-11-30', description: 'last day, inclusive' })
  @Matches(DATE_ONLY, { message: 'to must be YYYY-MM-DD' })
  to: string;
}

export interface StockValuationRow {
  drugId: string;
  drugName: string;
  spec: string;
  unit: string;
  quantity: number;
  costFen: number;
  retailFen: number;
}

export interface StockValuationReply {
  rows: StockValuationRow[];
  totalCostFen: number;
  totalRetailFen: number;
}

/** 进销存: opening + in + returns − out ± adjustments − expired = closing, per drug, in units. */
export interface MovementRow {
  drugId: string;
  drugName: string;
  spec: string;
  unit: string;
  opening: number;
  received: number;
  dispensed: number;
  returned: number;
  adjusted: number;
  expired: number;
  closing: number;
}

export interface UsageRow {
  drugId: string;
  drugName: string;
  spec: string;
  unit: string;
  /** Dispensed minus returned, in units. */
  quantity: number;
  /** At the prices charged. */
  amountFen: number;
}

export interface DaysLeftRow {
  drugId: string;
  drugName: string;
  spec: string;
  unit: string;
  available: number;
  /** Units dispensed (net of returns) in the last 30 clinic days, today included. */
  used30d: number;
  /** available ÷ daily use, one decimal; null when nothing was used. */
  daysLeft: number | null;
}
