import type { DrugReply, FeeItemReply, PatientReply } from '@clinic/contracts'
import { formatFen } from '../../utils/money'
import { feeCategoryLabel } from '../../utils/labels'
import { maskPhone } from '../../utils/phone'

/** One line of any catalog list, so the three lists share one layout. */
export interface CatalogRow {
  id: string
  title: string
  tag?: string
  detail: string
  /** Right-hand column: a price or a masked phone number. */
  aside: string
}

const GENDER_LABELS: Record<PatientReply['gender'], string> = { M: '男', F: '女' }

export function patientRow(patient: PatientReply): CatalogRow {
  return {
    id: patient.id,
    title: patient.name,
    tag: GENDER_LABELS[patient.gender],
    detail: `病历号 ${patient.medicalRecordNo}`,
    aside: maskPhone(patient.phone)
  }
}

export function drugRow(drug: DrugReply): CatalogRow {
  return {
    id: drug.id,
    title: drug.name,
    tag: drug.isPrescription ? '处方药' : undefined,
    detail: `${drug.spec} · ${drug.unit}`,
    aside: `${formatFen(drug.priceFen)}/${drug.unit}`
  }
}

export function feeItemRow(item: FeeItemReply): CatalogRow {
  return {
    id: item.id,
    title: item.name,
    detail: feeCategoryLabel(item.category),
    aside: formatFen(item.priceFen)
  }
}
