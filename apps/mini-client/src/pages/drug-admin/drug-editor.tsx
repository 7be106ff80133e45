import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import type { DrugReply } from '@clinic/contracts'
import { ChoiceChips, choicesOf } from '../../components/choice-chips'
import { Field, InputField } from '../../components/field'
import FormError from '../../components/form-error'
import { DRUG_ALLERGY_LABELS, keysOf } from '../../utils/labels'
import { CONTROL_CLASS_LABELS } from '../../utils/pharmacy-labels'
import { emptyDrugForm, formFromDrug, hasErrors, LIMITS, validateDrugForm, type DrugField, type DrugFormErrors, type DrugFormValues } from './drug-form'

const CONTROL_CLASSES = keysOf(CONTROL_CLASS_LABELS)
// A drug's allergy class uses the same list as a patient's recorded allergies: prescribing matches the two.
const ALLERGY_CLASSES = keysOf(DRUG_ALLERGY_LABELS)

interface DrugEditorProps {
  /** Absent: a new drug. */
  original?: DrugReply
  submitting: boolean
  error: string
  errorLines: string[]
  onSubmit: (values: DrugFormValues) => void
  onCancel: () => void
}

type TextField = Exclude<DrugField, 'isPrescription' | 'controlClass' | 'allergyClass'>

/** Every field of CreateDrugDto; editing starts from the drug as it is. */
export default function DrugEditor({ original, submitting, error, errorLines, onSubmit, onCancel }: DrugEditorProps) {
  const [values, setValues] = useState<DrugFormValues>(() => (original ? formFromDrug(original) : emptyDrugForm()))
  const [errors, setErrors] = useState<DrugFormErrors>({})

  function change<K extends DrugField>(field: K, value: DrugFormValues[K]) {
    setValues({ ...values, [field]: value })
    if (errors[field]) setErrors({ ...errors, [field]: undefined })
  }

  function submit() {
    if (submitting) return
    const found = validateDrugForm(values)
    setErrors(found)
    if (!hasErrors(found)) onSubmit(values)
  }

  function text(field: TextField, label: string, options: { placeholder?: string; maxlength?: number; type?: 'text' | 'number' | 'digit'; hint?: string } = {}) {
    const limit = field in LIMITS ? (LIMITS as Record<string, number>)[field] : undefined
    return (
      <InputField
        className={`drug-${field}`}
        label={label}
        error={errors[field]}
        hint={options.hint ? <Text className='field-hint'>{options.hint}</Text> : undefined}
        type={options.type ?? 'text'}
        value={values[field]}
        maxlength={options.maxlength ?? limit ?? 20}
        placeholder={options.placeholder}
        onValue={(value) => change(field, value)}
      />
    )
  }

  return (
    <View className='drug-editor'>
      <View className='drug-form-grid'>
        {text('name', '药品名称', { placeholder: '例如：阿莫西林胶囊' })}
        {text('genericName', '通用名（选填）', { placeholder: '例如：阿莫西林' })}
        {text('spec', '规格', { placeholder: '例如：0.25g*24粒' })}
        {text('dosageForm', '剂型（选填）', { placeholder: '例如：胶囊剂' })}
        {text('unit', '单位', { placeholder: '盒、瓶、支' })}
        {text('packSize', '每单位含量（选填）', { type: 'number', maxlength: 5, placeholder: '例如 24（粒/盒）' })}
        {text('price', '零售价（元/单位）', {
          type: 'digit',
          maxlength: 10,
          placeholder: '0.00',
          hint: original ? '修改价格会记入价格记录，已开出的处方按原价收费' : undefined
        })}
        {text('reorderLevel', '预警库存（单位）', { type: 'number', maxlength: 7, placeholder: '低于此可用量时提醒补货' })}
        {text('category', '药品分类（选填）', { placeholder: '例如：抗感染药' })}
        {text('barcode', '条码（选填）', { maxlength: 32, placeholder: '包装上的商品条码' })}
      </View>

      <Field className='drug-prescription' label='处方类别'>
        <ChoiceChips
          options={[
            { value: 'rx', label: '处方药', className: 'drug-rx' },
            { value: 'otc', label: '非处方药（OTC）', className: 'drug-otc' }
          ]}
          value={values.isPrescription ? 'rx' : 'otc'}
          onChange={(kind) => change('isPrescription', kind === 'rx')}
        />
      </Field>

      <Field className='drug-control' label='管制类别'>
        <ChoiceChips
          options={choicesOf(CONTROL_CLASS_LABELS, CONTROL_CLASSES).map((option) => ({ ...option, className: `drug-control-${option.value.toLowerCase()}` }))}
          value={values.controlClass}
          onChange={(controlClass) => controlClass && change('controlClass', controlClass)}
        />
      </Field>

      <Field className='drug-allergy' label='过敏分类（开方时据此提示过敏患者）'>
        <ChoiceChips options={choicesOf(DRUG_ALLERGY_LABELS, ALLERGY_CLASSES, '无')} value={values.allergyClass} onChange={(allergyClass) => change('allergyClass', allergyClass)} />
      </Field>

      <FormError className='drug-error' message={error} lines={errorLines} />

      <View className='form-actions'>
        <Button className='secondary-button form-cancel' onClick={onCancel}>
          取消
        </Button>
        <Button className={`primary-button drug-submit ${submitting ? 'is-busy' : ''}`} loading={submitting} onClick={submit}>
          {original ? '保存' : '新增药品'}
        </Button>
      </View>
    </View>
  )
}
