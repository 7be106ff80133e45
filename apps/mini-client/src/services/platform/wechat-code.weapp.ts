import Taro from '@tarojs/taro'

/** Nothing to explain inside WeChat: the one-tap login is the real thing. */
export const WECHAT_LOGIN_NOTE = ''

/** A one-time code from wx.login(); the server trades it for the user's openid. */
export async function getWechatCode(): Promise<string> {
  const { code } = await Taro.login()
  if (!code) throw new Error('wx.login returned no code')
  return code
}
