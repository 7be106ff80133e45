import { describe, expect, it } from '@jest/globals'
import type { PatientReply } from '@clinic/contracts'
import {
  emptyPatientForm,
  formFromPatient,
  ID_CARD_INVALID,
  idCardFeedback,
  splitConditions,
  toCreatePatientInput,
  toPatientUpdate,
  validatePatientForm,
  withIdCard,
  type PatientFormValues
} from './patient-form'

// Valid GB 11643 numbers: a man born 1990-01-31, and a woman born 1949-12-31 (lower-case x typed).
const MALE_1990 = '110101199001310018'
const FEMALE_1949 = '11010519491231002X'
const NOW = new Date(2026, 10, 26, 12, 0, 0)
const CREATE = { mode: 'create', withRelationship: false } as const
const ACCOUNT_CREATE = { mode: 'create', withRelationship: true } as const
const EDIT = { mode: 'edit', withRelationship: false } as const

function form(overrides: Partial<PatientFormValues> = {}): PatientFormValues {
  return { ...emptyPatientForm(), name: '张三', gender: 'M', birthDate: '1990-01-31', phone: '13800138000', ...overrides }
}

function patient(overrides: Partial<PatientReply> = {}): PatientReply {
  return {
    id: 'p-1',
    medicalRecordNo: 'MR00000001',
    name: '张三',
    gender: 'M',
    birthDate: '1990-01-31',
    phone: '138****8000',
    idCardNo: '110101********0018',
    address: null,
    emergencyContactName: null,
    emergencyContactPhone: null,
    allergies: { drugClasses: ['PENICILLIN'], note: null },
    chronicConditions: ['高血压'],
    relationship: null,
    createdAt: '2026-11-01T00:00:00Z',
    updatedAt: '2026-11-01T00:00:00Z',
    ...overrides
  }
}

describe('typing an ID card number', () => {
  it('fills an empty birth date and gender from a valid number', () => {
    const next = withIdCard(emptyPatientForm(), MALE_1990)
    expect(next).toMatchObject({ idCardNo: MALE_1990, birthDate: '1990-01-31', gender: 'M' })
    expect(idCardFeedback(next)).toEqual({ tone: 'ok', text: '身份证号有效：1990-01-31 出生，男' })
  })

  it('upper-cases the check character and drops spaces before checking', () => {
    const next = withIdCard(emptyPatientForm(), '110105 19491231 002x')
    expect(next).toMatchObject({ idCardNo: FEMALE_1949, birthDate: '1949-12-31', gender: 'F' })
  })

  it('never overwrites a birth date or gender already entered, and names each disagreement', () => {
    const next = withIdCard(emptyPatientForm(), '')
    const typed = withIdCard({ ...next, birthDate: '1990-02-01', gender: 'F' }, MALE_1990)
    expect(typed).toMatchObject({ birthDate: '1990-02-01', gender: 'F' })
    const feedback = idCardFeedback(typed)
    expect(feedback?.tone).toBe('error')
    expect(feedback?.text).toContain('身份证号中的出生日期为 1990-01-31，与填写的出生日期 1990-02-01 不一致')
    expect(feedback?.text).toContain('身份证号显示性别为男，与所选性别（女）不一致')
  })

  it('names only the field that disagrees', () => {
    const feedback = idCardFeedback(form({ idCardNo: MALE_1990, gender: 'F' }))
    expect(feedback?.text).toBe('身份证号显示性别为男，与所选性别（女）不一致')
  })

  it('says the check failed for 18 characters that are not a valid number, and nothing while still typing', () => {
    const wrongCheck = '110101199001310011'
    expect(withIdCard(emptyPatientForm(), wrongCheck)).toMatchObject({ birthDate: '', gender: '' })
    expect(idCardFeedback(form({ idCardNo: wrongCheck }))).toEqual({ tone: 'error', text: ID_CARD_INVALID })
    expect(idCardFeedback(form({ idCardNo: '1101011990' }))).toBeNull()
  })
})

describe('validatePatientForm', () => {
  it('accepts a complete registration', () => {
    expect(validatePatientForm(form({ idCardNo: MALE_1990 }), CREATE, undefined, NOW)).toEqual({})
  })

  it('requires name, gender, birth date and phone', () => {
    expect(validatePatientForm(emptyPatientForm(), CREATE, undefined, NOW)).toEqual({
      name: '请填写姓名',
      phone: '请填写手机号',
      gender: '请选择性别',
      birthDate: '请填写出生日期'
    })
  })

  it('refuses an ID card number that disagrees with the birth date or gender', () => {
    expect(validatePatientForm(form({ idCardNo: FEMALE_1949 }), CREATE, undefined, NOW).idCardNo).toContain('不一致')
    expect(validatePatientForm(form({ idCardNo: '110101199001310011' }), CREATE, undefined, NOW).idCardNo).toBe(ID_CARD_INVALID)
    expect(validatePatientForm(form({ idCardNo: '11010119900131' }), CREATE, undefined, NOW).idCardNo).toBe('身份证号应为 18 位')
  })

  it('checks phone numbers with the shared mobile rule', () => {
    expect(validatePatientForm(form({ phone: '12800138000' }), CREATE, undefined, NOW).phone).toBe('请输入正确的 11 位手机号')
    expect(validatePatientForm(form({ emergencyContactPhone: '1380013800' }), CREATE, undefined, NOW).emergencyContactPhone).toBe(
      '请输入正确的 11 位手机号'
    )
  })

  it.each([
    ['1990-1-31', '出生日期格式应为 YYYY-MM-DD，例如 1990-01-31'],
    ['1990-02-30', '出生日期格式应为 YYYY-MM-DD，例如 1990-01-31'],
    ['2026-11-27', '出生日期不能晚于今天'],
    ['1899-12-31', '出生日期不正确']
  ])('refuses the birth date %p', (birthDate, message) => {
    expect(validatePatientForm(form({ birthDate }), CREATE, undefined, NOW).birthDate).toBe(message)
  })

  it('requires the relationship only when a patient account adds someone', () => {
    expect(validatePatientForm(form(), CREATE, undefined, NOW).relationship).toBeUndefined()
    expect(validatePatientForm(form(), ACCOUNT_CREATE, undefined, NOW).relationship).toBe('请选择与本人关系')
    expect(validatePatientForm(form({ relationship: '子女' }), ACCOUNT_CREATE, undefined, NOW)).toEqual({})
  })

  it('lets an edit keep a masked phone by leaving it empty, but not a phone it could see', () => {
    expect(validatePatientForm(formFromPatient(patient()), EDIT, patient(), NOW)).toEqual({})
    const unmasked = patient({ phone: '13800138000' })
    expect(validatePatientForm({ ...formFromPatient(unmasked), phone: '' }, EDIT, unmasked, NOW).phone).toBe('请填写手机号')
  })
})

describe('request bodies', () => {
  it('sends what was filled in and leaves empty optional fields out', () => {
    const values = form({
      idCardNo: MALE_1990,
      allergyClasses: ['PENICILLIN', 'NSAID'],
      chronicConditions: '高血压、 2型糖尿病，高血压',
      relationship: '本人'
    })
    expect(toCreatePatientInput(values, { withRelationship: false })).toEqual({
      name: '张三',
      gender: 'M',
      birthDate: '1990-01-31',
      phone: '13800138000',
      idCardNo: MALE_1990,
      allergies: { drugClasses: ['PENICILLIN', 'NSAID'] },
      chronicConditions: ['高血压', '2型糖尿病']
    })
    expect(toCreatePatientInput(values, { withRelationship: true }).relationship).toBe('本人')
  })

  it('patches only the fields that changed, never a masked number', () => {
    const original = patient({ address: '旧地址', emergencyContactPhone: '139****0000' })
    const unchanged = formFromPatient(original)
    expect(unchanged.phone).toBe('')
    expect(toPatientUpdate(original, unchanged, { withRelationship: false })).toEqual({})

    const edited = { ...unchanged, name: '张叁', address: '', allergyClasses: [], chronicConditions: '高血压、哮喘' }
    expect(toPatientUpdate(original, edited, { withRelationship: false })).toEqual({
      name: '张叁',
      address: '',
      allergies: { drugClasses: [], note: '' },
      chronicConditions: ['高血压', '哮喘']
    })
    expect(toPatientUpdate(original, { ...unchanged, phone: '13900001111' }, { withRelationship: false })).toEqual({ phone: '13900001111' })
  })

  it('patches the relationship only for patient accounts', () => {
    const original = patient({ relationship: '本人' })
    const values = { ...formFromPatient(original), relationship: '父母' }
    expect(toPatientUpdate(original, values, { withRelationship: true })).toEqual({ relationship: '父母' })
    expect(toPatientUpdate(original, values, { withRelationship: false })).toEqual({})
  })

  it('splits chronic conditions on Chinese and Latin separators', () => {
    expect(splitConditions('高血压、糖尿病；哮喘,痛风\n 冠心病 ')).toEqual(['高血压', '糖尿病', '哮喘', '痛风', '冠心病'])
    expect(splitConditions(' 、 ')).toEqual([])
  })
})
