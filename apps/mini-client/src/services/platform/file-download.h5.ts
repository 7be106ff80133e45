import Taro from '@tarojs/taro'
import type { RawFetch } from '../api'
import { jsonOrText } from './json-text'

// A report file (XLSX, CSV) from the gateway, saved as a download through a temporary object URL.

export type DownloadedFile = Blob

export const DOWNLOAD_ACTION = '下载'

/** Fetches the file as bytes with the bearer token; a refusal resolves with its ErrorBody like any other reply. */
export function fetchFile(mimeType: string): RawFetch<DownloadedFile> {
  return async (url, header) => {
    const response = await Taro.request<ArrayBuffer>({ url, method: 'GET', header: { ...header, Accept: `${mimeType}, application/json` }, responseType: 'arraybuffer' })
    const bytes = response.data
    if (response.statusCode >= 200 && response.statusCode < 300) {
      return { status: response.statusCode, data: new Blob([bytes], { type: mimeType }) }
    }
    return { status: response.statusCode, data: bytes ? jsonOrText(new TextDecoder().decode(bytes)) : null }
  }
}

/** Saves the file under `fileName`; resolves with what to tell the user. */
export async function saveFile(pending: Promise<DownloadedFile>, fileName: string): Promise<string> {
  const file = await pending
  const url = URL.createObjectURL(file)
  try {
    const link = document.createElement('a')
    link.href = url
    link.download = fileName
    document.body.appendChild(link)
    link.click()
    link.remove()
  } finally {
    // The click has started the download; the browser no longer needs the URL once this task ends.
    setTimeout(() => URL.revokeObjectURL(url), 0)
  }
  return '已开始下载'
}
