import type { FeeCategory, Role } from '@clinic/contracts'

export const ROLE_LABELS: Record<Role, string> = {
  admin: '管理员',
  receptionist: '挂号员',
  doctor: '医生',
  pharmacist: '药剂师',
  cashier: '收费员',
  auditor: '审计员',
  patient: '患者'
}

export const FEE_CATEGORY_LABELS: Record<FeeCategory, string> = {
  REGISTRATION: '挂号费',
  CONSULTATION: '诊查费',
  EXAMINATION: '检查费',
  LAB: '化验费',
  TREATMENT: '治疗费',
  MATERIAL: '材料费',
  OTHER: '其他'
}

export function roleLabel(role: string): string {
  return (ROLE_LABELS as Record<string, string>)[role] ?? role
}

export function feeCategoryLabel(category: string): string {
  return (FEE_CATEGORY_LABELS as Record<string, string>)[category] ?? category
}
