import Taro from '@tarojs/taro'
import type {
  AccountReply,
  AppointmentReply,
  AppointmentStatus,
  AuditEntryReply,
  AuditQuery,
  BillReply,
  BillStatus,
  CheckInCodeReply,
  CheckInReply,
  CreateDrugDto,
  CreateEmrTemplateDto,
  CreatePatientDto,
  CreatePatientReply,
  CreatePrescriptionDto,
  CreateScheduleDto,
  CreateStaffDto,
  CreateStockInDto,
  CreateTemplateDto,
  DaysLeftRow,
  DepartmentReply,
  DispensingReply,
  DoctorReply,
  DrugPriceReply,
  DrugReply,
  EmrContentDto,
  EmrTemplateReply,
  EmrVersionReply,
  EncounterReply,
  EncounterStatus,
  ErrorCode,
  FeeItemReply,
  GenerateShiftsReply,
  HealthReply,
  IcdCodeReply,
  IdReply,
  LinkPatientDto,
  ListStaffQuery,
  MeReply,
  MovementRow,
  Page,
  PatientExportReply,
  PatientReply,
  PaymentReply,
  PharmacyAlert,
  PharmacyOrderStatus,
  PrescriptionReply,
  QueueEntryReply,
  QueuePositionReply,
  QueueReply,
  ReminderKind,
  ReminderReply,
  ReminderSettingsDto,
  ReminderStatus,
  ReturnDto,
  ReturnReply,
  ScheduleReply,
  StaffLoginReply,
  StaffReply,
  StockInReply,
  StockReply,
  StocktakeCountDto,
  StocktakeReply,
  StockValuationReply,
  SupplierReply,
  TemplateReply,
  TokenPairReply,
  UpdateDrugDto,
  UpdatePatientDto,
  UpdateStaffDto,
  UsageRow,
  WechatLoginReply,
  WechatPrepayReply
} from '@clinic/contracts'
import type { PaymentInput } from './billing-types'
import { relaunchToSignIn } from './navigation'
import { DEFAULT_API_BASE } from './platform/api-base'
import { fetchPdf } from './platform/open-pdf'
import { sessionStore, type SessionKind, type SessionStore } from './session'

/** Codes the client makes up itself, for failures that never produced a server ErrorBody. */
export type ClientErrorCode = 'NETWORK.FAILED' | 'RESPONSE.INVALID'
export type ApiErrorCode = ErrorCode | ClientErrorCode

export const NETWORK_ERROR_MESSAGE = '网络连接失败，请稍后重试'
export const UNAVAILABLE_MESSAGE = '服务暂不可用，请稍后重试'
export const SESSION_EXPIRED_MESSAGE = '登录已过期，请重新登录'

/** Every failed call rejects with this: the server's ErrorBody plus the HTTP status (0 = no response). */
export class ApiError extends Error {
  readonly status: number
  readonly code: ApiErrorCode
  readonly details?: unknown
  readonly errorId?: string

  constructor(status: number, body: { code: ApiErrorCode; message: string; details?: unknown; errorId?: string }) {
    super(body.message)
    // Babel's ES5 output of `extends Error` loses the prototype; restore it so instanceof works.
    Object.setPrototypeOf(this, ApiError.prototype)
    this.name = 'ApiError'
    this.status = status
    this.code = body.code
    this.details = body.details
    this.errorId = body.errorId
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
type QueryValue = string | number | undefined

export interface RequestOptions {
  method?: Method
  query?: Record<string, QueryValue>
  body?: object
  /** Send the stored access token (and refresh it when expired). Default true. */
  auth?: boolean
  /** Extra request headers (e.g. Idempotency-Key); they go out again, unchanged, on the retry after a token refresh. */
  headers?: Record<string, string>
}

/**
 * Fetches a reply that is not JSON (a PDF) the platform's own way; `header` carries the bearer token. A refused
 * call resolves with its status and its ErrorBody parsed from the bytes, so it is handled like any other.
 */
export type RawFetch<T> = (url: string, header: Record<string, string>) => Promise<{ status: number; data: T | unknown }>

export interface HttpClient {
  request<T>(path: string, options?: RequestOptions): Promise<T>
  /** GET `path` through `fetch` with the same token handling as `request`; resolves with what `fetch` got. */
  fetchRaw<T>(path: string, fetch: RawFetch<T>): Promise<T>
}

export interface HttpClientOptions {
  /** Origin of the gateway without a trailing slash; '' means same origin. */
  baseUrl: string
  sessions: SessionStore
  /** Called once the stored session can no longer be used (refresh refused), with the kind it was. */
  onSessionEnded: (kind: SessionKind | null) => void
  timeoutMs?: number
}

interface RawResponse {
  status: number
  data: unknown
}

export function queryString(query: Record<string, QueryValue> | undefined): string {
  if (!query) return ''
  const parts = Object.entries(query)
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
  return parts.length ? `?${parts.join('&')}` : ''
}

function isErrorBodyLike(data: unknown): data is { code: ErrorCode; message: string; details?: unknown; errorId?: string } {
  if (typeof data !== 'object' || data === null) return false
  const candidate = data as { code?: unknown; message?: unknown }
  return typeof candidate.code === 'string' && typeof candidate.message === 'string'
}

function isTokenPair(data: unknown): data is TokenPairReply {
  if (typeof data !== 'object' || data === null) return false
  const candidate = data as Partial<TokenPairReply>
  return typeof candidate.accessToken === 'string' && typeof candidate.refreshToken === 'string'
}

function toApiError(response: RawResponse): ApiError {
  if (isErrorBodyLike(response.data)) return new ApiError(response.status, response.data)
  // A proxy in front of the gateway answers outages with HTML, not an ErrorBody.
  if (response.status === 502 || response.status === 503 || response.status === 504) {
    return new ApiError(response.status, { code: 'UPSTREAM.UNAVAILABLE', message: UNAVAILABLE_MESSAGE })
  }
  return new ApiError(response.status, {
    code: 'RESPONSE.INVALID',
    message: `服务器返回了无法识别的响应（HTTP ${response.status}）`
  })
}

function isOk(status: number): boolean {
  return status >= 200 && status < 300
}

function isExpiredToken(response: RawResponse): boolean {
  return response.status === 401 && isErrorBodyLike(response.data) && response.data.code === 'AUTH.TOKEN_EXPIRED'
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const { baseUrl, sessions, onSessionEnded, timeoutMs = 15000 } = options
  // Shared by every call that meets an expired token at the same time: refresh tokens rotate,
  // so a second concurrent refresh would present an already-spent token and log the user out.
  let refreshing: Promise<string> | null = null

  const urlOf = (path: string, query?: RequestOptions['query']) => `${baseUrl}/api/v1${path}${queryString(query)}`

  async function send(
    method: Method,
    path: string,
    query: RequestOptions['query'],
    body: object | undefined,
    token?: string,
    extraHeaders?: Record<string, string>
  ): Promise<RawResponse> {
    const header: Record<string, string> = { ...extraHeaders, Accept: 'application/json' }
    if (body !== undefined) header['Content-Type'] = 'application/json'
    if (token) header.Authorization = `Bearer ${token}`
    try {
      const response = await Taro.request({
        url: urlOf(path, query),
        method,
        header,
        data: body,
        dataType: 'json',
        timeout: timeoutMs
      })
      return { status: response.statusCode, data: response.data }
    } catch {
      // Taro rejects only when no HTTP response arrived (offline, DNS, timeout, blocked domain).
      throw networkFailed()
    }
  }

  function forgetSession(): void {
    const kind = sessions.get()?.kind ?? null
    sessions.clear()
    onSessionEnded(kind)
  }

  function endSession(): ApiError {
    forgetSession()
    return new ApiError(401, { code: 'AUTH.REFRESH_INVALID', message: SESSION_EXPIRED_MESSAGE })
  }

  async function refresh(): Promise<string> {
    const current = sessions.get()
    if (!current) throw endSession()
    const response = await send('POST', '/auth/refresh', undefined, { refreshToken: current.refreshToken })
    if (isOk(response.status) && isTokenPair(response.data)) {
      sessions.updateTokens(response.data)
      return response.data.accessToken
    }
    // The server refused the refresh token: the session is over. Anything else (503, 429, a
    // network error above) is transient, so keep the session and let the user try again.
    if (response.status === 400 || response.status === 401 || response.status === 403) throw endSession()
    throw toApiError(response)
  }

  function renewAccessToken(expiredToken: string): Promise<string> {
    // A call that started before another call's refresh finished still holds the old token:
    // it only needs the new one, not another rotation.
    const current = sessions.get()
    if (current && current.accessToken !== expiredToken) return Promise.resolve(current.accessToken)
    if (!refreshing) {
      refreshing = refresh().finally(() => {
        refreshing = null
      })
    }
    return refreshing
  }

  /** One call with the stored token (when `auth`), again with a fresh one if it had expired. */
  async function withToken<T>(auth: boolean, call: (token?: string) => Promise<RawResponse>): Promise<T> {
    const token = auth ? sessions.get()?.accessToken : undefined
    let response = await call(token)
    if (token && isExpiredToken(response)) {
      const fresh = await renewAccessToken(token)
      response = await call(fresh)
    }
    if (isOk(response.status)) return response.data as T
    const error = toApiError(response)
    // A token the server no longer accepts (signed with a rotated key, user disabled) cannot be repaired here.
    if (token && response.status === 401) forgetSession()
    throw error
  }

  return {
    request<T>(path: string, requestOptions: RequestOptions = {}): Promise<T> {
      const { method = 'GET', query, body, auth = true, headers } = requestOptions
      return withToken<T>(auth, (token) => send(method, path, query, body, token, headers))
    },

    fetchRaw<T>(path: string, fetch: RawFetch<T>): Promise<T> {
      return withToken<T>(true, async (token) => {
        try {
          return await fetch(urlOf(path), token ? { Authorization: `Bearer ${token}` } : {})
        } catch {
          throw networkFailed()
        }
      })
    }
  }
}

function networkFailed(): ApiError {
  return new ApiError(0, { code: 'NETWORK.FAILED', message: NETWORK_ERROR_MESSAGE })
}

export interface CreateDepartmentInput {
  name: string
  description?: string
}

export interface PageQuery {
  query?: string
  page?: number
  pageSize?: number
}

export interface ScheduleQuery {
  doctorId?: string
  departmentId?: string
  /** YYYY-MM-DD; the server defaults to today .. +7 days. */
  from?: string
  to?: string
}

export interface UpdateScheduleInput {
  capacity?: number
  startTime?: string
  endTime?: string
  registrationFeeFen?: number
}

export interface AppointmentQuery {
  patientId?: string
  doctorId?: string
  scheduleId?: string
  date?: string
  status?: AppointmentStatus
  page?: number
  pageSize?: number
}

export interface BookInput {
  patientId: string
  scheduleId: string
  /** The time slot, on a shift that has them (patients must choose one; staff may leave it out). */
  slotId?: string
  /** Staff only: books a full shift anyway (加号), saying why. */
  overbookReason?: string
}

export interface DrugQuery extends PageQuery {
  /** Retired drugs too (the drug admin's list); the default is active drugs only. */
  includeInactive?: boolean
}

/** Optional fields an edit empties with null; the optional text fields are emptied with ''. */
type ClearableDrugField = 'barcode' | 'allergyClass'

/** UpdateDrugDto, where null empties the barcode or the allergy class. */
export type DrugUpdateInput = Omit<UpdateDrugDto, ClearableDrugField> & { [K in ClearableDrugField]?: UpdateDrugDto[K] | null }

export interface SupplierInput {
  name: string
  contact?: string
}

export interface DispensingQuery {
  /** The server's default is READY. */
  status?: PharmacyOrderStatus
  patientId?: string
  page?: number
  pageSize?: number
}

/** A report period: YYYY-MM-DD, both days included. */
export interface BillQuery {
  patientId?: string
  status?: BillStatus
  page?: number
  pageSize?: number
}

export type { PaymentInput }

/** The account's own patients' bills: one patient (`patientId`) or all of them. */
export interface MyBillQuery {
  patientId?: string
  status?: BillStatus
  page?: number
  pageSize?: number
}

export interface ReportPeriod {
  from: string
  to: string
}

/** 接诊 from the appointment the doctor just called, or for a walk-in patient. */
export type OpenEncounterInput = { appointmentId: string } | { patientId: string }

export interface EncounterQuery {
  /** A doctor: the patient's history, newest first. A patient account leaves it out (its own patients). */
  patientId?: string
  status?: EncounterStatus
  /** The signed-in doctor's own encounters. */
  mine?: boolean
  page?: number
  pageSize?: number
}

export interface PrescriptionQuery {
  encounterId?: string
  patientId?: string
  page?: number
  pageSize?: number
}

// The reminder kinds the pages list: a value, which the client may not import from libs/contracts.
export const REMINDER_KINDS: readonly ReminderKind[] = ['FOLLOW_UP', 'MEDICATION', 'APPOINTMENT']
export type { ReminderKind, ReminderReply, ReminderStatus }
/** Which kinds of reminder the account wants. */
export type ReminderSettings = ReminderSettingsDto

/** Which queue: one shift, or the doctor's shift today. */
export type QueueTarget = { scheduleId: string } | { doctorId: string }

function segment(id: string): string {
  return encodeURIComponent(id)
}

/** The gateway's endpoints, typed by the contracts' replies. Pages use this, never Taro.request. */
export function createClinicApi(http: HttpClient, sessions: SessionStore) {
  function rememberAccount(account: AccountReply): void {
    const current = sessions.get()
    if (current?.kind === 'account') sessions.save({ ...current, account })
  }

  return {
    async login(username: string, password: string): Promise<StaffLoginReply> {
      const reply = await http.request<StaffLoginReply>('/auth/staff/login', {
        method: 'POST',
        body: { username, password },
        auth: false
      })
      sessions.save({ kind: 'staff', accessToken: reply.accessToken, refreshToken: reply.refreshToken, user: reply.user })
      return reply
    },

    /** Patients: `code` comes from wx.login() (or the h5 development code); creates the account on first use. */
    async wechatLogin(code: string): Promise<WechatLoginReply> {
      const reply = await http.request<WechatLoginReply>('/auth/wechat/login', {
        method: 'POST',
        body: { code },
        auth: false
      })
      sessions.save({ kind: 'account', accessToken: reply.accessToken, refreshToken: reply.refreshToken, account: reply.account })
      return reply
    },

    /** Ends the session locally even when the server cannot be reached: the user asked to leave. */
    async logout(): Promise<void> {
      const current = sessions.get()
      sessions.clear()
      if (!current) return
      try {
        await http.request<void>('/auth/logout', { method: 'POST', body: { refreshToken: current.refreshToken }, auth: false })
      } catch {
        // The refresh token expires on its own; nothing useful to tell the user.
      }
    },

    /** Also refreshes the stored user or account, so a role granted since login shows up without signing in again. */
    async me(): Promise<MeReply> {
      const reply = await http.request<MeReply>('/me')
      const current = sessions.get()
      if (current?.kind === 'staff' && reply.kind === 'staff') sessions.save({ ...current, user: reply.user })
      if (reply.kind === 'account') rememberAccount(reply.account)
      return reply
    },

    async consentToPrivacy(version: string): Promise<AccountReply> {
      const account = await http.request<AccountReply>('/me/privacy-consent', { method: 'POST', body: { version } })
      rememberAccount(account)
      return account
    },

    exportMyData: () => http.request<PatientExportReply>('/me/export'),

    /** Closes the patient account for good; the session goes with it. */
    async closeAccount(): Promise<void> {
      await http.request<void>('/me/close', { method: 'POST' })
      sessions.clear()
    },

    health: () => http.request<HealthReply>('/health', { auth: false }),
    listDepartments: () => http.request<DepartmentReply[]>('/departments'),
    createDepartment: (input: CreateDepartmentInput) =>
      http.request<IdReply>('/departments', { method: 'POST', body: input }),

    listStaff: (query: ListStaffQuery = {}) => http.request<Page<StaffReply>>('/staff', { query: { ...query } }),
    getStaff: (id: string) => http.request<StaffReply>(`/staff/${segment(id)}`),
    createStaff: (input: CreateStaffDto) => http.request<IdReply>('/staff', { method: 'POST', body: input }),
    updateStaff: (id: string, input: UpdateStaffDto) =>
      http.request<StaffReply>(`/staff/${segment(id)}`, { method: 'PATCH', body: input }),
    disableStaff: (id: string) => http.request<StaffReply>(`/staff/${segment(id)}/disable`, { method: 'POST' }),
    enableStaff: (id: string) => http.request<StaffReply>(`/staff/${segment(id)}/enable`, { method: 'POST' }),
    listDoctors: (departmentId?: string) => http.request<DoctorReply[]>('/doctors', { query: { departmentId } }),

    /** Staff search by name prefix, phone or record number; a patient account gets its own patients. */
    listPatients: (query: PageQuery = {}) => http.request<Page<PatientReply>>('/patients', { query: { ...query } }),
    getPatient: (id: string) => http.request<PatientReply>(`/patients/${segment(id)}`),
    createPatient: (input: CreatePatientDto) =>
      http.request<CreatePatientReply>('/patients', { method: 'POST', body: input }),
    updatePatient: (id: string, input: UpdatePatientDto) =>
      http.request<PatientReply>(`/patients/${segment(id)}`, { method: 'PATCH', body: input }),
    /** Patient accounts: takes the patient off the account's family list; the clinic keeps the record. */
    removePatient: (id: string) => http.request<void>(`/patients/${segment(id)}`, { method: 'DELETE' }),
    linkPatient: (input: LinkPatientDto) =>
      http.request<CreatePatientReply>('/patients/link', { method: 'POST', body: input }),

    listAuditLogs: (query: AuditQuery = {}) =>
      http.request<Page<AuditEntryReply>>('/audit-logs', { query: { ...query } }),

    listSchedules: (query: ScheduleQuery = {}) => http.request<ScheduleReply[]>('/schedules', { query: { ...query } }),
    createSchedule: (input: CreateScheduleDto) => http.request<IdReply>('/schedules', { method: 'POST', body: input }),
    updateSchedule: (id: string, input: UpdateScheduleInput) =>
      http.request<ScheduleReply>(`/schedules/${segment(id)}`, { method: 'PATCH', body: input }),
    /** 停诊: the server cancels every appointment of the shift and tells the patients. */
    cancelSchedule: (id: string, reason: string) =>
      http.request<ScheduleReply>(`/schedules/${segment(id)}/cancel`, { method: 'POST', body: { reason } }),
    listTemplates: (doctorId?: string) => http.request<TemplateReply[]>('/schedule-templates', { query: { doctorId } }),
    createTemplate: (input: CreateTemplateDto) => http.request<IdReply>('/schedule-templates', { method: 'POST', body: input }),
    generateShifts: (weeks: number, doctorId?: string) =>
      http.request<GenerateShiftsReply>('/schedule-templates/generate', { method: 'POST', body: doctorId ? { weeks, doctorId } : { weeks } }),

    bookAppointment: (input: BookInput) => http.request<AppointmentReply>('/appointments', { method: 'POST', body: input }),
    listAppointments: (query: AppointmentQuery = {}) =>
      http.request<Page<AppointmentReply>>('/appointments', { query: { ...query } }),
    cancelAppointment: (id: string, reason?: string) =>
      http.request<AppointmentReply>(`/appointments/${segment(id)}/cancel`, { method: 'POST', body: reason ? { reason } : {} }),
    /** Staff send no code; a patient sends the clinic's check-in code of the day (from its QR code). */
    checkIn: (id: string, code?: string) =>
      http.request<CheckInReply>(`/appointments/${segment(id)}/check-in`, { method: 'POST', body: code ? { code } : {} }),
    queuePosition: (id: string) => http.request<QueuePositionReply>(`/appointments/${segment(id)}/queue`),

    walkIn: (input: Omit<BookInput, 'slotId'>) => http.request<CheckInReply>('/queue/walk-in', { method: 'POST', body: input }),
    checkInCode: () => http.request<CheckInCodeReply>('/queue/check-in-code'),
    /** Staff: full names. */
    queue: (target: QueueTarget) => http.request<QueueReply>('/queue', { query: { ...target } }),
    /** The waiting-room screen: names masked by the server (张*三). */
    queueDisplay: (target: QueueTarget) => http.request<QueueReply>('/queue/display', { query: { ...target } }),
    callNext: (doctorId: string, scheduleId?: string) =>
      http.request<QueueEntryReply>('/queue/call-next', { method: 'POST', body: scheduleId ? { doctorId, scheduleId } : { doctorId } }),
    /** 过号: back to the end of the queue. */
    skipPatient: (appointmentId: string) => http.request<QueueEntryReply>(`/appointments/${segment(appointmentId)}/skip`, { method: 'POST' }),
    recallPatient: (appointmentId: string) =>
      http.request<QueueEntryReply>(`/appointments/${segment(appointmentId)}/recall`, { method: 'POST' }),
    completeVisit: (appointmentId: string) =>
      http.request<QueueEntryReply>(`/appointments/${segment(appointmentId)}/complete`, { method: 'POST' }),

    /** Matches name, generic name, pinyin initials (amxl) or an exact barcode. */
    listDrugs: ({ includeInactive, ...query }: DrugQuery = {}) =>
      http.request<Page<DrugReply>>('/drugs', { query: { ...query, includeInactive: includeInactive ? 'true' : undefined } }),
    getDrug: (id: string) => http.request<DrugReply>(`/drugs/${segment(id)}`),
    createDrug: (input: CreateDrugDto) => http.request<IdReply>('/drugs', { method: 'POST', body: input }),
    /** A new price is kept in the price history; `active: false` retires the drug. */
    updateDrug: (id: string, input: DrugUpdateInput) => http.request<DrugReply>(`/drugs/${segment(id)}`, { method: 'PATCH', body: input }),
    drugPrices: (id: string) => http.request<DrugPriceReply[]>(`/drugs/${segment(id)}/prices`),
    drugStock: (id: string) => http.request<StockReply>(`/drugs/${segment(id)}/stock`),
    listFeeItems: () => http.request<FeeItemReply[]>('/fee-items'),

    listSuppliers: (query: PageQuery = {}) => http.request<Page<SupplierReply>>('/suppliers', { query: { ...query } }),
    createSupplier: (input: SupplierInput) => http.request<IdReply>('/suppliers', { method: 'POST', body: input }),
    updateSupplier: (id: string, input: Partial<SupplierInput>) =>
      http.request<SupplierReply>(`/suppliers/${segment(id)}`, { method: 'PATCH', body: input }),

    /** The whole receipt or nothing: a bad line is refused as VALIDATION.FAILED naming `items.<n>.<field>`. */
    createStockIn: (input: CreateStockInDto) => http.request<IdReply>('/stock-ins', { method: 'POST', body: input }),
    listStockIns: (page = 1, pageSize = 20) => http.request<Page<StockInReply>>('/stock-ins', { query: { page, pageSize } }),
    getStockIn: (id: string) => http.request<StockInReply>(`/stock-ins/${segment(id)}`),

    listDispensing: (query: DispensingQuery = {}) => http.request<Page<DispensingReply>>('/dispensing', { query: { ...query } }),
    getDispensing: (prescriptionId: string) => http.request<DispensingReply>(`/dispensing/${segment(prescriptionId)}`),
    /** Takes stock first expiry first out; the reply names the batches of each line. */
    dispense: (prescriptionId: string) =>
      http.request<DispensingReply>(`/prescriptions/${segment(prescriptionId)}/dispense`, { method: 'POST' }),
    /** The dispensing label as a file of this platform (see platform/open-pdf). */
    labelPdf: (prescriptionId: string) => http.fetchRaw(`/prescriptions/${segment(prescriptionId)}/label.pdf`, fetchPdf),
    returnDrugs: (prescriptionId: string, input: ReturnDto) =>
      http.request<ReturnReply>(`/prescriptions/${segment(prescriptionId)}/returns`, { method: 'POST', body: input }),

    /** Freezes every batch's book quantity; STOCKTAKE.OPEN_EXISTS while another one is open. */
    startStocktake: (note?: string) => http.request<StocktakeReply>('/stocktakes', { method: 'POST', body: note ? { note } : {} }),
    listStocktakes: (page = 1, pageSize = 20) => http.request<Page<StocktakeReply>>('/stocktakes', { query: { page, pageSize } }),
    getStocktake: (id: string) => http.request<StocktakeReply>(`/stocktakes/${segment(id)}`),
    /** Some batches at a time, as often as needed; a later count of a batch replaces the earlier one. */
    saveStocktakeCounts: (id: string, counts: StocktakeCountDto[]) =>
      http.request<StocktakeReply>(`/stocktakes/${segment(id)}/counts`, { method: 'PUT', body: { counts } }),
    /** Posts the variances as stock adjustments. */
    confirmStocktake: (id: string) => http.request<StocktakeReply>(`/stocktakes/${segment(id)}/confirm`, { method: 'POST' }),
    /** Drops the stocktake: nothing is adjusted. */
    cancelStocktake: (id: string) => http.request<StocktakeReply>(`/stocktakes/${segment(id)}/cancel`, { method: 'POST' }),

    pharmacyAlerts: () => http.request<PharmacyAlert[]>('/pharmacy/alerts'),
    stockValuation: () => http.request<StockValuationReply>('/pharmacy/reports/valuation'),
    stockMovements: (period: ReportPeriod) => http.request<MovementRow[]>('/pharmacy/reports/movements', { query: { ...period } }),
    drugUsage: (period: ReportPeriod) => http.request<UsageRow[]>('/pharmacy/reports/usage', { query: { ...period } }),
    daysLeft: () => http.request<DaysLeftRow[]>('/pharmacy/reports/days-left'),

    /** Opening the same appointment again answers the same encounter. */
    openEncounter: (input: OpenEncounterInput) => http.request<EncounterReply>('/encounters', { method: 'POST', body: input }),
    listEncounters: ({ mine, ...query }: EncounterQuery = {}) =>
      http.request<Page<EncounterReply>>('/encounters', { query: { ...query, mine: mine ? 'true' : undefined } }),
    getEncounter: (id: string) => http.request<EncounterReply>(`/encounters/${segment(id)}`),
    /** Oldest first. */
    emrVersions: (id: string) => http.request<EmrVersionReply[]>(`/encounters/${segment(id)}/emr/versions`),
    /** Saves the draft; EMR.SIGNED once signed. */
    saveEmr: (id: string, content: EmrContentDto) => http.request<EncounterReply>(`/encounters/${segment(id)}/emr`, { method: 'PUT', body: content }),
    /** EMR.INCOMPLETE names the empty required fields in its details. */
    signEmr: (id: string) => http.request<EncounterReply>(`/encounters/${segment(id)}/sign`, { method: 'POST' }),
    /** A new signed version: `changes` are the fields that change, the rest carry over. */
    amendEmr: (id: string, reason: string, changes: EmrContentDto) =>
      http.request<EncounterReply>(`/encounters/${segment(id)}/amendments`, { method: 'POST', body: { reason, changes } }),
    /** Needs the record signed (EMR.NOT_SIGNED); also completes the appointment in the queue. */
    finishEncounter: (id: string) => http.request<EncounterReply>(`/encounters/${segment(id)}/finish`, { method: 'POST' }),
    /** By code prefix (J06), words (上呼吸道) or pinyin initials (shxdgr). */
    searchIcd10: (query: string, limit = 20) => http.request<IcdCodeReply[]>('/icd10', { query: { query, limit } }),
    listEmrTemplates: () => http.request<EmrTemplateReply[]>('/emr-templates'),
    createEmrTemplate: (input: CreateEmrTemplateDto) => http.request<EmrTemplateReply>('/emr-templates', { method: 'POST', body: input }),
    deleteEmrTemplate: (id: string) => http.request<void>(`/emr-templates/${segment(id)}`, { method: 'DELETE' }),

    /** A DRAFT; the rules and the allergy check answer with their own codes. */
    createPrescription: (encounterId: string, input: CreatePrescriptionDto) =>
      http.request<PrescriptionReply>(`/encounters/${segment(encounterId)}/prescriptions`, { method: 'POST', body: input }),
    /** Reserves the stock and prices the lines; STOCK.INSUFFICIENT names the short drugs and nothing is signed. */
    signPrescription: (id: string) => http.request<PrescriptionReply>(`/prescriptions/${segment(id)}/sign`, { method: 'POST' }),
    cancelPrescription: (id: string, reason: string) =>
      http.request<PrescriptionReply>(`/prescriptions/${segment(id)}/cancel`, { method: 'POST', body: { reason } }),
    /** By encounter or patient; a patient account without a filter gets its own patients' signed prescriptions. */
    listPrescriptions: (query: PrescriptionQuery = {}) => http.request<Page<PrescriptionReply>>('/prescriptions', { query: { ...query } }),
    getPrescription: (id: string) => http.request<PrescriptionReply>(`/prescriptions/${segment(id)}`),
    /** The 处方笺 as a file of this platform (see platform/open-pdf). */
    prescriptionPdf: (id: string) => http.fetchRaw(`/prescriptions/${segment(id)}/pdf`, fetchPdf),

    /** A patient's bills (and, with `status`, only those in it). */
    listBills: (query: BillQuery = {}) => http.request<Page<BillReply>>('/bills', { query: { ...query } }),
    getBill: (id: string) => http.request<BillReply>(`/bills/${segment(id)}`),
    /**
     * Takes a desk payment (cash, card) or settles 医保. `idempotencyKey` names this attempt: send the same key again
     * when retrying after no answer, so the server takes the money at most once (see services/idempotency).
     */
    payBill: (billId: string, input: PaymentInput, idempotencyKey: string) =>
      http.request<PaymentReply>(`/bills/${segment(billId)}/payments`, {
        method: 'POST',
        body: input,
        headers: { 'Idempotency-Key': idempotencyKey }
      }),

    // The patient's side of billing (a patient account; the server answers its own patients only). The cashier's
    // refunds, daily close, reports and reconciliation are in api-billing.ts, which only staff sub-packages load.
    listMyBills: (query: MyBillQuery = {}) => http.request<Page<BillReply>>('/me/bills', { query: { ...query } }),
    getMyBill: (id: string) => http.request<BillReply>(`/me/bills/${segment(id)}`),
    /** Opens a WeChat payment for what is due (PENDING) and answers what wx.requestPayment needs. */
    wechatPay: (billId: string, idempotencyKey: string) =>
      http.request<WechatPrepayReply>(`/me/bills/${segment(billId)}/wechat-pay`, { method: 'POST', headers: { 'Idempotency-Key': idempotencyKey } }),
    /** The payment as the server knows it now (it asks WeChat when no notification has come). */
    getMyPayment: (id: string) => http.request<PaymentReply>(`/me/payments/${segment(id)}`),
    /** Development adapter only (no merchant configured): completes the pending payment as WeChat would. */
    devCompletePayment: (id: string) => http.request<PaymentReply>(`/me/payments/${segment(id)}/dev-complete`, { method: 'POST' }),
    myReceiptPdf: (billId: string) => http.fetchRaw(`/me/bills/${segment(billId)}/receipt.pdf`, fetchPdf),

    listReminders: () => http.request<ReminderReply[]>('/me/reminders'),
    reminderDone: (id: string) => http.request<ReminderReply>(`/me/reminders/${segment(id)}/done`, { method: 'POST' }),
    reminderSettings: () => http.request<ReminderSettings>('/me/reminder-settings'),
    saveReminderSettings: (settings: ReminderSettings) =>
      http.request<ReminderSettings>('/me/reminder-settings', { method: 'PUT', body: settings })
  }
}

export type ClinicApi = ReturnType<typeof createClinicApi>

// Written out in full: Taro substitutes the literal `process.env.TARO_APP_API_BASE` at build time.
const apiBase = (process.env.TARO_APP_API_BASE || DEFAULT_API_BASE).replace(/\/+$/, '')

/** The one HTTP client: api-billing.ts builds the staff billing calls on it (same session, same token refresh). */
export const http: HttpClient = createHttpClient({ baseUrl: apiBase, sessions: sessionStore, onSessionEnded: relaunchToSignIn })

export const api: ClinicApi = createClinicApi(http, sessionStore)
