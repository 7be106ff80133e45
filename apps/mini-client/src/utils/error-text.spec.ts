import { describe, expect, it } from '@jest/globals'
import { ApiError } from '../services/api'
import { BILLING_ERROR_TEXT, detailFields, errorText, fieldErrors, itemFieldErrors, SCHEDULING_ERROR_TEXT, VISIT_ERROR_TEXT } from './error-text'

describe('errorText', () => {
  it('prefers the page text, then the common text, then the server message', () => {
    const taken = new ApiError(409, { code: 'DEPARTMENT.NAME_TAKEN', message: 'Department name already exists' })
    expect(errorText(taken, { 'DEPARTMENT.NAME_TAKEN': '科室名称已存在' })).toBe('科室名称已存在')
    expect(errorText(taken)).toBe('Department name already exists')
    expect(errorText(new ApiError(503, { code: 'UPSTREAM.UNAVAILABLE', message: 'patient-svc down' }))).toBe('服务暂不可用，请稍后重试')
  })

  it('shows the error id of an internal error, never a stack', () => {
    expect(errorText(new ApiError(500, { code: 'INTERNAL', message: 'Error: boom at x.ts:1', errorId: 'e-42' }))).toBe('系统内部错误（编号 e-42）')
  })

  it('lists validation details with translated field names', () => {
    const invalid = new ApiError(400, {
      code: 'VALIDATION.FAILED',
      message: 'Validation failed',
      details: [{ field: 'name', errors: ['name should not be empty'] }]
    })
    expect(fieldErrors(invalid, { name: '科室名称' })).toEqual(['科室名称：name should not be empty'])
  })

  it('sorts the fields of a form with lines onto their lines', () => {
    const invalid = new ApiError(400, {
      code: 'VALIDATION.FAILED',
      message: 'Validation failed',
      details: [
        { field: 'items.2.expiryDate', errors: ['expired', 'too soon'] },
        { field: 'items.2.quantity', errors: ['must be positive'] },
        { field: 'items.10.batchNo', errors: ['empty'] },
        { field: 'supplierId', errors: ['must be a UUID'] },
        { field: 'items', errors: ['at least one line'] },
        { field: 7, errors: ['ignored'] }
      ]
    })
    expect(itemFieldErrors(invalid, { supplierId: '供应商', items: '明细' })).toEqual({
      lines: { 2: { expiryDate: 'expired；too soon', quantity: 'must be positive' }, 10: { batchNo: 'empty' } },
      other: ['供应商：must be a UUID', '明细：at least one line']
    })
    expect(itemFieldErrors(new ApiError(409, { code: 'STOCK.INSUFFICIENT', message: 'x' }), {})).toEqual({ lines: {}, other: [] })
  })
})

describe('errors that say when to try again', () => {
  const now = new Date(2026, 10, 26, 14, 0, 0)

  it('shows a lock ending today as local HH:mm', () => {
    const lockedUntil = new Date(2026, 10, 26, 14, 5, 0).toISOString()
    const locked = new ApiError(423, { code: 'AUTH.ACCOUNT_LOCKED', message: 'locked', details: { lockedUntil } })
    expect(errorText(locked, {}, now)).toBe('账号已锁定，请于 14:05 后重试')
  })

  it('adds the date when the lock ends on another day', () => {
    const lockedUntil = new Date(2026, 10, 27, 9, 30, 0).toISOString()
    const locked = new ApiError(423, { code: 'AUTH.ACCOUNT_LOCKED', message: 'locked', details: { lockedUntil } })
    expect(errorText(locked, {}, now)).toBe('账号已锁定，请于 11月27日 09:30 后重试')
  })

  it('says how many seconds to wait when rate limited', () => {
    const limited = new ApiError(429, { code: 'RATE_LIMITED', message: 'Too many requests', details: { retryAfterSeconds: 37 } })
    expect(errorText(limited)).toBe('操作过于频繁，请 37 秒后再试')
    expect(errorText(new ApiError(429, { code: 'RATE_LIMITED', message: 'Too many requests', details: { retryAfterSeconds: 0.2 } }))).toBe(
      '操作过于频繁，请 1 秒后再试'
    )
  })

  it('falls back to a general text when the details are missing or odd', () => {
    expect(errorText(new ApiError(429, { code: 'RATE_LIMITED', message: 'x' }))).toBe('操作过于频繁，请稍后再试')
    expect(errorText(new ApiError(423, { code: 'AUTH.ACCOUNT_LOCKED', message: 'x', details: { lockedUntil: 'soon' } }))).toBe(
      '账号已锁定，请稍后重试'
    )
  })
})

describe('scheduling errors', () => {
  const refused = (code: ConstructorParameters<typeof ApiError>[1]['code'], details?: unknown) =>
    new ApiError(409, { code, message: 'English server text', details })

  it('has a Chinese text for every booking, check-in and queue refusal', () => {
    const texts = (['APPOINTMENT.SLOT_FULL', 'APPOINTMENT.DUPLICATE', 'APPOINTMENT.DAILY_LIMIT', 'APPOINTMENT.OUTSIDE_WINDOW', 'SCHEDULE.CANCELLED', 'QUEUE.EMPTY'] as const).map(
      (code) => errorText(refused(code), SCHEDULING_ERROR_TEXT)
    )
    expect(texts).toEqual(['该时段已约满', '已预约该号，请勿重复预约', '当日预约已达上限', '不在可预约时间内', '该出诊已停诊', '无人候诊'])
    for (const code of ['APPOINTMENT.NOT_CANCELLABLE', 'APPOINTMENT.NOT_CHECKABLE', 'APPOINTMENT.CHECK_IN_CODE', 'QUEUE.STATE', 'SCHEDULE.EXISTS', 'SCHEDULE.CAPACITY_BELOW_BOOKED'] as const) {
      expect(errorText(refused(code), SCHEDULING_ERROR_TEXT)).not.toBe('English server text')
    }
  })

  it('asks for a time slot when the shift is split into slots', () => {
    const required = new ApiError(400, { code: 'APPOINTMENT.SLOT_REQUIRED', message: 'Choose a time slot' })
    expect(errorText(required, SCHEDULING_ERROR_TEXT)).toBe('请选择就诊时段')
  })

  it('says until when a patient with too many no-shows cannot book online', () => {
    expect(errorText(refused('APPOINTMENT.NO_SHOW_BLOCKED', { until: '2026-12-31' }), SCHEDULING_ERROR_TEXT)).toBe(
      '爽约次数过多，暂停线上预约，2026年12月31日 后可再次预约'
    )
    expect(errorText(refused('APPOINTMENT.NO_SHOW_BLOCKED'))).toBe('爽约次数过多，暂停线上预约')
    expect(errorText(refused('APPOINTMENT.NO_SHOW_BLOCKED', { until: 'later' }))).toBe('爽约次数过多，暂停线上预约')
  })
})

describe('visit refusals', () => {
  it('has Chinese text for every code of the encounter, the record and the prescription', () => {
    const codes = [
      'ENCOUNTER.NOT_CALLED',
      'ENCOUNTER.NOT_OWN',
      'ENCOUNTER.FINISHED',
      'EMR.SIGNED',
      'EMR.NOT_SIGNED',
      'EMR.INCOMPLETE',
      'PRESCRIPTION.TOO_MANY_DRUGS',
      'PRESCRIPTION.DAYS_OVER_LIMIT',
      'PRESCRIPTION.CONTROLLED_LIMIT',
      'PRESCRIPTION.ALLERGY',
      'PRESCRIPTION.SIGNED',
      'PRESCRIPTION.NOT_SIGNED',
      'STOCK.INSUFFICIENT'
    ] as const
    for (const code of codes) {
      const text = errorText(new ApiError(409, { code, message: 'English from the server' }), VISIT_ERROR_TEXT)
      expect(text).not.toBe('English from the server')
      expect(text).toMatch(/[\u4e00-\u9fff]/)
    }
    expect(errorText(new ApiError(409, { code: 'ENCOUNTER.NOT_CALLED', message: 'x' }), VISIT_ERROR_TEXT)).toBe('该患者尚未叫号，请先在候诊队列中叫号')
  })

  it('reads the fields named by any code, not only VALIDATION.FAILED', () => {
    const incomplete = new ApiError(400, { code: 'EMR.INCOMPLETE', message: 'x', details: [{ field: 'diagnoses', errors: ['at least one', 'one primary'] }] })
    expect(detailFields(incomplete)).toEqual([{ field: 'diagnoses', message: 'at least one；one primary' }])
    // fieldErrors stays about validation only.
    expect(fieldErrors(incomplete, {})).toEqual([])
  })
})

describe('billing errors', () => {
  it('names the amount still due when a payment exceeds it', () => {
    const exceeds = new ApiError(409, { code: 'PAYMENT.EXCEEDS_DUE', message: 'Payment exceeds due', details: { dueFen: 1250 } })
    expect(errorText(exceeds, BILLING_ERROR_TEXT)).toBe('收款金额超过应收，当前应收 ¥12.50')
    expect(errorText(new ApiError(409, { code: 'PAYMENT.EXCEEDS_DUE', message: 'Payment exceeds due' }), BILLING_ERROR_TEXT)).toBe('收款金额超过应收金额')
  })

  it('explains the other refusals in Chinese', () => {
    const text = (code: 'PAYMENT.TENDER_SHORT' | 'PAYMENT.IDEMPOTENCY_KEY_REQUIRED' | 'PAYMENT.IDEMPOTENCY_KEY_REUSED', status: number) =>
      errorText(new ApiError(status, { code, message: 'english' }), BILLING_ERROR_TEXT)
    expect(text('PAYMENT.TENDER_SHORT', 400)).toBe('实收金额不足，不能少于本次收款金额')
    expect(text('PAYMENT.IDEMPOTENCY_KEY_REQUIRED', 400)).toBe('收款请求不完整，请重新提交')
    expect(text('PAYMENT.IDEMPOTENCY_KEY_REUSED', 409)).toBe('这笔收款已提交过，请核对账单后再收')
  })
})
