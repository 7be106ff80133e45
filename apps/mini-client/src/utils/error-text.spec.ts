import { describe, expect, it } from '@jest/globals'
import { ApiError } from '../services/api'
import { errorText, fieldErrors } from './error-text'

describe('errorText', () => {
  it('prefers the page text, then the common text, then the server message', () => {
    const taken = new ApiError(409, { code: 'DEPARTMENT.NAME_TAKEN', message: 'Department name already exists' })
    expect(errorText(taken, { 'DEPARTMENT.NAME_TAKEN': '科室名称已存在' })).toBe('科室名称已存在')
    expect(errorText(taken)).toBe('Department name already exists')
    expect(errorText(new ApiError(503, { code: 'UPSTREAM.UNAVAILABLE', message: 'patient-svc down' }))).toBe('服务暂不可用，请稍后重试')
  })

  it('shows the error id of an internal error, never a stack', () => {
    expect(errorText(new ApiError(500, { code: 'INTERNAL', message: 'Error: boom at x.ts:1', errorId: 'e-42' }))).toBe('系统内部错误（编号 e-42）')
  })

  it('lists validation details with translated field names', () => {
    const invalid = new ApiError(400, {
      code: 'VALIDATION.FAILED',
      message: 'Validation failed',
      details: [{ field: 'name', errors: ['name should not be empty'] }]
    })
    expect(fieldErrors(invalid, { name: '科室名称' })).toEqual(['科室名称：name should not be empty'])
  })
})
