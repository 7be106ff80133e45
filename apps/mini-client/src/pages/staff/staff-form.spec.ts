import { describe, expect, it } from '@jest/globals'
import type { StaffReply } from '@clinic/contracts'
import { PASSWORD_RULE } from '@clinic/rules'
import { emptyStaffForm, formFromStaff, isLocked, passwordHint, toCreateStaffInput, toStaffUpdate, validateStaffForm } from './staff-form'

const GOOD_PASSWORD = 'Clinic-2026-ok'

function staff(overrides: Partial<StaffReply> = {}): StaffReply {
  return {
    id: 's-1',
    username: 'doctor.wang',
    name: '王医生',
    roles: ['doctor'],
    departmentId: 'd-1',
    title: '主治医师',
    specialty: '呼吸系统疾病',
    introduction: null,
    status: 'ACTIVE',
    lockedUntil: null,
    createdAt: '2026-11-01T00:00:00Z',
    ...overrides
  }
}

describe('passwordHint (the shared rule, in Chinese)', () => {
  it.each([
    ['Ab1-short', '密码长度须为 10–128 位'],
    ['alllowercase1234', '密码须至少包含大写字母、小写字母、数字、符号中的三类'],
    ['Doctor.Wang-2026', '密码不得包含用户名']
  ])('explains what is wrong with %p', (password, hint) => {
    expect(passwordHint(password, 'doctor.wang')).toBe(hint)
  })

  it('passes a password that meets the rule', () => {
    expect(passwordHint(GOOD_PASSWORD, 'doctor.wang')).toBeNull()
  })

  it('never answers in English', () => {
    for (const password of ['', 'x'.repeat(200), 'aaaaaaaaaaaa', 'doctor.wang-X1']) {
      const hint = passwordHint(password, 'doctor.wang')
      expect(hint).not.toBeNull()
      expect(hint).not.toMatch(/[a-z]{4}/)
    }
    expect(PASSWORD_RULE).toContain('10–128')
  })
})

describe('validateStaffForm', () => {
  const filled = { ...emptyStaffForm(), username: 'nurse.li', password: GOOD_PASSWORD, name: '李护士', roles: ['receptionist' as const] }

  it('accepts a complete new user', () => {
    expect(validateStaffForm(filled, 'create')).toEqual({})
  })

  it('checks username, password, name and roles on create', () => {
    expect(validateStaffForm(emptyStaffForm(), 'create')).toEqual({
      username: '请填写用户名',
      password: '请设置初始密码',
      name: '请填写姓名',
      roles: '请至少选择一个角色'
    })
    expect(validateStaffForm({ ...filled, username: 'Nurse Li' }, 'create').username).toContain('小写字母')
    expect(validateStaffForm({ ...filled, password: 'nurse.li-Pass1' }, 'create').password).toBe('密码不得包含用户名')
  })

  it('lets an edit leave the password empty, but checks a new one', () => {
    const editing = formFromStaff(staff())
    expect(validateStaffForm(editing, 'edit')).toEqual({})
    expect(validateStaffForm({ ...editing, password: 'short' }, 'edit').password).toBe('密码长度须为 10–128 位')
  })
})

describe('request bodies', () => {
  it('leaves empty optional fields out of a create', () => {
    const values = { ...emptyStaffForm(), username: ' nurse.li ', password: GOOD_PASSWORD, name: '李护士', roles: ['receptionist' as const] }
    expect(toCreateStaffInput(values)).toEqual({ username: 'nurse.li', password: GOOD_PASSWORD, name: '李护士', roles: ['receptionist'] })
  })

  it('patches only what changed and clears emptied fields with null', () => {
    const original = staff()
    expect(toStaffUpdate(original, formFromStaff(original))).toEqual({})
    const values = { ...formFromStaff(original), roles: ['doctor' as const, 'admin' as const], departmentId: '', title: '' as const, specialty: ' ' }
    expect(toStaffUpdate(original, values)).toEqual({ roles: ['doctor', 'admin'], departmentId: null, title: null, specialty: null })
  })
})

describe('isLocked', () => {
  const now = new Date('2026-11-26T08:00:00Z')
  it('is locked only until lockedUntil', () => {
    expect(isLocked(staff({ lockedUntil: '2026-11-26T08:15:00Z' }), now)).toBe(true)
    expect(isLocked(staff({ lockedUntil: '2026-11-26T07:59:00Z' }), now)).toBe(false)
    expect(isLocked(staff({ lockedUntil: null }), now)).toBe(false)
  })
})
