import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PageQuery } from '../common';
import { DATE_ONLY } from '../pharmacy/stock.dto';
import { IsCalendarDate } from './report.dto';

/** The gateway's body limit is 1 MB; a clinic's day is far below it (about 300 bytes a transaction). */
export const WECHAT_BILL_MAX_CHARS = 900_000;

export class ImportWechatBillDto {
  @ApiProperty({ example: '2026-12-01', description: 'the day of the trade bill (交易账单), a clinic day' })
  @Matches(DATE_ONLY, { message: 'date must be YYYY-MM-DD' })
  @IsCalendarDate()
  date: string;

  @ApiProperty({ description: 'the text of WeChat Pay\'s trade bill (bill_type=ALL), as downloaded' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(WECHAT_BILL_MAX_CHARS)
  csv: string;
}

export class ListReconciliationsQuery extends PageQuery {
  @ApiPropertyOptional({ example: '2026-12-01' })
  @IsOptional()
  @Matches(DATE_ONLY, { message: 'date must be YYYY-MM-DD' })
  date?: string;
}

export const RECONCILIATION_RESULTS = ['MISSING_IN_SYSTEM', 'MISSING_IN_WECHAT', 'AMOUNT_MISMATCH', 'TXN_ID_MISMATCH'] as const;
/**
 * MISSING_IN_SYSTEM: in WeChat's bill, not a succeeded payment (or refund) of ours on that day.
 * MISSING_IN_WECHAT: ours on that day, not in the bill. AMOUNT_MISMATCH: both, different amounts.
 * TXN_ID_MISMATCH: both, but the WeChat transaction (or refund) id we recorded is another one.
 */
export type ReconciliationResult = (typeof RECONCILIATION_RESULTS)[number];

export interface ReconciliationReply {
  id: string;
  date: string;
  /** SHA-256 of the file (BOM, line ends and trailing blank lines aside): the same file again is the same reconciliation. */
  fileSha256: string;
  /** Pairs that agree in amount and id. */
  matched: number;
  missingInSystem: number;
  missingInWechat: number;
  amountMismatch: number;
  txnIdMismatch: number;
  /** From the file: SUCCESS rows and their order amounts, REFUND rows and their refund amounts, and the fee total. */
  wechatPayments: number;
  wechatPaymentsFen: number;
  wechatRefunds: number;
  wechatRefundsFen: number;
  wechatFeeFen: number;
  /** Ours on that day: succeeded WeChat payments and refund legs. */
  systemPayments: number;
  systemPaymentsFen: number;
  systemRefunds: number;
  systemRefundsFen: number;
  createdBy: string;
  createdAt: string;
}

export interface ReconciliationItemReply {
  id: string;
  result: ReconciliationResult;
  /** A payment (商户订单号 = our out_trade_no) or a refund (商户退款单号 = our out_refund_no). */
  type: 'PAYMENT' | 'REFUND';
  /** Our number: out_trade_no for a payment, out_refund_no for a refund. */
  outNo: string;
  /** WeChat's id from the bill (微信订单号 / 微信退款单号), or ours when the bill lacks the row. */
  wechatId: string | null;
  /** Our recorded channel id (TXN_ID_MISMATCH shows both). */
  systemWechatId: string | null;
  wechatAmountFen: number | null;
  /**
   * Ours. For MISSING_IN_SYSTEM this and the ids below are set when we hold the number in another state or on
   * another day (see note), so the cashier can find it.
   */
  systemAmountFen: number | null;
  paymentId: string | null;
  refundLegId: string | null;
  billId: string | null;
  /** The line of the file the row came from. */
  lineNo: number | null;
  /** 交易时间 as the bill writes it. */
  tradedAt: string | null;
  /** What else we know: e.g. the payment exists with us but is still PENDING, or was booked on another day. */
  note: string | null;
}

export interface ReconciliationDetailReply extends ReconciliationReply {
  items: ReconciliationItemReply[];
}

/** The import's answer: `alreadyImported` when this very file had been imported for the day before. */
export interface ImportWechatBillReply extends ReconciliationDetailReply {
  alreadyImported: boolean;
}
