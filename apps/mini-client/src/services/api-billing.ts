import type {
  CloseDayDto,
  DailySettlementReply,
  ExportFormat,
  ImportWechatBillReply,
  Page,
  PaymentReply,
  PaymentReversalReply,
  ReconciliationDetailReply,
  ReconciliationReply,
  RefundReply,
  RevenueQuery,
  RevenueReply
} from '@clinic/contracts'
import { http as defaultHttp, queryString, type HttpClient } from './api'
import type { RefundInput } from './billing-types'
import { fetchFile } from './platform/file-download'
import { fetchPdf } from './platform/open-pdf'

// The cashier's and the owner's billing calls: refunds, corrections, receipts, the daily close, revenue reports and
// WeChat Pay reconciliation. Apart from api.ts so that only the staff sub-packages that use them carry them: the
// mini-program's main package, which every patient downloads, stays small. Taking a payment stays in api.ts.

function segment(id: string): string {
  return encodeURIComponent(id)
}

/** What each export format is sent as. */
export const EXPORT_MIME: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv'
}

export function createBillingApi(http: HttpClient) {
  const withKey = (idempotencyKey: string) => ({ 'Idempotency-Key': idempotencyKey })

  return {
    /**
     * Refunds units or amounts of a bill's lines under `idempotencyKey` (the same key again on a retry after no
     * answer). REFUND.NOT_RETURNED names the dispensed drugs that must come back to the pharmacy first.
     */
    refundBill: (billId: string, input: RefundInput, idempotencyKey: string) =>
      http.request<RefundReply>(`/bills/${segment(billId)}/refunds`, { method: 'POST', body: input, headers: withKey(idempotencyKey) }),
    listRefunds: (billId: string) => http.request<RefundReply[]>('/refunds', { query: { billId } }),
    /** Closes a pending WeChat payment; the answer is SUCCEEDED when WeChat says it was paid after all, else CLOSED. */
    closePayment: (paymentId: string) => http.request<PaymentReply>(`/payments/${segment(paymentId)}/close`, { method: 'POST' }),
    /** A correction of a cash or card payment, booked to an open day; the bill is due again. */
    reversePayment: (paymentId: string, reason: string, idempotencyKey: string) =>
      http.request<PaymentReversalReply>(`/payments/${segment(paymentId)}/reversals`, { method: 'POST', body: { reason }, headers: withKey(idempotencyKey) }),
    /** The receipt as a file of this platform (see platform/open-pdf). */
    receiptPdf: (billId: string) => http.fetchRaw(`/bills/${segment(billId)}/receipt.pdf`, fetchPdf),

    /** The day's totals by method and the cash expected in the drawer; closed days also carry the count. */
    dailySettlement: (date: string) => http.request<DailySettlementReply>(`/settlements/daily/${segment(date)}`),
    /** Locks the day (SETTLEMENT.DAY_CLOSED if it already is); money moving later is booked to the next open day. */
    closeDay: (input: CloseDayDto) => http.request<DailySettlementReply>('/settlements/daily', { method: 'POST', body: input }),
    /** Closed days in a period, both ends included, newest first: one page (at most 100 days). */
    listSettlements: (from: string, to: string, pageSize = 100) =>
      http.request<Page<DailySettlementReply>>('/settlements', { query: { from, to, page: 1, pageSize } }),

    revenue: (query: RevenueQuery) => http.request<RevenueReply>('/reports/revenue', { query: { ...query } }),
    /** The same report as a file of this platform (see platform/file-download). */
    revenueExport: (query: RevenueQuery, format: ExportFormat) =>
      http.fetchRaw(`/reports/revenue/export${queryString({ format, ...query })}`, fetchFile(EXPORT_MIME[format])),

    /**
     * Compares the WeChat Pay trade bill of `date` (the file's text) with the payments and refunds on record; the
     * same file again answers the earlier reconciliation (`alreadyImported`).
     */
    importWechatBill: (date: string, csv: string) => http.request<ImportWechatBillReply>('/reconciliations/wechat', { method: 'POST', body: { date, csv } }),
    /** A day's reconciliations, newest first, without their items. */
    listReconciliations: (date: string, pageSize = 20) =>
      http.request<Page<ReconciliationReply>>('/reconciliations', { query: { date, page: 1, pageSize } }),
    /** One reconciliation with its differences. */
    getReconciliation: (id: string) => http.request<ReconciliationDetailReply>(`/reconciliations/${segment(id)}`)
  }
}

export type BillingApi = ReturnType<typeof createBillingApi>

export const billingApi: BillingApi = createBillingApi(defaultHttp)
