/**
 * Every error code that may cross a process boundary, with the HTTP status the gateway answers it with.
 * Codes are a public API (clients switch on them): add new ones, never rename or reuse one.
 */
export const ERROR_STATUS = {
  'VALIDATION.FAILED': 400,
  'REQUEST.MALFORMED': 400,
  'REQUEST.TOO_LARGE': 413,
  'AUTH.UNAUTHENTICATED': 401,
  'AUTH.INVALID_CREDENTIALS': 401,
  'AUTH.TOKEN_EXPIRED': 401,
  'AUTH.TOKEN_INVALID': 401,
  'AUTH.REFRESH_INVALID': 401,
  'AUTH.FORBIDDEN': 403,
  'AUTH.ACCOUNT_LOCKED': 423,
  'AUTH.WECHAT_CODE_INVALID': 401,
  'PRIVACY.CONSENT_REQUIRED': 403,
  'NOT_FOUND': 404,
  'DEPARTMENT.NAME_TAKEN': 409,
  'PATIENT.ID_CARD_TAKEN': 409,
  'PATIENT.FAMILY_LIMIT': 409,
  'PATIENT.ALREADY_LINKED': 409,
  'STAFF.USERNAME_TAKEN': 409,
  'SCHEDULE.EXISTS': 409,
  'SCHEDULE.CANCELLED': 409,
  'SCHEDULE.CAPACITY_BELOW_BOOKED': 409,
  'APPOINTMENT.SLOT_FULL': 409,
  'APPOINTMENT.SLOT_REQUIRED': 400,
  'APPOINTMENT.DUPLICATE': 409,
  'APPOINTMENT.DAILY_LIMIT': 409,
  'APPOINTMENT.OUTSIDE_WINDOW': 409,
  'APPOINTMENT.NOT_CANCELLABLE': 409,
  'APPOINTMENT.NOT_CHECKABLE': 409,
  'APPOINTMENT.CHECK_IN_CODE': 403,
  'APPOINTMENT.NO_SHOW_BLOCKED': 409,
  'QUEUE.EMPTY': 404,
  'QUEUE.STATE': 409,
  'STAFF.LAST_ADMIN': 409,
  'ENCOUNTER.NOT_CALLED': 409,
  'ENCOUNTER.NOT_OWN': 403,
  'ENCOUNTER.FINISHED': 409,
  'EMR.SIGNED': 409,
  'EMR.NOT_SIGNED': 409,
  'EMR.INCOMPLETE': 400,
  'REMINDER.STATE': 409,
  'PRESCRIPTION.TOO_MANY_DRUGS': 400,
  'PRESCRIPTION.DAYS_OVER_LIMIT': 400,
  'PRESCRIPTION.CONTROLLED_LIMIT': 400,
  'PRESCRIPTION.ALLERGY': 409,
  'PRESCRIPTION.SIGNED': 409,
  'PRESCRIPTION.NOT_SIGNED': 409,
  'DRUG.DUPLICATE': 409,
  'DRUG.INACTIVE': 409,
  'SUPPLIER.NAME_TAKEN': 409,
  'STOCK.INSUFFICIENT': 409,
  'STOCK.BATCH_MISMATCH': 409,
  'PRESCRIPTION.NOT_READY': 409,
  'PRESCRIPTION.EXPIRED': 409,
  'PRESCRIPTION.NOT_RELEASABLE': 409,
  'RETURN.EXCEEDS_DISPENSED': 409,
  'STOCKTAKE.OPEN_EXISTS': 409,
  'STOCKTAKE.CLOSED': 409,
  'FEE_ITEM.NAME_TAKEN': 409,
  /** Another registration fee item already holds this doctor title (a retired one too: edit it instead). */
  'FEE_ITEM.TITLE_TAKEN': 409,
  'PAYMENT.EXCEEDS_DUE': 409,
  'PAYMENT.IDEMPOTENCY_KEY_REQUIRED': 400,
  'PAYMENT.IDEMPOTENCY_KEY_REUSED': 409,
  'PAYMENT.TENDER_SHORT': 400,
  /** A WeChat or 医保 payment holds part of the bill and has not finished. */
  'PAYMENT.ONLINE_PENDING': 409,
  'PAYMENT.NOT_PENDING': 409,
  /** The channel (WeChat Pay, 医保) refused the request; details carry its code. */
  'PAYMENT.CHANNEL_REFUSED': 409,
  'PAYMENT.ALREADY_REVERSED': 409,
  /** Only a succeeded cash or card payment with nothing refunded may be reversed; anything else is refunded. */
  'PAYMENT.NOT_REVERSIBLE': 409,
  /** A WeChat Pay notification that fails verification: bad signature, unknown serial, stale, or not ours. */
  'WECHATPAY.NOTIFY_REJECTED': 401,
  'REFUND.NOT_RETURNED': 409,
  'REFUND.EXCEEDS_PAID': 409,
  'REFUND.IDEMPOTENCY_KEY_REUSED': 409,
  'REFUND.NOT_PAID': 409,
  'REFUND.INSURANCE_WHOLE': 409,
  'INSURANCE.SETTLEMENT_FAILED': 409,
  'SETTLEMENT.DAY_CLOSED': 409,
  'SETTLEMENT.DAY_NOT_STARTED': 409,
  /** A receipt proves money received: a bill with nothing (left) paid has none. */
  'RECEIPT.NOTHING_PAID': 409,
  'RECONCILIATION.BAD_FILE': 400,
  'RATE_LIMITED': 429,
  'INTERNAL': 500,
  'UPSTREAM.UNAVAILABLE': 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** The one shape of an error on the wire, between services and from the gateway to clients. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details?: unknown;
  /** Set for INTERNAL: the id under which the unexpected error was logged. */
  errorId?: string;
}

/** One invalid field, as listed in `details` of VALIDATION.FAILED. */
export interface FieldError {
  field: string;
  errors: string[];
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_STATUS, value);
}

export function isErrorBody(value: unknown): value is ErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    isErrorCode((value as { code?: unknown }).code) &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}

export function httpStatusOf(code: ErrorCode): number {
  return ERROR_STATUS[code];
}
