import Taro from '@tarojs/taro'

export interface PickedTextFile {
  name: string
  text: string
}

/** A file from a WeChat chat (the only files a mini-program can reach); null when the user cancels. */
export async function pickTextFile(_accept: string): Promise<PickedTextFile | null> {
  let picked: Taro.chooseMessageFile.SuccessCallbackResult
  try {
    picked = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['csv', 'txt'] })
  } catch {
    return null
  }
  const file = picked.tempFiles[0]
  if (!file) return null
  const text = String(Taro.getFileSystemManager().readFileSync(file.path, 'utf8'))
  return { name: file.name, text }
}
