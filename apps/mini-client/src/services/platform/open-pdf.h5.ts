import Taro from '@tarojs/taro'
import type { RawFetch } from '../api'
import { jsonOrText } from './json-text'

/** In a browser the PDF arrives as bytes and is shown from a blob URL. */
export type PdfFile = Blob

export const fetchPdf: RawFetch<PdfFile> = async (url, header) => {
  const response = await Taro.request<ArrayBuffer>({ url, method: 'GET', header: { ...header, Accept: 'application/pdf' }, responseType: 'arraybuffer' })
  const bytes = response.data
  if (response.statusCode >= 200 && response.statusCode < 300) {
    return { status: response.statusCode, data: new Blob([bytes], { type: 'application/pdf' }) }
  }
  return { status: response.statusCode, data: bytes ? jsonOrText(new TextDecoder().decode(bytes)) : null }
}

/** Opens the PDF in a new tab; rejects (closing the tab) when the file cannot be had. */
export async function showPdf(pending: Promise<PdfFile>): Promise<void> {
  // Opened now, still inside the tap: a window opened after the download would be taken for a pop-up and blocked.
  const tab = window.open('', '_blank')
  let file: PdfFile
  try {
    file = await pending
  } catch (error) {
    tab?.close()
    throw error
  }
  const url = URL.createObjectURL(file)
  if (tab) {
    tab.location.href = url
  } else {
    const link = document.createElement('a')
    link.href = url
    link.target = '_blank'
    document.body.appendChild(link)
    link.click()
    link.remove()
  }
  // The tab keeps its own copy once loaded; a minute is ample for that.
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}
