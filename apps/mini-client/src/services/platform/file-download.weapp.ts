import Taro from '@tarojs/taro'
import type { RawFetch } from '../api'
import { jsonOrText } from './json-text'

// In the mini-program a report file is a temporary file: a spreadsheet opens in WeChat's document viewer (which can
// forward it); a CSV, which the viewer cannot show, goes to the clipboard.

export type DownloadedFile = string

export const DOWNLOAD_ACTION = '打开'

export function fetchFile(_mimeType: string): RawFetch<DownloadedFile> {
  return async (url, header) => {
    const { statusCode, tempFilePath } = await Taro.downloadFile({ url, header })
    if (statusCode >= 200 && statusCode < 300) return { status: statusCode, data: tempFilePath }
    let text = ''
    try {
      text = String(Taro.getFileSystemManager().readFileSync(tempFilePath, 'utf8'))
    } catch {
      // No file: the status alone says what happened.
    }
    return { status: statusCode, data: jsonOrText(text) }
  }
}

export async function saveFile(pending: Promise<DownloadedFile>, fileName: string): Promise<string> {
  const filePath = await pending
  if (/\.xlsx$/i.test(fileName)) {
    await Taro.openDocument({ filePath, fileType: 'xlsx', showMenu: true })
    return '已打开'
  }
  const text = String(Taro.getFileSystemManager().readFileSync(filePath, 'utf8'))
  await Taro.setClipboardData({ data: text })
  return '已复制到剪贴板'
}
