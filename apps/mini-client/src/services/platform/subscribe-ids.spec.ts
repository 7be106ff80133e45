import { describe, expect, it } from '@jest/globals'
import { templateIdsOf } from './subscribe-ids'

describe('templateIdsOf', () => {
  it('splits the comma-separated setting and drops blanks', () => {
    expect(templateIdsOf(' tplA, tplB,,tplC ,')).toEqual(['tplA', 'tplB', 'tplC'])
  })
  it('is empty without a setting', () => {
    expect(templateIdsOf(undefined)).toEqual([])
    expect(templateIdsOf('')).toEqual([])
  })
})
