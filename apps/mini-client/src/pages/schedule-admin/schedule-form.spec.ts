import { describe, expect, it } from '@jest/globals'
import { cancelReasonProblem, editValuesOf, emptyShiftForm, hasProblems, parseWeeks, slotInput, slotProblems, toScheduleInput, toScheduleUpdate, toTemplateInput, validateShift, validateTemplate } from './schedule-form'

const DOC = 'doc-1'

describe('template and shift forms', () => {
  it('accepts the default morning form and builds the bodies', () => {
    const values = { ...emptyShiftForm('AM'), weekday: '3', fee: '15.5' }
    expect(hasProblems(validateTemplate(values, DOC))).toBe(false)
    expect(toTemplateInput(values, DOC)).toEqual({ doctorId: DOC, weekday: 3, period: 'AM', startTime: '08:00', endTime: '12:00', capacity: 30, registrationFeeFen: 1550 })
    const shift = { ...emptyShiftForm('PM'), date: '2026-12-02' }
    expect(validateShift(shift, DOC, '2026-12-01')).toEqual({})
    expect(toScheduleInput(shift, DOC)).toEqual({ doctorId: DOC, date: '2026-12-02', period: 'PM', startTime: '14:00', endTime: '17:30', capacity: 30 })
  })

  it('says what is wrong', () => {
    const errors = validateTemplate({ ...emptyShiftForm(), startTime: '12:00', endTime: '08:00', capacity: '0', fee: '1.234' }, '')
    expect(errors).toEqual({ doctor: '请先选择医生', endTime: '结束时间应晚于开始时间', capacity: '号源数应在 1 到 500 之间', fee: '挂号费格式不正确，例如 15 或 15.50' })
    expect(validateTemplate({ ...emptyShiftForm(), startTime: '8:00' }, DOC).startTime).toBe('开始时间格式为 HH:MM')
    expect(validateShift({ ...emptyShiftForm(), date: '2026-11-30' }, DOC, '2026-12-01').date).toBe('不能为过去的日期排班')
    expect(validateShift({ ...emptyShiftForm(), date: '2026-02-30' }, DOC, '2026-01-01').date).toBe('日期格式为 YYYY-MM-DD')
  })

  it('checks the optional time slots: both or neither, in range', () => {
    expect(slotProblems({ slotMinutes: '', slotCapacity: ' ' })).toEqual({})
    expect(slotProblems({ slotMinutes: '15', slotCapacity: '3' })).toEqual({})
    expect(slotProblems({ slotMinutes: '15', slotCapacity: '' })).toEqual({ slotCapacity: '分时段需同时填写每段人数' })
    expect(slotProblems({ slotMinutes: '', slotCapacity: '3' })).toEqual({ slotMinutes: '分时段需同时填写每段分钟' })
    expect(slotProblems({ slotMinutes: '4', slotCapacity: '501' })).toEqual({ slotMinutes: '每段分钟应为 5 到 240 的整数', slotCapacity: '每段人数应为 1 到 500 的整数' })
    expect(slotProblems({ slotMinutes: '241', slotCapacity: '0' })).toEqual({ slotMinutes: '每段分钟应为 5 到 240 的整数', slotCapacity: '每段人数应为 1 到 500 的整数' })
    expect(slotProblems({ slotMinutes: '7.5', slotCapacity: '2' }).slotMinutes).toBe('每段分钟应为 5 到 240 的整数')
    expect(slotProblems({ slotMinutes: '5', slotCapacity: '1' })).toEqual({})
    expect(slotProblems({ slotMinutes: '240', slotCapacity: '500' })).toEqual({})
    expect(validateTemplate({ ...emptyShiftForm(), slotMinutes: '15' }, DOC).slotCapacity).toBe('分时段需同时填写每段人数')
  })

  it('sends the time slots only when filled', () => {
    expect(slotInput({ slotMinutes: '', slotCapacity: '' })).toEqual({})
    expect(slotInput({ slotMinutes: ' 15 ', slotCapacity: '3' })).toEqual({ slotMinutes: 15, slotCapacity: 3 })
    const values = { ...emptyShiftForm('AM'), date: '2026-12-02', slotMinutes: '20', slotCapacity: '4' }
    expect(toScheduleInput(values, DOC)).toEqual({ doctorId: DOC, date: '2026-12-02', period: 'AM', startTime: '08:00', endTime: '12:00', capacity: 30, slotMinutes: 20, slotCapacity: 4 })
    expect(toTemplateInput({ ...values, weekday: '1' }, DOC)).toMatchObject({ slotMinutes: 20, slotCapacity: 4 })
  })

  it('generates 1 to 12 weeks', () => {
    expect(parseWeeks('4')).toEqual({ weeks: 4 })
    expect(parseWeeks('13')).toHaveProperty('problem')
    expect(parseWeeks('0')).toHaveProperty('problem')
    expect(parseWeeks('2.5')).toHaveProperty('problem')
  })
})

describe('editing a shift', () => {
  const shift = { capacity: 30, booked: 12, registrationFeeFen: 1500 }

  it('sends only what changed', () => {
    expect(editValuesOf(shift)).toEqual({ capacity: '30', fee: '15.00' })
    expect(toScheduleUpdate(shift, { capacity: '30', fee: '15' })).toEqual({ update: {} })
    expect(toScheduleUpdate(shift, { capacity: '40', fee: '20' })).toEqual({ update: { capacity: 40, registrationFeeFen: 2000 } })
  })

  it('refuses a capacity below the places taken', () => {
    expect(toScheduleUpdate(shift, { capacity: '10', fee: '15' })).toEqual({ problem: '号源数不能少于已预约的 12 人' })
    expect(toScheduleUpdate(shift, { capacity: '12', fee: '15' })).toEqual({ update: { capacity: 12 } })
  })

  it('needs a reason to cancel a shift', () => {
    expect(cancelReasonProblem('  ')).toBe('请填写停诊原因')
    expect(cancelReasonProblem('外出会诊')).toBeNull()
  })
})
