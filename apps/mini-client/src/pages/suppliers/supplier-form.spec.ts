import { describe, expect, it } from '@jest/globals'
import type { SupplierReply } from '@clinic/contracts'
import { supplierValues, toSupplierInput, toSupplierUpdate, validateSupplier } from './supplier-form'

const SUPPLIER: SupplierReply = { id: 's-1', name: '国药控股', contact: '王经理', createdAt: '2026-11-01T00:00:00Z' }

describe('supplier form', () => {
  it('wants a name within the server\'s length', () => {
    expect(validateSupplier({ name: ' ', contact: '' })).toEqual({ name: '请填写供应商名称' })
    expect(validateSupplier({ name: '商'.repeat(101), contact: '电'.repeat(101) })).toEqual({ name: '名称不能超过 100 个字', contact: '联系方式不能超过 100 个字' })
  })

  it('leaves an empty contact out of a new supplier', () => {
    expect(toSupplierInput({ name: ' 国药控股 ', contact: ' ' })).toEqual({ name: '国药控股' })
    expect(toSupplierInput({ name: '国药控股', contact: '王经理' })).toEqual({ name: '国药控股', contact: '王经理' })
  })

  it('sends only what an edit changed; an emptied contact is sent empty', () => {
    expect(toSupplierUpdate(SUPPLIER, supplierValues(SUPPLIER))).toEqual({})
    expect(toSupplierUpdate(SUPPLIER, { name: '国药控股', contact: '' })).toEqual({ contact: '' })
    expect(toSupplierUpdate(SUPPLIER, { name: '华润医药', contact: '王经理' })).toEqual({ name: '华润医药' })
  })
})
