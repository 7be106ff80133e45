import Taro from '@tarojs/taro'
import type { RawFetch } from '../api'
import { jsonOrText } from './json-text'

/** In the mini-program the PDF is a temporary file (the gateway's domain must be a 下载合法域名 too). */
export type PdfFile = string

export const fetchPdf: RawFetch<PdfFile> = async (url, header) => {
  const { statusCode, tempFilePath } = await Taro.downloadFile({ url, header })
  if (statusCode >= 200 && statusCode < 300) return { status: statusCode, data: tempFilePath }
  // A refusal's ErrorBody was written to the file like any other reply.
  let text = ''
  try {
    text = String(Taro.getFileSystemManager().readFileSync(tempFilePath, 'utf8'))
  } catch {
    // No file: the status alone says what happened.
  }
  return { status: statusCode, data: jsonOrText(text) }
}

/** WeChat's document viewer, which can also print or forward the file. */
export async function showPdf(pending: Promise<PdfFile>): Promise<void> {
  const filePath = await pending
  await Taro.openDocument({ filePath, fileType: 'pdf', showMenu: true })
}
