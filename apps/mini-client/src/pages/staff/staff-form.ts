import type { CreateStaffDto, DoctorTitle, StaffReply, StaffRole, UpdateStaffDto } from '@clinic/contracts'
import { PASSWORD_RULE, passwordProblems } from '@clinic/rules'
import { isFuture } from '../../utils/time'

export interface StaffFormValues {
  username: string
  /** Create: required. Edit: empty keeps the current password. */
  password: string
  name: string
  roles: StaffRole[]
  departmentId: string
  title: DoctorTitle | ''
  specialty: string
  introduction: string
}

export type StaffField = keyof StaffFormValues
export type StaffFormErrors = Partial<Record<StaffField, string>>

export const USERNAME_PATTERN = /^[a-z0-9._-]{3,32}$/
export const USERNAME_RULE = '3–32 位小写字母、数字或 . _ -'
export const LIMITS = { name: 50, specialty: 100, introduction: 1000 } as const

export function emptyStaffForm(): StaffFormValues {
  return { username: '', password: '', name: '', roles: [], departmentId: '', title: '', specialty: '', introduction: '' }
}

export function formFromStaff(staff: StaffReply): StaffFormValues {
  return {
    username: staff.username,
    password: '',
    name: staff.name,
    roles: [...staff.roles],
    departmentId: staff.departmentId ?? '',
    title: staff.title ?? '',
    specialty: staff.specialty ?? '',
    introduction: staff.introduction ?? ''
  }
}

// passwordProblems() answers in English for the server's logs; these are its answers in Chinese.
const PASSWORD_TEXT: Record<string, string> = {
  'password must be 10-128 characters': '密码长度须为 10–128 位',
  'password must mix at least three of: lower case, upper case, digits, symbols': '密码须至少包含大写字母、小写字母、数字、符号中的三类',
  'password must not contain the username': '密码不得包含用户名'
}

/**
 * What is wrong with a password as typed, in Chinese, by the shared rule (the server applies the same one);
 * null when it passes. A problem this build does not know falls back to the whole rule.
 */
export function passwordHint(password: string, username: string): string | null {
  const problem = passwordProblems(password, username.trim() || undefined)
  if (problem === null) return null
  return PASSWORD_TEXT[problem] ?? PASSWORD_RULE
}

export function validateStaffForm(values: StaffFormValues, mode: 'create' | 'edit'): StaffFormErrors {
  const errors: StaffFormErrors = {}
  if (mode === 'create') {
    const username = values.username.trim()
    if (!username) errors.username = '请填写用户名'
    else if (!USERNAME_PATTERN.test(username)) errors.username = `用户名须为${USERNAME_RULE}`
  }
  if (mode === 'create' && !values.password) errors.password = '请设置初始密码'
  else if (values.password) {
    const hint = passwordHint(values.password, values.username)
    if (hint) errors.password = hint
  }
  const name = values.name.trim()
  if (!name) errors.name = '请填写姓名'
  else if (name.length > LIMITS.name) errors.name = `姓名不能超过 ${LIMITS.name} 个字`
  if (!values.roles.length) errors.roles = '请至少选择一个角色'
  if (values.specialty.trim().length > LIMITS.specialty) errors.specialty = `擅长不能超过 ${LIMITS.specialty} 个字`
  if (values.introduction.trim().length > LIMITS.introduction) errors.introduction = `简介不能超过 ${LIMITS.introduction} 个字`
  return errors
}

function optional(text: string): string | undefined {
  const trimmed = text.trim()
  return trimmed ? trimmed : undefined
}

export function toCreateStaffInput(values: StaffFormValues): CreateStaffDto {
  const input: CreateStaffDto = {
    username: values.username.trim(),
    password: values.password,
    name: values.name.trim(),
    roles: [...values.roles],
    departmentId: optional(values.departmentId),
    title: values.title || undefined,
    specialty: optional(values.specialty),
    introduction: optional(values.introduction)
  }
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as CreateStaffDto
}

/** Only what changed; a field emptied becomes null, which the server takes as "clear it". */
export function toStaffUpdate(original: StaffReply, values: StaffFormValues): UpdateStaffDto {
  const update: UpdateStaffDto = {}
  const name = values.name.trim()
  if (name !== original.name) update.name = name
  if (values.password) update.password = values.password
  const sameRoles = values.roles.length === original.roles.length && values.roles.every((role) => original.roles.includes(role))
  if (!sameRoles) update.roles = [...values.roles]
  const departmentId = values.departmentId || null
  if (departmentId !== original.departmentId) update.departmentId = departmentId
  const title = values.title || null
  if (title !== original.title) update.title = title
  const specialty = optional(values.specialty) ?? null
  if (specialty !== original.specialty) update.specialty = specialty
  const introduction = optional(values.introduction) ?? null
  if (introduction !== original.introduction) update.introduction = introduction
  return update
}

/** Locked by too many failed logins: the lock lasts until `lockedUntil`, then clears by itself. */
export function isLocked(staff: Pick<StaffReply, 'lockedUntil'>, now: Date = new Date()): boolean {
  return isFuture(staff.lockedUntil, now)
}
