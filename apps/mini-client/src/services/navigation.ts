import Taro from '@tarojs/taro'

/** Page paths, in one place so a renamed page breaks the build instead of a tap. */
export const ROUTES = {
  login: '/pages/login/index',
  home: '/pages/home/index',
  departments: '/pages/departments/index',
  catalog: '/pages/catalog/index'
} as const

/** Drops the page stack so "back" cannot return to a page that needs the old session. */
export function relaunchToLogin(): void {
  void Taro.reLaunch({ url: ROUTES.login })
}

export function relaunchToHome(): void {
  void Taro.reLaunch({ url: ROUTES.home })
}
