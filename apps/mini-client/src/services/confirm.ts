import Taro from '@tarojs/taro'

/** Asks before something that cannot be undone; resolves true only on the confirm button. */
export async function confirmAction(title: string, content: string, confirmText = '确定', danger = true): Promise<boolean> {
  try {
    const result = await Taro.showModal({
      title,
      content,
      confirmText,
      cancelText: '取消',
      confirmColor: danger ? '#b42318' : '#0f766e'
    })
    return result.confirm
  } catch {
    return false
  }
}
