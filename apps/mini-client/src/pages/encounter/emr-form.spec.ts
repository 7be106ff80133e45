import { describe, expect, it } from '@jest/globals'
import type { EmrContentDto } from '@clinic/contracts'
import { ApiError } from '../../services/api'
import {
  addDiagnosis,
  amendmentChanges,
  applyTemplate,
  emptyEmrForm,
  emrFormErrorsOf,
  formFromContent,
  markPrimary,
  removeDiagnosis,
  signingGaps,
  templateContent,
  templateOverwrites,
  toEmrContent
} from './emr-form'

const URTI = { code: 'J06.900', name: '急性上呼吸道感染' }
const COUGH = { code: 'R05.x00', name: '咳嗽' }

const SAVED: EmrContentDto = {
  chiefComplaint: '咳嗽 3 天',
  presentIllness: '3 天前受凉后咳嗽',
  vitals: { temperature: 37.8, systolic: 120, diastolic: 80 },
  diagnoses: [{ ...URTI, primary: true }],
  advice: '多饮水',
  followUpDate: '2026-12-03'
}

describe('the record form and the wire', () => {
  it('round-trips a saved record', () => {
    const form = formFromContent(SAVED)
    expect(form.vitals).toMatchObject({ temperature: '37.8', systolic: '120', diastolic: '80', pulse: '' })
    expect(form.pastHistory).toBe('')
    expect(toEmrContent(form)).toEqual({ content: SAVED, errors: {} })
  })

  it('leaves out empty fields and trims text (saving replaces the whole draft)', () => {
    const form = { ...emptyEmrForm(), chiefComplaint: '  发热  ', pastHistory: '   ' }
    expect(toEmrContent(form).content).toEqual({ chiefComplaint: '发热' })
  })

  it('refuses vitals that are not numbers or out of range, by their form key', () => {
    const form = emptyEmrForm()
    form.vitals = { ...form.vitals, temperature: '37.25', pulse: '12', weight: 'abc', systolic: '118' }
    const result = toEmrContent(form)
    expect(result.content).toBeUndefined()
    expect(result.errors).toEqual({
      'vitals.temperature': '请输入数字，最多 1 位小数',
      'vitals.pulse': '应在 20–300 次/分 之间',
      'vitals.weight': '请输入数字，最多 1 位小数'
    })
  })

  it('refuses a follow-up date that is not a date', () => {
    expect(toEmrContent({ ...emptyEmrForm(), followUpDate: '2026-02-30' }).errors).toEqual({ followUpDate: '请输入日期，格式 YYYY-MM-DD' })
  })
})

describe('diagnoses', () => {
  it('makes the first diagnosis primary and adds each code once', () => {
    let list = addDiagnosis([], URTI)
    list = addDiagnosis(list, COUGH)
    list = addDiagnosis(list, URTI)
    expect(list).toEqual([
      { ...URTI, primary: true },
      { ...COUGH, primary: false }
    ])
  })

  it('keeps exactly one primary', () => {
    const list = markPrimary([{ ...URTI, primary: true }, { ...COUGH, primary: false }], COUGH.code)
    expect(list.filter((d) => d.primary).map((d) => d.code)).toEqual([COUGH.code])
  })

  it('passes the primary on when the primary one is removed', () => {
    expect(removeDiagnosis([{ ...URTI, primary: true }, { ...COUGH, primary: false }], URTI.code)).toEqual([{ ...COUGH, primary: true }])
    expect(removeDiagnosis([{ ...URTI, primary: false }, { ...COUGH, primary: true }], URTI.code)).toEqual([{ ...COUGH, primary: true }])
    expect(removeDiagnosis([{ ...URTI, primary: true }], URTI.code)).toEqual([])
  })
})

describe('signing', () => {
  it('names what is missing before asking the server', () => {
    expect(signingGaps(emptyEmrForm())).toEqual({ chiefComplaint: '签署前必须填写', presentIllness: '签署前必须填写', diagnoses: '签署前至少需要一个诊断' })
    const noPrimary = { ...formFromContent(SAVED), diagnoses: [{ ...URTI, primary: false }] }
    expect(signingGaps(noPrimary)).toEqual({ diagnoses: '请标记一个主要诊断' })
    expect(signingGaps(formFromContent(SAVED))).toEqual({})
  })

  it('puts the fields of EMR.INCOMPLETE and VALIDATION.FAILED on the form', () => {
    const incomplete = new ApiError(400, {
      code: 'EMR.INCOMPLETE',
      message: 'Not signed',
      details: [
        { field: 'presentIllness', errors: ['presentIllness is required to sign'] },
        { field: 'diagnoses', errors: ['exactly one diagnosis must be primary'] }
      ]
    })
    expect(emrFormErrorsOf(incomplete, true)).toEqual({ presentIllness: '签署前必须填写', diagnoses: '签署前至少需要一个诊断，并标记一个主要诊断' })
    const invalid = new ApiError(400, {
      code: 'VALIDATION.FAILED',
      message: 'Invalid',
      details: [
        { field: 'diagnoses.0.code', errors: ['X99 is not an ICD-10 code'] },
        { field: 'vitals.temperature', errors: ['temperature must not be greater than 45'] }
      ]
    })
    expect(emrFormErrorsOf(invalid, false)).toEqual({ diagnoses: 'X99 is not an ICD-10 code', 'vitals.temperature': 'temperature must not be greater than 45' })
  })
})

describe('amendments', () => {
  it('sends only what changed, a cleared text as empty', () => {
    const edited: EmrContentDto = { ...SAVED, advice: undefined, physicalExam: '咽部充血', vitals: { ...SAVED.vitals, pulse: 88 } }
    expect(amendmentChanges(SAVED, edited)).toEqual({ advice: '', physicalExam: '咽部充血', vitals: { temperature: 37.8, systolic: 120, diastolic: 80, pulse: 88 } })
    expect(amendmentChanges(SAVED, SAVED)).toEqual({})
  })
})

describe('templates', () => {
  const template: EmrContentDto = { chiefComplaint: '咽痛', physicalExam: '咽部充血', diagnoses: [{ ...URTI, primary: true }] }

  it('fills only the empty fields', () => {
    const form = { ...emptyEmrForm(), chiefComplaint: '咳嗽 3 天' }
    expect(templateOverwrites(form, template)).toBe(true)
    const filled = applyTemplate(form, template, 'fill')
    expect(filled.chiefComplaint).toBe('咳嗽 3 天')
    expect(filled.physicalExam).toBe('咽部充血')
    expect(filled.diagnoses).toEqual([{ ...URTI, primary: true }])
  })

  it('replaces what was typed after the doctor confirms, keeping fields the template lacks', () => {
    const form = { ...formFromContent(SAVED), diagnoses: [{ ...COUGH, primary: true }] }
    const replaced = applyTemplate(form, template, 'replace')
    expect(replaced.chiefComplaint).toBe('咽痛')
    expect(replaced.presentIllness).toBe(SAVED.presentIllness)
    expect(replaced.diagnoses).toEqual([{ ...URTI, primary: true }])
  })

  it('does not ask when nothing would be overwritten', () => {
    expect(templateOverwrites(emptyEmrForm(), template)).toBe(false)
  })

  it('keeps no vitals or follow-up date in a template', () => {
    expect(templateContent(SAVED)).toEqual({ chiefComplaint: SAVED.chiefComplaint, presentIllness: SAVED.presentIllness, diagnoses: SAVED.diagnoses, advice: '多饮水' })
  })
})
