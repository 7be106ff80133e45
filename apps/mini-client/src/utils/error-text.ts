import { isApiError, NETWORK_ERROR_MESSAGE, UNAVAILABLE_MESSAGE, type ApiError, type ApiErrorCode } from '../services/api'
import { formatFen } from './money'
import { formatClock } from './time'

export type ErrorTextOverrides = Partial<Record<ApiErrorCode, string>>

/** Chinese text for codes any page may meet; pages add their own (e.g. DEPARTMENT.NAME_TAKEN). */
const COMMON_TEXT: ErrorTextOverrides = {
  'NETWORK.FAILED': NETWORK_ERROR_MESSAGE,
  'UPSTREAM.UNAVAILABLE': UNAVAILABLE_MESSAGE,
  RATE_LIMITED: '操作过于频繁，请稍后再试',
  'AUTH.ACCOUNT_LOCKED': '账号已锁定，请稍后重试',
  'AUTH.FORBIDDEN': '没有权限执行此操作',
  'PRIVACY.CONSENT_REQUIRED': '请先阅读并同意隐私政策',
  NOT_FOUND: '记录不存在或已被删除'
}

function detail(error: ApiError, key: string): unknown {
  const details = error.details
  return typeof details === 'object' && details !== null ? (details as Record<string, unknown>)[key] : undefined
}

/** Texts built from an error's details: when to try again, or how much is still due. */
function timedText(error: ApiError, now: Date): string | null {
  if (error.code === 'AUTH.ACCOUNT_LOCKED') {
    const until = detail(error, 'lockedUntil')
    const clock = typeof until === 'string' ? formatClock(until, now) : null
    return clock ? `账号已锁定，请于 ${clock} 后重试` : null
  }
  if (error.code === 'RATE_LIMITED') {
    const seconds = detail(error, 'retryAfterSeconds')
    return typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0
      ? `操作过于频繁，请 ${Math.ceil(seconds)} 秒后再试`
      : null
  }
  if (error.code === 'PAYMENT.EXCEEDS_DUE') {
    const due = detail(error, 'dueFen')
    return typeof due === 'number' && Number.isInteger(due) && due >= 0 ? `收款金额超过应收，当前应收 ${formatFen(due)}` : '收款金额超过应收金额'
  }
  if (error.code === 'APPOINTMENT.NO_SHOW_BLOCKED') {
    const until = detail(error, 'until')
    const clock = typeof until === 'string' ? formatDay(until) : null
    return clock ? `${NO_SHOW_BLOCKED_TEXT}，${clock} 后可再次预约` : null
  }
  return null
}

/** "2026年12月1日" of an ISO instant or a YYYY-MM-DD date, in local time. */
function formatDay(value: string): string | null {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00`) : new Date(value)
  if (Number.isNaN(date.getTime())) return null
  return `${date.getFullYear()}年${date.getMonth() + 1}月${date.getDate()}日`
}

const NO_SHOW_BLOCKED_TEXT = '爽约次数过多，暂停线上预约'

/** Booking, check-in and queue refusals, for every page that books, checks in or calls patients. */
export const SCHEDULING_ERROR_TEXT: ErrorTextOverrides = {
  'APPOINTMENT.SLOT_FULL': '该时段已约满',
  'APPOINTMENT.SLOT_REQUIRED': '请选择就诊时段',
  'APPOINTMENT.DUPLICATE': '已预约该号，请勿重复预约',
  'APPOINTMENT.DAILY_LIMIT': '当日预约已达上限',
  'APPOINTMENT.OUTSIDE_WINDOW': '不在可预约时间内',
  'APPOINTMENT.NOT_CANCELLABLE': '该预约当前不能取消',
  'APPOINTMENT.NOT_CHECKABLE': '当前不在该出诊时段的签到时间内',
  'APPOINTMENT.CHECK_IN_CODE': '签到码无效或已过期，请扫描诊所现场的签到码',
  'SCHEDULE.CANCELLED': '该出诊已停诊',
  'SCHEDULE.EXISTS': '该医生在此日期和时段已有出诊',
  'SCHEDULE.CAPACITY_BELOW_BOOKED': '号源数不能少于已预约人数',
  'QUEUE.EMPTY': '无人候诊',
  'QUEUE.STATE': '该患者当前状态不能执行此操作，请刷新后重试',
  'VALIDATION.FAILED': '请检查填写的内容'
}

/** 接诊, the medical record and prescriptions: the doctor's workstation and the patient's visit records. */
export const VISIT_ERROR_TEXT: ErrorTextOverrides = {
  'VALIDATION.FAILED': '请检查填写的内容',
  NOT_FOUND: '没有找到该就诊记录',
  'ENCOUNTER.NOT_CALLED': '该患者尚未叫号，请先在候诊队列中叫号',
  'ENCOUNTER.NOT_OWN': '这不是您本人的接诊，不能修改',
  'ENCOUNTER.FINISHED': '本次接诊已结束',
  'EMR.SIGNED': '病历已签署，不能再修改；如需更改请使用“修订”',
  'EMR.NOT_SIGNED': '请先签署病历，再结束接诊',
  'EMR.INCOMPLETE': '病历不完整，不能签署',
  'PRESCRIPTION.TOO_MANY_DRUGS': '一张处方最多 5 种药品，其余请另开处方',
  'PRESCRIPTION.DAYS_OVER_LIMIT': '用药天数超出限制：普通处方超过 7 天须填写理由，急诊处方不超过 3 天',
  'PRESCRIPTION.CONTROLLED_LIMIT': '管制药品超出规定天数（麻醉药品 3 天、第二类精神药品 7 天、医疗用毒性药品 2 天）',
  'PRESCRIPTION.ALLERGY': '患者对处方中的药品有过敏记录，请确认并填写理由',
  'PRESCRIPTION.SIGNED': '处方已签署，不能再修改',
  'PRESCRIPTION.NOT_SIGNED': '处方尚未签署',
  'PRESCRIPTION.NOT_RELEASABLE': '处方已缴费，不能作废',
  'STOCK.INSUFFICIENT': '库存不足，处方未签署',
  'DRUG.INACTIVE': '处方中有已停用的药品'
}

/** 收费: the cashier's payment refusals (PAYMENT.EXCEEDS_DUE names the amount still due when the server sends it). */
export const BILLING_ERROR_TEXT: ErrorTextOverrides = {
  'VALIDATION.FAILED': '请检查填写的金额',
  NOT_FOUND: '没有找到该账单',
  'PAYMENT.TENDER_SHORT': '实收金额不足，不能少于本次收款金额',
  'PAYMENT.IDEMPOTENCY_KEY_REQUIRED': '收款请求不完整，请重新提交',
  'PAYMENT.IDEMPOTENCY_KEY_REUSED': '这笔收款已提交过，请核对账单后再收',
  'PAYMENT.ONLINE_PENDING': '有一笔微信支付尚未完成，占用了部分应收金额',
  'PAYMENT.NOT_PENDING': '该笔支付已不是待支付状态，请刷新账单',
  'PAYMENT.CHANNEL_REFUSED': '支付渠道拒绝了本次请求，请稍后重试',
  'INSURANCE.SETTLEMENT_FAILED': '医保结算失败，请核对医保卡后重试，或改用其他方式收款',
  'RECEIPT.NOTHING_PAID': '该账单还没有收款，没有收据可打印'
}

/** What to show the user for a failed call: a known code's text, else the server's own message. */
export function errorText(error: unknown, overrides: ErrorTextOverrides = {}, now: Date = new Date()): string {
  if (!isApiError(error)) return '操作失败，请稍后重试'
  const known = overrides[error.code] ?? timedText(error, now) ?? COMMON_TEXT[error.code] ?? schedulingText(error.code)
  if (known) return known
  // The error id lets support find the logged stack trace; the user never sees one.
  if (error.code === 'INTERNAL') return error.errorId ? `系统内部错误（编号 ${error.errorId}）` : '系统内部错误'
  return error.message
}

function schedulingText(code: ApiErrorCode): string | undefined {
  return code === 'APPOINTMENT.NO_SHOW_BLOCKED' ? NO_SHOW_BLOCKED_TEXT : undefined
}

/** The refused fields of a VALIDATION.FAILED body, each with its messages joined; [] for any other error. */
function validationDetails(error: unknown): { field: string; message: string }[] {
  return isApiError(error) && error.code === 'VALIDATION.FAILED' ? detailFields(error) : []
}

/**
 * The fields named in an error's details as FieldError[] ({field, errors}), whatever its code: VALIDATION.FAILED,
 * EMR.INCOMPLETE, PRESCRIPTION.DAYS_OVER_LIMIT and PRESCRIPTION.CONTROLLED_LIMIT all name fields this way.
 */
export function detailFields(error: unknown): { field: string; message: string }[] {
  if (!isApiError(error) || !Array.isArray(error.details)) return []
  return error.details.flatMap((item: unknown) => {
    if (typeof item !== 'object' || item === null) return []
    const { field, errors } = item as { field?: unknown; errors?: unknown }
    if (typeof field !== 'string' || !Array.isArray(errors)) return []
    return [{ field, message: errors.filter((e) => typeof e === 'string').join('；') }]
  })
}

/** Field messages from a VALIDATION.FAILED body, with field names translated where known. */
export function fieldErrors(error: unknown, fieldLabels: Record<string, string>): string[] {
  return validationDetails(error).map(({ field, message }) => `${fieldLabels[field] ?? field}：${message}`)
}

/** A VALIDATION.FAILED body of a form with lines, split into the lines' fields and the rest. */
export interface ItemFieldErrors {
  /** By line index, then field: `items.2.expiryDate` is `lines[2].expiryDate`. */
  lines: Record<number, Record<string, string>>
  /** Fields outside the lines (and a line refused as a whole, `items.2`), as fieldErrors gives them. */
  other: string[]
}

/** Sorts the refused fields of a form with lines (`<prefix>.<n>.<field>`) onto their lines. */
export function itemFieldErrors(error: unknown, fieldLabels: Record<string, string>, prefix = 'items'): ItemFieldErrors {
  const result: ItemFieldErrors = { lines: {}, other: [] }
  const pattern = new RegExp(`^${prefix}\\.(\\d+)\\.(.+)$`)
  for (const { field, message } of validationDetails(error)) {
    const match = pattern.exec(field)
    if (match) {
      const index = Number(match[1])
      result.lines[index] = { ...result.lines[index], [match[2]]: message }
    } else {
      result.other.push(`${fieldLabels[field] ?? field}：${message}`)
    }
  }
  return result
}
