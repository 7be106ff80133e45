import { beforeEach, describe, expect, it } from '@jest/globals'
import { taroMock } from '../../../test/taro-mock'
import { getWechatCode } from './wechat-code.h5'

beforeEach(() => {
  taroMock.reset()
})

describe('h5 development WeChat code', () => {
  it('is made once and then the same on every call, so the browser stays one account', async () => {
    const first = await getWechatCode()
    expect(first).toMatch(/^h5-[0-9a-f]{24}$/)
    expect(await getWechatCode()).toBe(first)
    expect(await getWechatCode()).toBe(first)
    // It lives in storage, so a reload (a new module instance reading the same storage) gets it too.
    expect([...taroMock.storage.values()]).toEqual([first])
  })

  it('differs between browsers (separate storage)', async () => {
    const first = await getWechatCode()
    taroMock.reset()
    const second = await getWechatCode()
    expect(second).not.toBe(first)
  })

  it('replaces a stored value that is not a code it made', async () => {
    const [key] = await getWechatCode().then(() => [...taroMock.storage.keys()])
    taroMock.storage.set(key, 'dev-admin')
    const code = await getWechatCode()
    expect(code).toMatch(/^h5-[0-9a-f]{24}$/)
    expect(taroMock.storage.get(key)).toBe(code)
  })
})
