import Taro from '@tarojs/taro'

/** A mini-program cannot hand a file to the user simply; the text goes to the clipboard instead. */
export const EXPORT_ACTION_LABEL = '复制全部内容'
export const CSV_EXPORT_LABEL = '复制 CSV'

export async function offerExport(text: string, _fileName: string, _mimeType?: string): Promise<string> {
  await Taro.setClipboardData({ data: text })
  return '已复制到剪贴板'
}
