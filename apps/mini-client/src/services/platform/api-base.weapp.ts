// A mini-program has no origin of its own: requests need an absolute URL (the dev tools allow
// localhost when "不校验合法域名" is on; production sets TARO_APP_API_BASE to the HTTPS domain).
export const DEFAULT_API_BASE = 'http://localhost:3000'
