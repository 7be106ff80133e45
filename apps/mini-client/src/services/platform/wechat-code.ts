// Fallback for unit tests and the type checker. Taro picks wechat-code.weapp.ts / wechat-code.h5.ts over this
// file when building those targets; any other target has no WeChat, like h5.
export { getWechatCode, WECHAT_LOGIN_NOTE } from './wechat-code.h5'
