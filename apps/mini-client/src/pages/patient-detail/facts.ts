import type { PatientReply } from '@clinic/contracts'
import { allergyText, genderLabel, hasAllergy } from '../../utils/labels'
import { ageOn, formatDateTime } from '../../utils/time'

export interface Fact {
  key: string
  label: string
  value: string
  /** Takes the whole row on tablets. */
  wide?: boolean
  /** Something a clinician must not miss (allergies). */
  alert?: boolean
}

const NONE = '未填写'

/** Every field of a patient record as label and value, in reading order. */
export function patientFacts(patient: PatientReply, now: Date = new Date()): Fact[] {
  const age = ageOn(patient.birthDate, now)
  const allergic = hasAllergy(patient.allergies)
  const contact = [patient.emergencyContactName, patient.emergencyContactPhone].filter(Boolean).join(' ')
  return [
    { key: 'medicalRecordNo', label: '病历号', value: patient.medicalRecordNo },
    { key: 'name', label: '姓名', value: patient.name },
    { key: 'gender', label: '性别', value: genderLabel(patient.gender) },
    { key: 'birthDate', label: '出生日期', value: age !== null ? `${patient.birthDate}（${age} 岁）` : patient.birthDate },
    { key: 'phone', label: '手机号', value: patient.phone },
    { key: 'idCardNo', label: '身份证号', value: patient.idCardNo ?? NONE },
    { key: 'address', label: '地址', value: patient.address || NONE, wide: true },
    { key: 'emergencyContact', label: '紧急联系人', value: contact || NONE, wide: true },
    { key: 'allergies', label: '药物过敏史', value: allergyText(patient.allergies), wide: true, alert: allergic },
    { key: 'chronicConditions', label: '慢性病', value: patient.chronicConditions.join('、') || '无', wide: true },
    { key: 'createdAt', label: '建档时间', value: formatDateTime(patient.createdAt) },
    { key: 'updatedAt', label: '最近更新', value: formatDateTime(patient.updatedAt) }
  ]
}
