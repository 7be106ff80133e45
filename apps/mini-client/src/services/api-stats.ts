import type { ClinicalStats, DashboardReply, FlowStats, MoneyStats, PharmacyStats, StatsPart } from '@clinic/contracts'
import { http as defaultHttp, queryString, type HttpClient } from './api'
import { fetchFile } from './platform/file-download'

// The owner's figures (经营看板) and the pharmacy's reorder suggestions. Apart from api.ts so that only the staff
// sub-packages that use them carry them: the mini-program's main package, which every patient downloads, stays small.

/** A period of clinic days (Asia/Shanghai), both ends included. */
export interface StatsPeriod {
  from: string
  to: string
}

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

export function createStatsApi(http: HttpClient) {
  const period = ({ from, to }: StatsPeriod) => ({ from, to })
  return {
    /** Every part for the period, and flow and money for the previous period of the same length. */
    dashboard: (query: StatsPeriod) => http.request<DashboardReply>('/stats/dashboard', { query: period(query) }),
    flow: (query: StatsPeriod) => http.request<FlowStats>('/stats/flow', { query: period(query) }),
    clinical: (query: StatsPeriod) => http.request<ClinicalStats>('/stats/clinical', { query: period(query) }),
    /** With `coverDays`, the reorder suggestions cover that many days of use (the server's default is 30). */
    pharmacy: (query: StatsPeriod & { coverDays?: number }) =>
      http.request<PharmacyStats>('/stats/pharmacy', { query: { ...period(query), coverDays: query.coverDays } }),
    money: (query: StatsPeriod) => http.request<MoneyStats>('/stats/money', { query: period(query) }),
    /** One part as an XLSX file of this platform (see platform/file-download). */
    exportPart: (part: StatsPart, query: StatsPeriod) =>
      http.fetchRaw(`/stats/${part}/export${queryString({ format: 'xlsx', ...period(query) })}`, fetchFile(XLSX_MIME))
  }
}

export type StatsApi = ReturnType<typeof createStatsApi>

export const statsApi: StatsApi = createStatsApi(defaultHttp)
