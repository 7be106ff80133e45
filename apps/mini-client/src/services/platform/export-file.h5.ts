export const EXPORT_ACTION_LABEL = '下载 JSON 文件'
export const CSV_EXPORT_LABEL = '导出 CSV'

/** Saves the text as a download (JSON unless told otherwise) through a temporary object URL. */
export async function offerExport(text: string, fileName: string, mimeType = 'application/json'): Promise<string> {
  const url = URL.createObjectURL(new Blob([text], { type: `${mimeType};charset=utf-8` }))
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
