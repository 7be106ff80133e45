import type { LinkPatientDto } from '@clinic/contracts'
import { isMobile, parseIdCard } from '@clinic/rules'
import { ID_CARD_INVALID, normaliseIdCard } from '../../components/patient-form/patient-form'

/** 关联已有档案: the patient proves they know both numbers the desk registered. */
export interface LinkFormValues {
  idCardNo: string
  phone: string
  relationship: string
}

export type LinkFormErrors = Partial<Record<keyof LinkFormValues, string>>

/** A patient account holds at most this many patients (the server's PATIENT.FAMILY_LIMIT). */
export const FAMILY_LIMIT = 10

export function emptyLinkForm(): LinkFormValues {
  return { idCardNo: '', phone: '', relationship: '' }
}

export function validateLinkForm(values: LinkFormValues): LinkFormErrors {
  const errors: LinkFormErrors = {}
  const idCardNo = normaliseIdCard(values.idCardNo)
  if (!idCardNo) errors.idCardNo = '请填写身份证号'
  else if (idCardNo.length !== 18) errors.idCardNo = '身份证号应为 18 位'
  else if (!parseIdCard(idCardNo)) errors.idCardNo = ID_CARD_INVALID
  const phone = values.phone.trim()
  if (!phone) errors.phone = '请填写登记时留的手机号'
  else if (!isMobile(phone)) errors.phone = '请输入正确的 11 位手机号'
  if (!values.relationship.trim()) errors.relationship = '请选择与本人关系'
  return errors
}

export function toLinkInput(values: LinkFormValues): LinkPatientDto {
  return { idCardNo: normaliseIdCard(values.idCardNo), phone: values.phone.trim(), relationship: values.relationship.trim() }
}
