import Taro from '@tarojs/taro'

export const WECHAT_LOGIN_NOTE = '浏览器中无法使用微信登录：此处使用本浏览器专属的开发测试账号（正式环境不可用）'

const STORAGE_KEY = 'clinic.h5-wechat-code'
const CODE_PATTERN = /^h5-[0-9a-f]{24}$/

function randomHex(bytes: number): string {
  const values = new Uint8Array(bytes)
  if (globalThis.crypto?.getRandomValues) {
    globalThis.crypto.getRandomValues(values)
  } else {
    // Very old WebViews only; the code names a test account, it guards nothing.
    for (let i = 0; i < bytes; i++) values[i] = Math.floor(Math.random() * 256)
  }
  return Array.from(values, (value) => value.toString(16).padStart(2, '0')).join('')
}

/**
 * There is no WeChat in a browser. The server's development adapter maps code X to openid dev-X, so one random
 * code kept in storage makes this browser the same patient account every time (the production server refuses it).
 */
export async function getWechatCode(): Promise<string> {
  const stored: unknown = Taro.getStorageSync(STORAGE_KEY)
  if (typeof stored === 'string' && CODE_PATTERN.test(stored)) return stored
  const code = `h5-${randomHex(12)}`
  Taro.setStorageSync(STORAGE_KEY, code)
  return code
}
