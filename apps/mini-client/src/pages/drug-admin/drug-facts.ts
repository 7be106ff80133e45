import type { DrugReply } from '@clinic/contracts'
import { formatFen } from '../../utils/money'
import { drugAllergyLabel } from '../../utils/labels'
import { controlClassLabel } from '../../utils/pharmacy-labels'

/** The drug's record as label-value pairs, in the order the form asks for them. */
export function drugFacts(drug: DrugReply): { label: string; value: string }[] {
  return [
    { label: '通用名', value: drug.genericName ?? '—' },
    { label: '规格', value: drug.spec },
    { label: '剂型', value: drug.dosageForm ?? '—' },
    { label: '单位', value: drug.packSize > 1 ? `${drug.unit}（每${drug.unit} ${drug.packSize}）` : drug.unit },
    { label: '零售价', value: `${formatFen(drug.priceFen)}/${drug.unit}` },
    { label: '分类', value: drug.category ?? '—' },
    { label: '预警库存', value: `${drug.reorderLevel} ${drug.unit}` },
    { label: '条码', value: drug.barcode ?? '—' },
    { label: '处方类别', value: drug.isPrescription ? '处方药' : '非处方药（OTC）' },
    { label: '管制类别', value: controlClassLabel(drug.controlClass) },
    { label: '过敏分类', value: drug.allergyClass ? drugAllergyLabel(drug.allergyClass) : '无' }
  ]
}

/** The tags beside a drug's name in lists and in its record. */
export function drugTags(drug: Pick<DrugReply, 'isPrescription' | 'controlClass' | 'active'>): { text: string; tone: '' | 'muted' | 'warning' | 'danger' }[] {
  const tags: { text: string; tone: '' | 'muted' | 'warning' | 'danger' }[] = []
  if (!drug.active) tags.push({ text: '已停用', tone: 'muted' })
  tags.push(drug.isPrescription ? { text: '处方药', tone: '' } : { text: 'OTC', tone: 'muted' })
  if (drug.controlClass !== 'ORDINARY') tags.push({ text: controlClassLabel(drug.controlClass), tone: 'danger' })
  return tags
}
