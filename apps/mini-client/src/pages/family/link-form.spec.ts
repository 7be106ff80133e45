import { describe, expect, it } from '@jest/globals'
import { emptyLinkForm, toLinkInput, validateLinkForm } from './link-form'

describe('link form', () => {
  it('needs a valid ID card number, a mobile number and the relationship', () => {
    expect(validateLinkForm(emptyLinkForm())).toEqual({
      idCardNo: '请填写身份证号',
      phone: '请填写登记时留的手机号',
      relationship: '请选择与本人关系'
    })
    expect(validateLinkForm({ idCardNo: '110101199001310011', phone: '13800138000', relationship: '本人' })).toEqual({
      idCardNo: '身份证号校验失败'
    })
  })

  it('sends the normalised numbers', () => {
    const values = { idCardNo: ' 11010519491231002x ', phone: ' 13800138000 ', relationship: '父母' }
    expect(validateLinkForm(values)).toEqual({})
    expect(toLinkInput(values)).toEqual({ idCardNo: '11010519491231002X', phone: '13800138000', relationship: '父母' })
  })
})
