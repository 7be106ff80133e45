import { useEffect, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { AllergyWarning, DrugReply, EncounterReply, PrescriptionKind, PrescriptionReply } from '@clinic/contracts'
import { ChoiceChips } from '../../components/choice-chips'
import { Field, InputField } from '../../components/field'
import FormError from '../../components/form-error'
import ListState, { type Loaded, type LoadState } from '../../components/list-state'
import PrescriptionView from '../../components/prescription-view'
import SearchBar from '../../components/search-bar'
import { api } from '../../services/api'
import { confirmAction } from '../../services/confirm'
import { showPdf } from '../../services/platform/open-pdf'
import { errorText, VISIT_ERROR_TEXT } from '../../utils/error-text'
import { formatFen } from '../../utils/money'
import { drugTitle, shortageLines } from '../../utils/pharmacy'
import { controlClassLabel } from '../../utils/pharmacy-labels'
import { prescriptionKindLabel } from '../../utils/visit'
import {
  addLine,
  ADMIN_ROUTES,
  allergyWarningsOf,
  allergyWarningText,
  availableText,
  cannotAdd,
  changeLine,
  checkDraft,
  emptyDraft,
  FREQUENCY_OPTIONS,
  lineErrorsOf,
  MAX_DRUGS,
  REASON_MAX,
  removeLine,
  suggestedQuantity,
  type LineChange,
  type RxDraft
} from './prescription-draft'

interface PrescriptionPanelProps {
  encounter: EncounterReply
  /** The patient's recorded allergy classes, matched against each drug's class. */
  allergyClasses: readonly string[]
}

interface Failure {
  message: string
  lines: string[]
}

const KIND_OPTIONS: { value: PrescriptionKind; label: string; className: string }[] = [
  { value: 'NORMAL', label: prescriptionKindLabel('NORMAL'), className: 'rx-kind-normal' },
  { value: 'EMERGENCY', label: prescriptionKindLabel('EMERGENCY'), className: 'rx-kind-emergency' }
]
const ROUTE_OPTIONS = ADMIN_ROUTES.map((route) => ({ value: route as string, label: route }))
const FREQUENCY_CHOICES = FREQUENCY_OPTIONS.map((option) => ({ ...option, className: `rx-freq-${option.value}` }))

/** 处方: the encounter's prescriptions, and the builder for a new one (search, lines, checks, save, sign). */
export default function PrescriptionPanel({ encounter, allergyClasses }: PrescriptionPanelProps) {
  const open = encounter.status === 'OPEN'
  const [list, setList] = useState<Loaded<PrescriptionReply[]>>({ status: 'loading' })
  const [query, setQuery] = useState('')
  const [results, setResults] = useState<LoadState<{ drugs: DrugReply[] }> | { status: 'idle' }>({ status: 'idle' })
  const [draft, setDraft] = useState<RxDraft>(emptyDraft)
  const [flagged, setFlagged] = useState<AllergyWarning[]>([])
  const [serverLines, setServerLines] = useState<Record<number, Record<string, string>>>({})
  const [showChecks, setShowChecks] = useState(false)
  const [failure, setFailure] = useState<Failure | null>(null)
  const [busy, setBusy] = useState('')
  const [cancelling, setCancelling] = useState<{ id: string; reason: string } | null>(null)

  async function load() {
    setList({ status: 'loading' })
    try {
      const page = await api.listPrescriptions({ encounterId: encounter.id, page: 1, pageSize: 50 })
      setList({ status: 'ready', value: page.items })
    } catch (e) {
      setList({ status: 'error', message: errorText(e, VISIT_ERROR_TEXT) })
    }
  }

  useEffect(() => {
    void load()
    // Only a different encounter needs the list again; the panel keeps it current after each action.
  }, [encounter.id])

  function replace(prescription: PrescriptionReply) {
    setList((current) => {
      const items = current.status === 'ready' ? current.value : []
      const others = items.filter((item) => item.id !== prescription.id)
      return { status: 'ready', value: [prescription, ...others] }
    })
  }

  async function run(key: string, action: () => Promise<void>) {
    if (busy) return
    setBusy(key)
    setFailure(null)
    try {
      await action()
    } catch (e) {
      const warnings = allergyWarningsOf(e)
      if (warnings.length) setFlagged(warnings)
      setServerLines(lineErrorsOf(e))
      setFailure({ message: errorText(e, VISIT_ERROR_TEXT), lines: [...shortageLines(e), ...warnings.map(allergyWarningText)] })
    } finally {
      setBusy('')
    }
  }

  async function search() {
    const text = query.trim()
    if (!text) return
    setResults({ status: 'loading' })
    try {
      const page = await api.listDrugs({ query: text, page: 1, pageSize: 20 })
      setResults({ status: 'ready', drugs: page.items })
    } catch (e) {
      setResults({ status: 'error', message: errorText(e, VISIT_ERROR_TEXT) })
    }
  }

  function add(drug: DrugReply) {
    const refusal = cannotAdd(draft, drug)
    if (refusal) {
      void Taro.showToast({ title: refusal, icon: 'none' })
      return
    }
    if (draft.lines.length >= MAX_DRUGS) {
      void Taro.showToast({ title: `一张处方最多 ${MAX_DRUGS} 种药品，其余请另开处方`, icon: 'none' })
      return
    }
    setDraft(addLine(draft, drug))
    setServerLines({})
  }

  function edit(index: number, change: LineChange) {
    setDraft({ ...draft, lines: draft.lines.map((line, i) => (i === index ? changeLine(line, change) : line)) })
    if (serverLines[index]) setServerLines({})
  }

  const check = checkDraft(
    draft,
    allergyClasses,
    flagged.map((warning) => warning.drugId)
  )

  function save() {
    setShowChecks(true)
    if (!check.input) {
      setFailure({ message: check.problem ?? '', lines: [] })
      return
    }
    const input = check.input
    void run('save', async () => {
      const created = await api.createPrescription(encounter.id, input)
      replace(created)
      setDraft(emptyDraft())
      setFlagged([])
      setShowChecks(false)
      setResults({ status: 'idle' })
      setQuery('')
      void Taro.showToast({ title: '处方已保存，请签署', icon: 'none' })
    })
  }

  function sign(prescription: PrescriptionReply) {
    void run(`sign-${prescription.id}`, async () => {
      replace(await api.signPrescription(prescription.id))
      void Taro.showToast({ title: '处方已签署', icon: 'success' })
    })
  }

  function print(prescription: PrescriptionReply) {
    void run(`print-${prescription.id}`, () => showPdf(api.prescriptionPdf(prescription.id)))
  }

  async function cancel() {
    if (!cancelling) return
    const reason = cancelling.reason.trim()
    if (!reason || reason.length > REASON_MAX) {
      setFailure({ message: `请填写作废原因（不超过 ${REASON_MAX} 个字）`, lines: [] })
      return
    }
    if (!(await confirmAction('作废处方', '作废后处方不能再使用，已预留的药品将退回库存。确定作废吗？', '作废'))) return
    const { id } = cancelling
    void run(`cancel-${id}`, async () => {
      replace(await api.cancelPrescription(id, reason))
      setCancelling(null)
      void Taro.showToast({ title: '处方已作废', icon: 'none' })
    })
  }

  const lineErrors = (index: number) => ({ ...(showChecks ? check.lineErrors[index] : {}), ...serverLines[index] })

  return (
    <View className='rx-panel'>
      <ListState state={list} onRetry={load} />
      {list.status === 'ready' && !list.value.length ? <Text className='muted rx-none'>本次就诊还没有处方</Text> : null}
      {list.status === 'ready'
        ? list.value.map((prescription) => (
            <PrescriptionView key={prescription.id} className={`rx-item rx-item--${prescription.status.toLowerCase()}`} prescription={prescription}>
              {cancelling?.id === prescription.id ? (
                <View className='ph-subform rx-cancel-form'>
                  <InputField
                    className='rx-cancel-reason'
                    label='作废原因'
                    type='text'
                    value={cancelling.reason}
                    maxlength={REASON_MAX}
                    placeholder='例如：患者拒绝取药'
                    onValue={(reason) => setCancelling({ ...cancelling, reason })}
                  />
                  <View className='form-actions'>
                    <Button className='secondary-button form-cancel' onClick={() => setCancelling(null)}>
                      取消
                    </Button>
                    <Button className={`danger-button rx-cancel-submit ${busy ? 'is-busy' : ''}`} onClick={cancel}>
                      确认作废
                    </Button>
                  </View>
                </View>
              ) : null}
              {prescription.status !== 'CANCELLED' && cancelling?.id !== prescription.id ? (
                <View className='button-row rx-item-actions'>
                  {open ? (
                    <Button className='secondary-button rx-cancel-open' onClick={() => setCancelling({ id: prescription.id, reason: '' })}>
                      作废
                    </Button>
                  ) : null}
                  {prescription.status === 'SIGNED' ? (
                    <Button className={`secondary-button rx-print ${busy === `print-${prescription.id}` ? 'is-busy' : ''}`} onClick={() => print(prescription)}>
                      打印处方
                    </Button>
                  ) : null}
                  {prescription.status === 'DRAFT' && open ? (
                    <Button
                      className={`primary-button rx-sign ${busy === `sign-${prescription.id}` ? 'is-busy' : ''}`}
                      loading={busy === `sign-${prescription.id}`}
                      onClick={() => sign(prescription)}
                    >
                      签署处方
                    </Button>
                  ) : null}
                </View>
              ) : null}
            </PrescriptionView>
          ))
        : null}

      {open ? (
        <View className='rx-builder'>
          <Text className='section-title'>开具处方</Text>
          <ChoiceChips className='rx-kind' options={KIND_OPTIONS} value={draft.kind} onChange={(kind) => setDraft({ ...draft, kind })} />

          <SearchBar
            className='rx-drug-query'
            submitClassName='rx-drug-query-submit'
            value={query}
            placeholder='药品名称、通用名或拼音首字母'
            onChange={setQuery}
            onSearch={search}
          />
          {results.status !== 'idle' ? <ListState state={results} /> : null}
          {results.status === 'ready' && !results.drugs.length ? <Text className='muted'>没有找到药品</Text> : null}
          {results.status === 'ready'
            ? results.drugs.map((drug) => (
                <View key={drug.id} className={`rx-drug-result ${drug.available > 0 ? '' : 'rx-drug-result--empty'}`} onClick={() => add(drug)}>
                  <Text className='rx-drug-name'>{drugTitle(drug)}</Text>
                  {drug.controlClass !== 'ORDINARY' ? <Text className='tag tag--warning'>{controlClassLabel(drug.controlClass)}</Text> : null}
                  {drug.allergyClass && allergyClasses.includes(drug.allergyClass) ? <Text className='tag tag--danger'>过敏</Text> : null}
                  <Text className='rx-drug-available'>{availableText(drug)}</Text>
                </View>
              ))
            : null}

          {draft.lines.map((line, index) => {
            const errors = lineErrors(index)
            const suggestion = suggestedQuantity(line)
            return (
              <View key={line.drug.id} className={`rx-line rx-line-${index + 1}`}>
                <View className='rx-line-heading'>
                  <Text className='rx-line-name'>
                    {index + 1}. {drugTitle(line.drug)}
                  </Text>
                  <Text className='muted rx-line-stock'>{availableText(line.drug)}</Text>
                  <Text className='danger-link rx-line-remove' onClick={() => setDraft(removeLine(draft, index))}>
                    删除
                  </Text>
                </View>
                <View className='rx-line-fields'>
                  <InputField
                    className='rx-dosage'
                    label='单次用量'
                    error={errors.dosage}
                    type='text'
                    value={line.dosage}
                    maxlength={30}
                    placeholder='如 0.5g、1片'
                    onValue={(dosage) => edit(index, { dosage })}
                  />
                  <InputField
                    className='rx-days'
                    label='天数'
                    error={errors.days}
                    type='number'
                    value={line.days}
                    maxlength={2}
                    onValue={(days) => edit(index, { days })}
                  />
                  <InputField
                    className='rx-quantity'
                    label={`数量（${line.drug.unit}）`}
                    error={errors.quantity}
                    hint={suggestion !== null ? <Text className='field-hint'>建议 {suggestion} {line.drug.unit}</Text> : null}
                    type='number'
                    value={line.quantity}
                    maxlength={4}
                    onValue={(quantity) => edit(index, { quantity })}
                  />
                </View>
                <Field label='频次' className='rx-frequency'>
                  <ChoiceChips options={FREQUENCY_CHOICES} value={line.frequency} onChange={(frequency) => edit(index, { frequency })} />
                </Field>
                <Field label='给药途径' className='rx-route' error={errors.route}>
                  <ChoiceChips options={ROUTE_OPTIONS} value={line.route} onChange={(route) => edit(index, { route })} />
                </Field>
              </View>
            )
          })}

          {check.notes.map((note) => (
            <Text key={note} className='field-note field-note--error rx-note'>
              {note}
            </Text>
          ))}
          {check.needsOverLimitReason ? (
            <InputField
              className='rx-over-reason'
              label='超过 7 天的理由'
              type='text'
              value={draft.overLimitReason}
              maxlength={REASON_MAX}
              placeholder='如：慢性病、老年患者、行动不便'
              onValue={(overLimitReason) => setDraft({ ...draft, overLimitReason })}
            />
          ) : null}
          {check.allergyDrugs.length ? (
            <View className='rx-allergy'>
              <Text className='rx-allergy-title'>过敏提示：患者对 {check.allergyDrugs.join('、')} 所属类别有过敏记录</Text>
              <InputField
                className='rx-allergy-reason'
                label='确认仍开具的理由'
                type='text'
                value={draft.allergyReason}
                maxlength={REASON_MAX}
                placeholder='如：已皮试阴性'
                onValue={(allergyReason) => setDraft({ ...draft, allergyReason })}
              />
            </View>
          ) : null}

          {draft.lines.length ? (
            <View className='form-actions rx-actions'>
              <Button className='secondary-button form-cancel' onClick={() => setDraft(emptyDraft())}>
                清空
              </Button>
              <Button className={`primary-button rx-save ${busy === 'save' ? 'is-busy' : ''}`} loading={busy === 'save'} onClick={save}>
                保存处方
              </Button>
            </View>
          ) : null}
        </View>
      ) : null}

      <FormError className='rx-error' message={failure?.message} lines={failure?.lines} />
      {list.status === 'ready' && list.value.some((item) => item.totalFen !== null && item.status === 'SIGNED') ? (
        <Text className='muted rx-sum'>
          本次已签署处方合计{' '}
          {formatFen(list.value.reduce((sum, item) => sum + (item.status === 'SIGNED' && item.totalFen !== null ? item.totalFen : 0), 0))}
        </Text>
      ) : null}
    </View>
  )
}
